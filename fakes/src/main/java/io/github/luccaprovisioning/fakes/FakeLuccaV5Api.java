package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Lucca API v5 on loopback, as far as a directory sync uses it: the OAuth2 token endpoint ({@code POST
 * /connect/token}, form-encoded client credentials, the granted {@code scope} in the answer),
 * {@code GET /lucca-api/employees} with the bearer token and {@code Api-Version: 2024-11-01}, {@code limit} at most
 * 100, opaque cursors in {@code links.next.href}, {@code include=embedded,links,totalCount}, {@code status},
 * {@code /lucca-api/departments} and {@code /lucca-api/legal-entities}, and one employee,
 * {@code GET /lucca-api/employees/{id}}. It serves people put one by one, or the people of v3 user records (the
 * sandbox's directory), as v5 has them. Tests change the directory, expire tokens, throttle, drop pages, fail the
 * reads of one employee and inspect the requests.
 */
public final class FakeLuccaV5Api extends HttpFake {

    public static final String API_VERSION = "2024-11-01";
    private static final String EMPLOYEE_PATH = "/lucca-api/employees/";

    /** What the fake saw of one request. */
    public record Request(String method, String path, String query, String authorization, String apiVersion, String body) {
    }

    private final String clientId;
    private final String clientSecret;
    private final Map<String, ObjectNode> employees = new ConcurrentHashMap<>();
    private final Map<String, String> departments = new LinkedHashMap<>();
    private final Map<String, String> legalEntities = new LinkedHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger throttledLeft = new AtomicInteger();
    private volatile String retryAfter;
    private volatile int expiresIn = 1800;
    private volatile boolean lastPageMissing;
    private volatile int namesPerPage = Integer.MAX_VALUE;
    private volatile Set<String> grantable;
    private volatile int employeeReadFailure;

    /** A tenant with the departments 17 (Sales) and 21 (Customer Support) and the legal entity 2, and nobody yet. */
    public FakeLuccaV5Api(String clientId, String clientSecret) throws IOException {
        super(4);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        departments.put("17", "Sales");
        departments.put("21", "Customer Support");
        legalEntities.put("2", "Acme France SAS");
    }

    /**
     * The people of these Lucca v3 user records (for example {@link SandboxDirectory#generate}), as v5 serves them:
     * the same ids (as strings), names, work email, employee number, contract dates, legal entity, department,
     * job title and manager, {@code professionalMobile} as {@code phoneNumber}, and the status the contract dates
     * give today. What v5 does not have on the employee ({@code login}, {@code culture}, {@code directLine}, gender,
     * birth date, the analytical axes) is not served.
     */
    public FakeLuccaV5Api(String clientId, String clientSecret, Collection<ObjectNode> v3Users) throws IOException {
        super(4);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        LocalDate today = LocalDate.now();
        for (ObjectNode user : v3Users) {
            putV3(user, today);
        }
    }

    /** The address to configure as lucca.token-url. */
    public String tokenUrl() {
        return baseUrl() + "/connect/token";
    }

    /**
     * Adds or replaces an employee with an applicable employment (legal entity 2) and job position (an Account
     * Manager in department 17).
     *
     * @param end the employment's last day (yyyy-MM-dd), or null
     */
    public void put(String id, String givenName, String familyName, String status, String start, String end, String managerId) {
        ObjectNode employee = employee(id, givenName, familyName, status);
        employee.put("email", (givenName + "." + familyName).toLowerCase() + "@acme.example");
        employee.put("employeeNumber", id.matches("\\d+") ? String.format("%05d", Long.parseLong(id)) : id);
        put(employee, employment(id, start, end, "2"), jobPosition(id, "Account Manager", "17", managerId));
    }

    /** A v3 user record as v5 has it; its department and legal entity join the names served. */
    private void putV3(ObjectNode user, LocalDate today) {
        String id = user.get("id").asText();
        String start = day(user.path("dtContractStart"));
        String end = day(user.path("dtContractEnd"));
        String status = end != null && LocalDate.parse(end).isBefore(today) ? "deactivated"
                : start != null && LocalDate.parse(start).isAfter(today) ? "upcoming" : "active";
        ObjectNode employee = employee(id, user.path("firstName").asText(), user.path("lastName").asText(), status);
        employee.put("email", user.path("mail").asText(null));
        employee.put("employeeNumber", user.path("employeeNumber").asText(null));
        employee.put("phoneNumber", user.path("professionalMobile").asText(null));
        String modifiedAt = user.path("modifiedAt").asText(null);
        employee.put("lastUpdatedAt", modifiedAt == null ? null : modifiedAt + "Z");
        String legalEntity = reference(user.path("legalEntity"), legalEntities);
        String department = reference(user.path("department"), departments);
        put(employee, employment(id, start, end, legalEntity),
                jobPosition(id, user.path("jobTitle").asText(null), department, user.path("manager").path("id").asText(null)));
    }

    /** v3's "2021-03-15T00:00:00" as v5's "2021-03-15", or null. */
    private static String day(JsonNode dateTime) {
        return dateTime.isTextual() && dateTime.asText().length() >= 10 ? dateTime.asText().substring(0, 10) : null;
    }

    /** The id of a v3 reference ({id, name}), its name kept among the names served; null for none. */
    private static String reference(JsonNode reference, Map<String, String> names) {
        String id = reference.path("id").asText(null);
        if (id != null) {
            names.put(id, reference.path("name").asText());
        }
        return id;
    }

    private ObjectNode employee(String id, String givenName, String familyName, String status) {
        ObjectNode employee = JSON.createObjectNode();
        employee.put("id", id).put("type", "employee").put("url", baseUrl() + "/lucca-api/employees/" + id);
        employee.put("givenName", givenName).put("familyName", familyName);
        employee.put("status", status);
        employee.putObject("applicableEmployment").put("id", "em-" + id).put("type", "employment");
        employee.putObject("applicableJobPosition").put("id", "jp-" + id).put("type", "job-position");
        return employee;
    }

    private static ObjectNode employment(String id, String start, String end, String legalEntity) {
        ObjectNode employment = JSON.createObjectNode().put("id", "em-" + id).put("type", "employment");
        employment.putObject("start").put("date", start);
        if (end == null) {
            employment.putNull("end");
        } else {
            employment.putObject("end").put("date", end);
        }
        reference(employment, "legalEntity", legalEntity, "legal-entity");
        employment.putObject("template").put("id", "t1").put("term", end == null ? "permanent" : "fixed");
        return employment;
    }

    private static ObjectNode jobPosition(String id, String jobTitle, String department, String manager) {
        ObjectNode job = JSON.createObjectNode().put("id", "jp-" + id).put("type", "job-position");
        job.put("jobTitle", jobTitle);
        reference(job, "department", department, "department");
        reference(job, "manager", manager, "employee");
        return job;
    }

    /** A v5 reference ({id, type}), or null. */
    private static void reference(ObjectNode on, String field, String id, String type) {
        if (id == null) {
            on.putNull(field);
        } else {
            on.putObject(field).put("id", id).put("type", type);
        }
    }

    private void put(ObjectNode employee, ObjectNode employment, ObjectNode job) {
        ObjectNode record = JSON.createObjectNode();
        record.set("employee", employee);
        record.set("employment", employment);
        record.set("job", job);
        employees.put(employee.get("id").asText(), record);
    }

    public void remove(String id) {
        employees.remove(id);
    }

    /** Tokens issued so far are refused from now on (401), as an expired one is. */
    public void expireTokens() {
        validTokens.clear();
    }

    /** The lifetime, in seconds, of the tokens issued from now on. */
    public void issueTokensFor(int seconds) {
        expiresIn = seconds;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Answers the next {@code times} API requests (not token requests) with 429 and this Retry-After. */
    public void throttleNext(int times, String retryAfterSeconds) {
        retryAfter = retryAfterSeconds;
        throttledLeft.set(times);
    }

    /** The page before the last links to no next page, while totalCount still counts everyone. */
    public void loseLastPage(boolean lose) {
        lastPageMissing = lose;
    }

    /**
     * Serves at most this many names a page of departments and legal entities, whatever limit was asked, so that a
     * test sees the names' pages followed.
     */
    public void limitNamesPages(int names) {
        namesPerPage = names;
    }

    /**
     * The client app is given only these scopes from now on: a token is granted those of the scopes asked that are
     * among them, and says so in its {@code scope}. By default it is granted every scope asked.
     */
    public void grantOnly(String... scopes) {
        grantable = Set.of(scopes);
    }

    /** Answers every read of one employee ({@code /lucca-api/employees/{id}}) with this status from now on; 0: serves them. */
    public void failEmployeeReads(int status) {
        employeeReadFailure = status;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String apiVersion = exchange.getRequestHeaders().getFirst("Api-Version");
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), authorization, apiVersion, body));
        if (path.equals("/connect/token")) {
            token(exchange, body);
            return;
        }
        markDeprecation(exchange);
        if (authorization == null || !authorization.startsWith("Bearer ") || !validTokens.contains(authorization.substring(7))) {
            problem(exchange, 401, "Unauthorized");
            return;
        }
        if (!API_VERSION.equals(apiVersion)) {
            problem(exchange, 400, "Api-Version header missing or unknown");
            return;
        }
        if (throttledLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
            problem(exchange, 429, "Too Many Requests");
            return;
        }
        Map<String, String> query = query(exchange);
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        if (limit > 100) {
            problem(exchange, 400, "limit must be at most 100");
            return;
        }
        switch (path) {
            case "/lucca-api/employees" -> employees(exchange, query, limit);
            case "/lucca-api/departments" -> names(exchange, query, limit, departments, "name", "/lucca-api/departments");
            case "/lucca-api/legal-entities" -> names(exchange, query, limit, legalEntities, "legalName", "/lucca-api/legal-entities");
            default -> {
                if (path.startsWith(EMPLOYEE_PATH)) {
                    employee(exchange, path.substring(EMPLOYEE_PATH.length()), query);
                } else {
                    problem(exchange, 404, "Not Found");
                }
            }
        }
    }

    private void token(HttpExchange exchange, String body) throws IOException {
        Map<String, String> form = parameters(body);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")
                || !"client_credentials".equals(form.get("grant_type"))
                || !clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}", "application/json");
            return;
        }
        String token = "token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        Set<String> granted = grantable;
        String scope = Arrays.stream(form.getOrDefault("scope", "").split(" ")).filter(asked -> !asked.isEmpty())
                .filter(asked -> granted == null || granted.contains(asked)).collect(Collectors.joining(" "));
        respond(exchange, 200, JSON.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", expiresIn).put("scope", scope), "application/json");
    }

    private void employees(HttpExchange exchange, Map<String, String> query, int limit) throws IOException {
        Set<String> statuses = Set.of(query.getOrDefault("status", "active,upcoming").split(","));
        List<ObjectNode> selected = new ArrayList<>(employees.values().stream()
                .filter(record -> statuses.contains(record.path("employee").path("status").asText()))
                .sorted((a, b) -> a.path("employee").path("id").asText().compareTo(b.path("employee").path("id").asText()))
                .toList());
        int offset = offset(query);
        int end = Math.min(selected.size(), offset + limit);
        boolean next = end < selected.size() && !(lastPageMissing && end + limit >= selected.size());
        ObjectNode page = JSON.createObjectNode().put("type", "employees");
        ArrayNode items = page.putArray("items");
        ObjectNode employment = JSON.createObjectNode();
        ObjectNode jobs = JSON.createObjectNode();
        for (ObjectNode record : selected.subList(Math.min(offset, end), end)) {
            items.add(record.get("employee"));
            employment.set(record.path("employment").path("id").asText(), record.get("employment"));
            jobs.set(record.path("job").path("id").asText(), record.get("job"));
        }
        String include = query.getOrDefault("include", "");
        if (include.contains("embedded")) {
            page.putObject("embedded").<ObjectNode>set("employment", employment).set("job-position", jobs);
        }
        if (include.contains("totalCount")) {
            page.put("totalCount", selected.size());
        }
        if (include.contains("links")) {
            links(page, next, "/lucca-api/employees", query, end);
        }
        respond(exchange, 200, page, "application/json");
    }

    /** {@code GET /lucca-api/employees/{id}}: the employee, with its employment and job position embedded. */
    private void employee(HttpExchange exchange, String id, Map<String, String> query) throws IOException {
        int failure = employeeReadFailure;
        ObjectNode record = employees.get(URLDecoder.decode(id, StandardCharsets.UTF_8));
        if (failure != 0 || record == null) {
            problem(exchange, failure != 0 ? failure : 404, failure != 0 ? "Failed" : "Not Found");
            return;
        }
        ObjectNode employee = record.get("employee").deepCopy();
        if (query.getOrDefault("include", "").contains("embedded")) {
            ObjectNode embedded = employee.putObject("embedded");
            embedded.putObject("employment").set(record.path("employment").path("id").asText(), record.get("employment"));
            embedded.putObject("job-position").set(record.path("job").path("id").asText(), record.get("job"));
        }
        respond(exchange, 200, employee, "application/json");
    }

    private void names(HttpExchange exchange, Map<String, String> query, int limit, Map<String, String> names, String field,
                       String path) throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>(names.entrySet());
        int offset = offset(query);
        int end = Math.min(all.size(), offset + Math.min(limit, namesPerPage));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        all.subList(Math.min(offset, end), end).forEach(entry -> items.addObject().put("id", entry.getKey()).put(field, entry.getValue()));
        links(page, end < all.size(), path, query, end);
        respond(exchange, 200, page, "application/json");
    }

    private static void links(ObjectNode page, boolean next, String path, Map<String, String> query, int nextOffset) {
        ObjectNode links = page.putObject("links");
        links.putNull("prev");
        if (!next) {
            links.putNull("next");
            return;
        }
        StringBuilder href = new StringBuilder(path).append('?');
        query.forEach((key, value) -> {
            if (!key.equals("page")) {
                href.append(key).append('=').append(value).append('&');
            }
        });
        String cursor = "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + nextOffset).getBytes(StandardCharsets.UTF_8));
        links.putObject("next").put("href", href.append("page=").append(cursor).toString());
    }

    private static int offset(Map<String, String> query) {
        String cursor = query.get("page");
        if (cursor == null) {
            return 0;
        }
        return Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor.substring(1)), StandardCharsets.UTF_8).substring(1));
    }

    private static void problem(HttpExchange exchange, int status, String title) throws IOException {
        respond(exchange, status, JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status),
                "application/problem+json");
    }
}
