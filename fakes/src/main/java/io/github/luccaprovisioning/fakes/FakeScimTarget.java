package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCIM 2.0 service provider on loopback (RFC 7644), as far as provisioning uses it: Users with POST, GET by id,
 * GET with {@code filter=userName eq "…"}, {@code externalId eq "…"} or both joined by {@code or}, GET without a filter
 * page by page ({@code startIndex}, {@code count}, at most {@value #MAX_RESULTS} a page, in creation order), PUT, PATCH
 * (replace/add/remove), DELETE;
 * bearer token; 409 {@code uniqueness} on a duplicate userName (case-insensitive, as RFC 7643 says); Bulk
 * ({@code POST /Bulk} with POST, PUT, PATCH and DELETE operations on /Users, each with its own status, 413 past its
 * limits), which its /ServiceProviderConfig advertises unless told not to.
 * It can keep its users in a file so that the sandbox remembers them between runs, and tests can make it fail.
 */
public final class FakeScimTarget extends HttpFake {

    private static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    /** {@code userName eq "…"} or {@code externalId eq "…"}, the value a JSON-like string (\" and \\ escaped). */
    private static final String CLAUSE = "(userName|externalId) eq \"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern FILTER = Pattern.compile("^" + CLAUSE + "(?: or " + CLAUSE + ")?$", Pattern.CASE_INSENSITIVE);
    private static final String BULK_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    private static final String SERVICE_PROVIDER_CONFIG = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"],"
            + "\"patch\":{\"supported\":true},\"bulk\":%s,\"filter\":{\"supported\":true,\"maxResults\":200},"
            + "\"changePassword\":{\"supported\":false},\"sort\":{\"supported\":false},\"etag\":{\"supported\":false}}";
    /** The most users one page of a listing holds, whatever the count asked (filter.maxResults). */
    static final int MAX_RESULTS = 200;
    private static final Pattern USER_PATH = Pattern.compile("^/Users(?:/([^/]+))?$");

    /** What the fake saw of one request. */
    public record Request(String method, String path, String query, String authorization, JsonNode body) {
    }

    /** An answer worked out before it is sent: to a request of its own, or to one operation of a bulk request. */
    private record Answer(int status, JsonNode body) {
    }

    /** A scripted answer for the requests that match. */
    private record Rule(Predicate<Request> matches, int status, String scimType, String detail, String retryAfter,
                        AtomicInteger timesLeft) {
    }

    private final String token;
    private final Path storage;
    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    /** The ids in creation order, so that pages of a listing follow one another. */
    private final List<String> listingOrder = new ArrayList<>();
    private final Map<String, String> idsByUserName = new ConcurrentHashMap<>();
    private final Map<String, String> idsByExternalId = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> costCenters = new java.util.LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile long latencyMillis;
    private volatile boolean keepRequests = true;
    private final java.util.concurrent.atomic.AtomicLong requestCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong busyNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong throttledCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong writeCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong bulkRequestCount = new java.util.concurrent.atomic.AtomicLong();
    private volatile int requestsPerSecond;
    private long rateWindowSecond;
    private int rateWindowCount;
    private final AtomicInteger searchesToMiss = new AtomicInteger();
    private volatile boolean bulkSupported = true;
    private volatile int bulkMaxOperations = 1000;
    private volatile int bulkMaxPayloadSize = 1_048_576;
    private final Map<String, Answer> bulkOperationFailures = new ConcurrentHashMap<>();

    /**
     * @param token   the bearer token it accepts
     * @param storage a JSON file to keep the users in between runs, or null to keep them in memory only
     */
    public FakeScimTarget(String token, Path storage) throws IOException {
        super(32);
        this.token = token;
        this.storage = storage;
        if (storage != null && Files.exists(storage)) {
            for (JsonNode user : JSON.readTree(storage.toFile())) {
                store((ObjectNode) user);
            }
        }
    }

    /** The SCIM base URL, the part before /Users. */
    public String scimBaseUrl() {
        return baseUrl() + "/scim/v2";
    }

    /** Answers the next {@code times} requests that match with this SCIM error instead of serving them. */
    public void failMatching(Predicate<Request> matches, int times, int status, String scimType, String detail) {
        rules.add(new Rule(matches, status, scimType, detail, null, new AtomicInteger(times)));
    }

    /** Answers the next {@code times} requests that match with 429 Too Many Requests and this Retry-After. */
    public void throttle(Predicate<Request> matches, int times, String retryAfter) {
        rules.add(new Rule(matches, 429, null, "too many requests", retryAfter, new AtomicInteger(times)));
    }

    /** Adds an account as if someone had created it in the target before the sync; returns its id. */
    public String addAccount(ObjectNode user) {
        String id = UUID.randomUUID().toString();
        user.put("id", id);
        store(user);
        return id;
    }

    /** Answers 403 to every listing (GET /Users without a filter), like a target that only allows filtered searches. */
    public void refuseListing() {
        failMatching(FakeScimTarget::isListing, Integer.MAX_VALUE, 403, null, "listing users is not allowed");
    }

    /** Answers this status to every page of a listing from this startIndex on, like a target failing half-way. */
    public void failListingFrom(int startIndex, int status) {
        failMatching(request -> isListing(request) && startIndexOf(request.query()) >= startIndex, Integer.MAX_VALUE,
                status, null, "the listing failed");
    }

    /** Whether this request lists the users (GET /Users without a filter). */
    public static boolean isListing(Request request) {
        return request.method().equals("GET") && request.path().equals("/Users")
                && (request.query() == null || !request.query().contains("filter="));
    }

    private static int startIndexOf(String query) {
        Matcher startIndex = Pattern.compile("(?:^|&)startIndex=(\\d+)").matcher(query == null ? "" : query);
        return startIndex.find() ? Integer.parseInt(startIndex.group(1)) : 1;
    }

    /** Whether /ServiceProviderConfig advertises Bulk (it does unless told otherwise); /Bulk is served either way. */
    public void supportBulk(boolean supported) {
        bulkSupported = supported;
    }

    /** The limits /ServiceProviderConfig advertises, past which a bulk request is answered 413. */
    public void limitBulk(int maxOperations, int maxPayloadSize) {
        bulkMaxOperations = maxOperations;
        bulkMaxPayloadSize = maxPayloadSize;
    }

    /**
     * Answers the next bulk operation whose user (its data, or the account it writes to) has this externalId with
     * this SCIM error, once, without applying it; the other operations of the request go through.
     */
    public void failBulkOperation(String externalId, int status, String scimType, String detail) {
        bulkOperationFailures.put(externalId, new Answer(status, errorBody(status, scimType, detail)));
    }

    /** The next {@code count} filtered searches find nobody, like a target whose filter misses an account. */
    public void missNextSearches(int count) {
        searchesToMiss.set(count);
    }

    /** Makes every answer take this long, like a target across a network. */
    public void answerAfter(long millis) {
        latencyMillis = millis;
    }

    /** Only counts requests instead of keeping them, for runs of many thousands (benchmarks). */
    public void keepRequests(boolean keep) {
        keepRequests = keep;
    }

    /** Answers 429 with Retry-After: 1 to what comes past this many requests in one second (0: no limit). */
    public void limitRate(int perSecond) {
        requestsPerSecond = perSecond;
    }

    /** Requests received since the start, 429s included. */
    public long requestCount() {
        return requestCount.get();
    }

    /** Requests answered 429 because of {@link #limitRate}. */
    public long throttledCount() {
        return throttledCount.get();
    }

    /**
     * Writes received past the rate limit: each POST, PUT, PATCH or DELETE on /Users, and each POST /Bulk as one
     * (whatever its operations), answered with success or not.
     */
    public long writeCount() {
        return writeCount.get();
    }

    /** POST /Bulk requests received past the rate limit. */
    public long bulkRequestCount() {
        return bulkRequestCount.get();
    }

    /**
     * The time spent serving requests, summed over the requests: divided by a run's wall time, the average number of
     * requests the target was serving at once.
     */
    public long busyMillis() {
        return busyNanos.get() / 1_000_000;
    }

    /** The most requests it was serving at the same moment. */
    public int mostConcurrentRequests() {
        return mostInFlight.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests received with this HTTP method. */
    public List<Request> requests(String method) {
        return requests.stream().filter(request -> request.method().equals(method)).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    public List<ObjectNode> users() {
        return new ArrayList<>(users.values());
    }

    public ObjectNode userByExternalId(String externalId) {
        ObjectNode user = users.get(idsByExternalId.getOrDefault(externalId, ""));
        return user != null && externalId.equals(user.path("externalId").asText(null)) ? user : null;
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        try {
            handleTimed(exchange, arrival);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - arrival);
        }
    }

    private void handleTimed(HttpExchange exchange, long arrival) throws IOException {
        requestCount.incrementAndGet();
        if (overRate()) {
            throttledCount.incrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 429, null, "more than " + requestsPerSecond + " requests a second");
            return;
        }
        countWrite(exchange.getRequestMethod(), exchange.getRequestURI().getPath().replaceFirst("^/scim/v2", ""));
        // counted while the request is being worked on, until just before the answer lets the client send its next one
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        HeldAnswer answer = HeldAnswer.holds();
        try {
            // the latency is the time from the request to the answer, the fake's own work included, like a remote
            // target's: the answer is worked out first and waits for what is left of it
            serve(exchange);
            long answerAt = arrival + latencyMillis * 1_000_000;
            for (long left = answerAt - System.nanoTime(); left > 0; left = answerAt - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } finally {
            answer.stopHolding();
            inFlight.decrementAndGet();
        }
        answer.send(exchange);
    }

    private void countWrite(String method, String path) {
        if (method.equals("POST") && path.equals("/Bulk")) {
            bulkRequestCount.incrementAndGet();
            writeCount.incrementAndGet();
        } else if (USER_PATH.matcher(path).matches() && List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
            writeCount.incrementAndGet();
        }
    }

    private synchronized boolean overRate() {
        if (requestsPerSecond <= 0) {
            return false;
        }
        long second = System.currentTimeMillis() / 1000;
        if (second != rateWindowSecond) {
            rateWindowSecond = second;
            rateWindowCount = 0;
        }
        return ++rateWindowCount > requestsPerSecond;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceFirst("^/scim/v2", "");
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), hasBody ? readJson(exchange) : null);
        if (keepRequests) {
            requests.add(request);
        }

        if (!("Bearer " + token).equals(request.authorization()) && !("ApiKey " + token).equals(request.authorization())) {
            error(exchange, 401, null, "token missing or not accepted (Bearer or ApiKey)");
            return;
        }
        for (Rule rule : rules) {
            if (rule.matches().test(request) && rule.timesLeft().getAndDecrement() > 0) {
                if (rule.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", rule.retryAfter());
                }
                error(exchange, rule.status(), rule.scimType(), rule.detail());
                return;
            }
        }
        if (path.startsWith("/cost_centers")) {
            costCenters(exchange, method, path, request.body());
            return;
        }
        if (method.equals("GET") && path.equals("/ServiceProviderConfig")) {
            String bulk = bulkSupported ? "{\"supported\":true,\"maxOperations\":" + bulkMaxOperations + ",\"maxPayloadSize\":"
                    + bulkMaxPayloadSize + "}" : "{\"supported\":false,\"maxOperations\":0,\"maxPayloadSize\":0}";
            respond(exchange, 200, SERVICE_PROVIDER_CONFIG.formatted(bulk), "application/scim+json");
            return;
        }
        if (method.equals("POST") && path.equals("/Bulk")) {
            send(exchange, bulk(request.body()));
            return;
        }
        if (method.equals("GET") && path.equals("/Users")) {
            search(exchange, query(exchange));
            return;
        }
        send(exchange, apply(method, path, request.body()));
    }

    /** One write or read of a user, by itself or as an operation of a bulk request. */
    private Answer apply(String method, String path, JsonNode body) {
        Matcher userPath = USER_PATH.matcher(path);
        if (!userPath.matches()) {
            return errorAnswer(404, null, "no such endpoint: " + path);
        }
        String id = userPath.group(1);
        return switch (method + (id == null ? " collection" : " one")) {
            case "POST collection" -> create((ObjectNode) body);
            case "GET one" -> withUser(id, user -> new Answer(200, user));
            case "PUT one" -> withUser(id, user -> replace(user, (ObjectNode) body));
            case "PATCH one" -> withUser(id, user -> patch(user, body));
            case "DELETE one" -> withUser(id, this::delete);
            default -> errorAnswer(405, null, method + " is not supported on " + path);
        };
    }

    /**
     * POST /Bulk (RFC 7644 section 3.7.3): each operation is applied in order and answered with its own status;
     * {@code failOnErrors} stops after that many failed operations. Past maxOperations or maxPayloadSize, 413.
     */
    private Answer bulk(JsonNode request) throws IOException {
        JsonNode operations = request == null ? JSON.createArrayNode() : request.path("Operations");
        if (operations.size() > bulkMaxOperations) {
            return errorAnswer(413, null, "more than " + bulkMaxOperations + " operations in one bulk request");
        }
        if (JSON.writeValueAsBytes(request).length > bulkMaxPayloadSize) {
            return errorAnswer(413, null, "a bulk request of more than " + bulkMaxPayloadSize + " bytes");
        }
        int failOnErrors = request.path("failOnErrors").asInt(Integer.MAX_VALUE);
        ObjectNode response = JSON.createObjectNode();
        response.putArray("schemas").add(BULK_RESPONSE_SCHEMA);
        ArrayNode answers = response.putArray("Operations");
        int errors = 0;
        for (JsonNode operation : operations) {
            if (errors >= failOnErrors) {
                break;
            }
            String method = operation.path("method").asText("");
            String path = operation.path("path").asText("");
            JsonNode data = operation.get("data");
            Answer answer = scriptedOperationFailure(path, data);
            if (answer == null) {
                answer = apply(method, path, data == null ? null : data.deepCopy());
            }
            ObjectNode result = answers.addObject().put("method", method);
            if (operation.hasNonNull("bulkId")) {
                result.put("bulkId", operation.get("bulkId").asText());
            }
            if (answer.body() != null && answer.body().hasNonNull("id")) {
                result.put("location", scimBaseUrl() + "/Users/" + answer.body().get("id").asText());
            } else if (answer.status() < 300 && !path.equals("/Users")) {
                result.put("location", scimBaseUrl() + path);
            }
            result.put("status", String.valueOf(answer.status()));
            if (answer.status() >= 300) {
                errors++;
                result.set("response", answer.body());
            }
        }
        return new Answer(200, response);
    }

    /** The failure {@link #failBulkOperation} scripted for the user of this operation, once, or null. */
    private Answer scriptedOperationFailure(String path, JsonNode data) {
        String externalId = data != null && data.hasNonNull("externalId") ? data.get("externalId").asText() : null;
        Matcher userPath = USER_PATH.matcher(path);
        if (externalId == null && userPath.matches() && userPath.group(1) != null && users.containsKey(userPath.group(1))) {
            externalId = users.get(userPath.group(1)).path("externalId").asText(null);
        }
        return externalId == null ? null : bulkOperationFailures.remove(externalId);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        respond(exchange, answer.status(), answer.body() == null ? "" : answer.body(), "application/scim+json");
    }

    /** TravelPerk's Cost Centers API, as far as the sync uses it: list, create, replace the members. */
    private synchronized void costCenters(HttpExchange exchange, String method, String path, JsonNode body) throws IOException {
        Matcher members = Pattern.compile("^/cost_centers/([^/]+)/users$").matcher(path);
        if (method.equals("GET") && path.equals("/cost_centers")) {
            Map<String, String> query = query(exchange);
            int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            ObjectNode page = JSON.createObjectNode().put("total", costCenters.size()).put("offset", offset);
            ArrayNode data = page.putArray("data");
            costCenters.values().stream().skip(offset).limit(limit).forEach(data::add);
            respond(exchange, 200, page, "application/json");
        } else if (method.equals("POST") && path.equals("/cost_centers")) {
            ObjectNode costCenter = JSON.createObjectNode().put("id", String.valueOf(costCenters.size() + 1))
                    .put("name", body.path("name").asText()).put("archived", false);
            costCenter.putArray("user_ids");
            costCenters.put(costCenter.get("id").asText(), costCenter);
            respond(exchange, 201, costCenter, "application/json");
        } else if (method.equals("PUT") && members.matches() && costCenters.containsKey(members.group(1))) {
            ObjectNode costCenter = costCenters.get(members.group(1));
            costCenter.set("user_ids", body.path("user_ids"));
            respond(exchange, 200, costCenter, "application/json");
        } else {
            error(exchange, 404, null, "no such cost center endpoint: " + method + " " + path);
        }
    }

    /** Adds a cost center as if someone had created it in the target before the sync. */
    public synchronized void addCostCenter(String name) {
        ObjectNode costCenter = JSON.createObjectNode().put("id", String.valueOf(costCenters.size() + 1)).put("name", name);
        costCenter.putArray("user_ids");
        costCenters.put(costCenter.get("id").asText(), costCenter);
    }

    /** The cost centers of the Cost Centers API, by id. */
    public List<ObjectNode> costCenters() {
        return new ArrayList<>(costCenters.values());
    }

    private synchronized Answer create(ObjectNode user) {
        String userName = user.path("userName").asText("");
        if (userName.isBlank()) {
            return errorAnswer(400, "invalidValue", "userName is required");
        }
        if (userNameTaken(userName, null)) {
            return errorAnswer(409, "uniqueness", "userName " + userName + " is already in use");
        }
        String id = UUID.randomUUID().toString();
        user.put("id", id);
        user.putObject("meta").put("resourceType", "User").put("created", Instant.now().toString())
                .put("location", scimBaseUrl() + "/Users/" + id);
        store(user);
        return new Answer(201, user);
    }

    private synchronized Answer replace(ObjectNode current, ObjectNode replacement) {
        String id = current.get("id").asText();
        if (userNameTaken(replacement.path("userName").asText(""), id)) {
            return errorAnswer(409, "uniqueness", "userName is already in use");
        }
        replacement.put("id", id);
        replacement.set("meta", current.get("meta"));
        idsByUserName.remove(key(current));
        store(replacement);
        return new Answer(200, replacement);
    }

    private synchronized Answer patch(ObjectNode user, JsonNode patchOp) {
        idsByUserName.remove(key(user));
        for (JsonNode operation : patchOp.path("Operations")) {
            String op = operation.path("op").asText().toLowerCase(Locale.ROOT);
            String path = operation.path("path").asText("");
            JsonNode value = operation.get("value");
            if (path.isEmpty() && value != null && value.isObject()) {
                value.fields().forEachRemaining(field -> user.set(field.getKey(), field.getValue()));
                continue;
            }
            if (path.isEmpty()) {
                store(user);
                return errorAnswer(400, "invalidPath", "a PATCH operation needs a path or an object value");
            }
            // "urn:...:enterprise:2.0:User:manager" names the attribute manager inside the extension's object
            int split = path.startsWith("urn:") ? path.lastIndexOf(':') : -1;
            ObjectNode container = split < 0 ? user : user.withObjectProperty(path.substring(0, split));
            String attribute = split < 0 ? path : path.substring(split + 1);
            if (op.equals("remove")) {
                container.remove(attribute);
            } else {
                container.set(attribute, value);
            }
        }
        store(user);
        return new Answer(200, user);
    }

    private void search(HttpExchange exchange, Map<String, String> query) throws IOException {
        String filter = query.get("filter");
        if (filter == null) {
            list(exchange, startIndexOf(exchange.getRequestURI().getRawQuery()),
                    Integer.parseInt(query.getOrDefault("count", String.valueOf(MAX_RESULTS))));
            return;
        }
        List<ObjectNode> found = new ArrayList<>();
        if (searchesToMiss.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
            Matcher parsed = FILTER.matcher(filter.trim());
            if (!parsed.matches()) {
                error(exchange, 400, "invalidFilter", "only userName eq and externalId eq, alone or joined by or, are supported");
                return;
            }
            for (int clause = 1; clause <= 3 && parsed.group(clause) != null; clause += 2) {
                ObjectNode user = matching(parsed.group(clause), parsed.group(clause + 1).replaceAll("\\\\(.)", "$1"));
                if (user != null && !found.contains(user)) {
                    found.add(user);
                }
            }
        }
        respond(exchange, 200, listResponse(found, found.size(), 1), "application/scim+json");
    }

    /** One page of all the users (RFC 7644 3.4.2.4): startIndex is 1-based, a page holds at most MAX_RESULTS. */
    private void list(HttpExchange exchange, int startIndex, int count) throws IOException {
        List<ObjectNode> page = new ArrayList<>();
        int total;
        synchronized (listingOrder) {
            total = listingOrder.size();
            int from = Math.max(0, startIndex - 1);
            int to = Math.min(total, from + Math.max(0, Math.min(count, MAX_RESULTS)));
            for (int i = from; i < to; i++) {
                ObjectNode user = users.get(listingOrder.get(i));
                if (user != null) {
                    page.add(user);
                }
            }
        }
        respond(exchange, 200, listResponse(page, total, startIndex), "application/scim+json");
    }

    private static ObjectNode listResponse(List<ObjectNode> found, int totalResults, int startIndex) {
        ObjectNode list = JSON.createObjectNode();
        list.putArray("schemas").add(LIST_SCHEMA);
        list.put("totalResults", totalResults).put("startIndex", startIndex).put("itemsPerPage", found.size());
        ArrayNode resources = list.putArray("Resources");
        found.forEach(resources::add);
        return list;
    }

    /** The user whose userName (regardless of case, RFC 7643) or externalId (case-exact) is this value, or null. */
    private ObjectNode matching(String attribute, String value) {
        return attribute.equalsIgnoreCase("userName")
                ? users.get(idsByUserName.getOrDefault(value.toLowerCase(Locale.ROOT), "")) : userByExternalId(value);
    }

    private synchronized Answer delete(ObjectNode user) {
        users.remove(user.get("id").asText());
        synchronized (listingOrder) {
            listingOrder.remove(user.get("id").asText());
        }
        idsByUserName.remove(key(user));
        idsByExternalId.remove(user.path("externalId").asText(""));
        return new Answer(204, null);
    }

    private void store(ObjectNode user) {
        if (users.put(user.get("id").asText(), user) == null) {
            synchronized (listingOrder) {
                listingOrder.add(user.get("id").asText());
            }
        }
        idsByUserName.put(key(user), user.get("id").asText());
        if (user.hasNonNull("externalId")) {
            idsByExternalId.put(user.get("externalId").asText(), user.get("id").asText());
        }
    }

    /** userName is unique regardless of case (RFC 7643: caseExact false). */
    private static String key(ObjectNode user) {
        return user.path("userName").asText("").toLowerCase(Locale.ROOT);
    }

    private Answer withUser(String id, java.util.function.Function<ObjectNode, Answer> action) {
        ObjectNode user = users.get(id);
        return user == null ? errorAnswer(404, null, "no user " + id) : action.apply(user);
    }

    private boolean userNameTaken(String userName, String exceptId) {
        String owner = idsByUserName.get(userName.toLowerCase(Locale.ROOT));
        return owner != null && !owner.equals(exceptId);
    }

    private void error(HttpExchange exchange, int status, String scimType, String detail) throws IOException {
        send(exchange, errorAnswer(status, scimType, detail));
    }

    private static Answer errorAnswer(int status, String scimType, String detail) {
        return new Answer(status, errorBody(status, scimType, detail));
    }

    private static ObjectNode errorBody(int status, String scimType, String detail) {
        ObjectNode error = JSON.createObjectNode();
        error.putArray("schemas").add(ERROR_SCHEMA);
        error.put("status", String.valueOf(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        return error;
    }

    /** Keeps the users in the storage file, when there is one, for the next run. */
    @Override
    public void close() {
        super.close();
        if (storage != null) {
            try {
                save();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not keep the sandbox target's users in " + storage, e);
            }
        }
    }

    private synchronized void save() throws IOException {
        Files.createDirectories(storage.getParent());
        Path next = storage.resolveSibling(storage.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(next.toFile(), users.values());
        Files.move(next, storage, StandardCopyOption.REPLACE_EXISTING);
    }
}
