package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lucca API v5 on loopback, as far as a directory sync uses it: the OAuth2 token endpoint ({@code POST
 * /connect/token}, form-encoded client credentials), {@code GET /lucca-api/employees} with the bearer token and
 * {@code Api-Version: 2024-11-01}, {@code limit} at most 100, opaque cursors in {@code links.next.href},
 * {@code include=embedded,links,totalCount}, {@code status}, and {@code /lucca-api/departments} and
 * {@code /lucca-api/legal-entities}, and one employee, {@code GET /lucca-api/employees/{id}}. Tests change the
 * directory, expire tokens, throttle, drop pages, fail the reads of one employee and inspect the requests.
 */
public final class FakeLuccaV5Api implements AutoCloseable {

    public static final String API_VERSION = "2024-11-01";
    private static final String EMPLOYEE_PATH = "/lucca-api/employees/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake saw of one request. */
    public record Request(String method, String path, String query, String authorization, String apiVersion, String body) {
    }

    private final HttpServer server;
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
    private volatile String deprecation;
    private volatile String sunset;
    private volatile int employeeReadFailure;

    public FakeLuccaV5Api(String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        departments.put("17", "Sales");
        departments.put("21", "Customer Support");
        legalEntities.put("2", "Acme France SAS");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
    }

    /** The address to configure as lucca.base-url. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return baseUrl() + "/connect/token";
    }

    /**
     * Adds or replaces an employee with an applicable employment and job position.
     *
     * @param end the employment's last day (yyyy-MM-dd), or null
     */
    public void put(String id, String givenName, String familyName, String status, String start, String end, String managerId) {
        ObjectNode employee = JSON.createObjectNode();
        employee.put("id", id).put("type", "employee").put("url", baseUrl() + "/lucca-api/employees/" + id);
        employee.put("givenName", givenName).put("familyName", familyName);
        employee.put("email", (givenName + "." + familyName).toLowerCase() + "@acme.example");
        employee.put("employeeNumber", id.matches("\\d+") ? String.format("%05d", Long.parseLong(id)) : id);
        employee.put("status", status);
        employee.putObject("applicableEmployment").put("id", "em-" + id).put("type", "employment");
        employee.putObject("applicableJobPosition").put("id", "jp-" + id).put("type", "job-position");
        ObjectNode employment = JSON.createObjectNode().put("id", "em-" + id).put("type", "employment");
        employment.putObject("start").put("date", start);
        if (end == null) {
            employment.putNull("end");
        } else {
            employment.putObject("end").put("date", end);
        }
        employment.putObject("legalEntity").put("id", "2").put("type", "legal-entity");
        employment.putObject("template").put("id", "t1").put("term", end == null ? "permanent" : "fixed");
        ObjectNode job = JSON.createObjectNode().put("id", "jp-" + id).put("type", "job-position");
        job.put("jobTitle", "Account Manager");
        job.putObject("department").put("id", "17").put("type", "department");
        if (managerId == null) {
            job.putNull("manager");
        } else {
            job.putObject("manager").put("id", managerId).put("type", "employee");
        }
        ObjectNode record = JSON.createObjectNode();
        record.set("employee", employee);
        record.set("employment", employment);
        record.set("job", job);
        employees.put(id, record);
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

    /** Puts these Deprecation and Sunset headers on every API answer from now on. */
    public void announceDeprecation(String deprecationHeader, String sunsetHeader) {
        deprecation = deprecationHeader;
        sunset = sunsetHeader;
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

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String apiVersion = exchange.getRequestHeaders().getFirst("Api-Version");
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), authorization, apiVersion, body));
        if (path.equals("/connect/token")) {
            token(exchange, body);
            return;
        }
        if (deprecation != null) {
            exchange.getResponseHeaders().set("Deprecation", deprecation);
            exchange.getResponseHeaders().set("Sunset", sunset);
        }
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
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
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
        Map<String, String> form = parse(body);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")
                || !"client_credentials".equals(form.get("grant_type"))
                || !clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = "token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        respond(exchange, 200, JSON.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", expiresIn).toString());
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
        respond(exchange, 200, page.toString());
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
        respond(exchange, 200, employee.toString());
    }

    private void names(HttpExchange exchange, Map<String, String> query, int limit, Map<String, String> names, String field,
                       String path) throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>(names.entrySet());
        int offset = offset(query);
        // one name a page, so that a test sees the names' pages followed too
        int end = Math.min(all.size(), offset + Math.min(limit, 1));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        all.subList(Math.min(offset, end), end).forEach(entry -> items.addObject().put("id", entry.getKey()).put(field, entry.getValue()));
        links(page, end < all.size(), path, query, end);
        respond(exchange, 200, page.toString());
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

    private static Map<String, String> parse(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            parameters.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void problem(HttpExchange exchange, int status, String title) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(exchange, status, JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status).toString());
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, json);
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
