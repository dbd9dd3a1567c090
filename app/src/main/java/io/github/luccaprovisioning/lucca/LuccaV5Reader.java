package io.github.luccaprovisioning.lucca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Lucca API v5 ({@code /lucca-api/employees}, cursor paging, the applicable employment and job position
 * embedded) into the employee model the rest of the sync reads: the v3 user's fields ({@code id},
 * {@code firstName}, {@code lastName}, {@code mail}, {@code employeeNumber}, {@code dtContractStart},
 * {@code dtContractEnd}, {@code legalEntity}, {@code department}, {@code manager}, {@code jobTitle}), so that
 * scope filters, change keys, the mapping and the lifecycle are the same for both APIs. Ids stay Lucca's strings.
 * v5 has no {@code login}, {@code culture} or {@code directLine}: they are left out. The permanent or fixed term of
 * the employment is {@code contractType}.
 */
public final class LuccaV5Reader {

    /** Lucca v5 serves at most 100 employees a page. */
    public static final int MAX_PAGE_SIZE = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final Clock clock;

    public LuccaV5Reader(LuccaTenant tenant) {
        this(tenant.getBaseUrl(), Clock.systemDefaultZone());
    }

    LuccaV5Reader(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** The names of departments and legal entities, read once per run: v5 employees only refer to them by id. */
    public static final class Names {
        private final Map<String, String> departments = new ConcurrentHashMap<>();
        private final Map<String, String> legalEntities = new ConcurrentHashMap<>();

        String department(String id) {
            return departments.get(id);
        }

        String legalEntity(String id) {
            return legalEntities.get(id);
        }
    }

    public Names newNames() {
        return new Names();
    }

    /** The first page of the employees, former ones included, or the page Lucca linked to last. */
    public String employeesUrl(DirectoryRead read) {
        String next = read.getNextUrl();
        return next != null ? resolve(next) : baseUrl + "/lucca-api/employees?include=embedded,links,totalCount"
                + "&status=active,upcoming,deactivated&limit=" + Math.min(read.getPageSize(), MAX_PAGE_SIZE);
    }

    /** One employee and the count of everyone, former employees included: what --check asks. */
    public String countUrl() {
        return baseUrl + "/lucca-api/employees?include=totalCount&status=active,upcoming,deactivated&limit=1";
    }

    /** The one employee of a webhook run, with the same employment and job position embedded as the list's. */
    public String employeeUrl(DirectoryRead read) {
        // a path segment: a space is %20 there, not the + of a form
        return baseUrl + "/lucca-api/employees/" + URLEncoder.encode(read.getEmployeeId(), StandardCharsets.UTF_8).replace("+", "%20")
                + "?include=embedded";
    }

    /** The first page of a list of departments or legal entities. */
    public String listUrl(String list) {
        return baseUrl + "/lucca-api/" + list + "?include=links&limit=" + MAX_PAGE_SIZE;
    }

    /**
     * What the first page announces of the whole read: pages of at most 100 at {@code requestsPerMinute}, for
     * example 10,000 employees take 100 pages, two minutes and a half at 40 a minute.
     */
    public String expectedReadTime(DirectoryRead read, int requestsPerMinute) {
        Integer pages = read.getPagesAnnounced();
        if (pages == null) {
            return "Lucca v5: the first page did not say how many employees there are";
        }
        long seconds = Math.round(Math.ceil(pages * 60.0 / Math.max(1, requestsPerMinute)));
        return "Lucca v5: " + read.getAnnounced() + " employees in " + pages + " pages, about "
                + (seconds < 120 ? seconds + " s" : (seconds + 59) / 60 + " min") + " of reading at " + requestsPerMinute
                + " requests a minute (lucca.max-requests-per-minute)";
    }

    /** The address of a request without its query, for the HTTP endpoint. */
    public String address(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The raw query of a request, or null. */
    public String query(String url) {
        int query = url.indexOf('?');
        return query < 0 ? null : url.substring(query + 1);
    }

    /**
     * Keeps the names on one page of {@code /lucca-api/departments} ({@code name}) or
     * {@code /lucca-api/legal-entities} ({@code legalName}).
     *
     * @return the address of the next page, or null after the last
     */
    public String namesPage(int status, String retryAfter, InputStream body, Names names, String list) throws IOException {
        JsonNode page = page(status, retryAfter, body, list);
        boolean departments = "departments".equals(list);
        for (JsonNode item : page.get("items")) {
            String id = item.path("id").asText();
            if (departments) {
                names.departments.put(id, item.path("name").asText());
            } else {
                names.legalEntities.put(id, item.path("legalName").asText(item.path("name").asText()));
            }
        }
        String next = next(page);
        return next == null ? null : resolve(next);
    }

    /**
     * Reads one page of {@code /lucca-api/employees} into employees of the common model and notes it in the read.
     *
     * @return the employees on this page, in Lucca's order
     */
    public ArrayNode readPage(int status, String retryAfter, InputStream body, DirectoryRead read, Names names) throws IOException {
        JsonNode page = page(status, retryAfter, body, "employees");
        JsonNode embedded = page.path("embedded");
        ArrayNode employees = json.createArrayNode();
        for (JsonNode item : page.get("items")) {
            employees.add(employee(item, embedded, names));
        }
        JsonNode total = page.path("totalCount");
        read.cursorPageReceived(employees.size(), total.isNumber() ? total.asInt() : null, next(page));
        return employees;
    }

    /**
     * Reads the answer to {@link #employeeUrl} into the one employee of the common model, and notes it in the read. A
     * 404 (no such employee, or not one the client app may see) is no employee: nobody is deactivated for it.
     *
     * @return the employee, or nobody after a 404
     */
    public ArrayNode readEmployee(int status, String retryAfter, InputStream body, DirectoryRead read, Names names) throws IOException {
        ArrayNode employees = json.createArrayNode();
        if (status == 404) {
            read.employeeReceived(false);
            return employees;
        }
        if (status == 429 || status >= 500) {
            throw new LuccaUnavailableException(LuccaPageReader.explain(status), retryAfter);
        }
        if (status != 200) {
            throw new LuccaReadException(explain(status, "employees"));
        }
        JsonNode item = body == null ? null : json.readTree(body);
        if (item == null || !read.getEmployeeId().equals(item.path("id").asText())) {
            throw new LuccaReadException("Lucca answered the read of employee " + read.getEmployeeId()
                    + " without that employee: is lucca.base-url the tenant's address?");
        }
        employees.add(employee(item, item.path("embedded"), names));
        read.employeeReceived(true);
        return employees;
    }

    private ObjectNode employee(JsonNode item, JsonNode embedded, Names names) {
        ObjectNode employee = json.createObjectNode();
        employee.put("id", item.path("id").asText());
        String given = item.path("givenName").asText("");
        String family = item.path("familyName").asText("");
        employee.put("firstName", given);
        employee.put("lastName", family);
        employee.put("name", (given + " " + family).strip());
        employee.put("displayName", (family + " " + given).strip());
        copyText(item, "email", employee, "mail");
        copyText(item, "employeeNumber", employee, "employeeNumber");
        copyText(item, "phoneNumber", employee, "professionalMobile");
        copyText(item, "lastUpdatedAt", employee, "modifiedAt");
        employee.put("status", item.path("status").asText());
        JsonNode employment = embedded.path("employment").path(item.path("applicableEmployment").path("id").asText());
        String start = employment.path("start").path("date").asText(null);
        String end = employment.path("end").path("date").asText(null);
        if ("deactivated".equals(item.path("status").asText()) && end == null) {
            // Lucca says this person has no employment now nor planned: a leaver, whatever the employment says
            end = LocalDate.now(clock).minusDays(1).toString();
        }
        employee.put("dtContractStart", start);
        employee.put("dtContractEnd", end);
        String legalEntity = employment.path("legalEntity").path("id").asText(null);
        employee.set("legalEntity", reference(legalEntity, legalEntity == null ? null : names.legalEntity(legalEntity)));
        String term = employment.path("template").path("term").asText(null);
        if (term != null) {
            employee.put("contractType", term);
        }
        JsonNode job = embedded.path("job-position").path(item.path("applicableJobPosition").path("id").asText());
        copyText(job, "jobTitle", employee, "jobTitle");
        String department = job.path("department").path("id").asText(null);
        employee.set("department", reference(department, department == null ? null : names.department(department)));
        String manager = job.path("manager").path("id").asText(null);
        employee.set("manager", reference(manager, null));
        return employee;
    }

    private JsonNode reference(String id, String name) {
        if (id == null) {
            return json.nullNode();
        }
        ObjectNode reference = json.createObjectNode().put("id", id);
        if (name != null) {
            reference.put("name", name);
        }
        return reference;
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.path(field);
        if (value.isTextual()) {
            to.put(as, value.asText());
        }
    }

    private JsonNode page(int status, String retryAfter, InputStream body, String list) throws IOException {
        if (status == 429 || status >= 500) {
            throw new LuccaUnavailableException(LuccaPageReader.explain(status), retryAfter);
        }
        if (status != 200) {
            throw new LuccaReadException(explain(status, list));
        }
        JsonNode page = body == null ? null : json.readTree(body);
        if (page == null || !page.path("items").isArray()) {
            throw new LuccaReadException("Lucca answered without a list of " + list + " (no items): is lucca.base-url the tenant's address?");
        }
        return page;
    }

    private static String next(JsonNode page) {
        JsonNode href = page.path("links").path("next").path("href");
        return href.isTextual() && !href.asText().isBlank() ? href.asText() : null;
    }

    private String resolve(String href) {
        return URI.create(baseUrl + "/").resolve(href).toString();
    }

    /** What a status other than 200 to a read of {@code /lucca-api/<list>} means, and the fix. */
    public static String explain(int status, String list) {
        return switch (status) {
            case 401 -> "Lucca refused the OAuth token (HTTP 401), even a new one: check the client app in Lucca's integration keys";
            case 403 -> "Lucca denied access to /lucca-api/" + list + " (HTTP 403): give the client app the scope " + list
                    + ".readonly (lucca.scopes) and its business establishments";
            case 404 -> "Lucca has no /lucca-api/" + list + " here (HTTP 404): check lucca.subdomain";
            default -> "Lucca answered HTTP " + status + " to the read of " + list;
        };
    }
}
