package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lucca's legacy v3 directory API on loopback, as far as a directory sync uses it: {@code GET /api/v3/users}
 * with the {@code lucca application=} key, {@code fields} (nested {@code a[b,c]} form), {@code paging=offset,limit}
 * (limit at most 1000), {@code formerEmployees}, {@code orderBy=id,asc} and {@code collection.count}.
 * Tests change the directory and inspect the requests it received.
 */
public final class FakeLuccaApi extends HttpFake {

    private static final Pattern AUTHORIZATION = Pattern.compile("^lucca application=(.+)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LIMIT = 1000;

    /** What the fake saw of one request, and when it came in (milliseconds since the epoch, to compare across processes). */
    public record Request(String query, String authorization, long receivedAtMillis) {
    }

    private final String apiKey;
    private final Map<Integer, ObjectNode> users = new ConcurrentSkipListMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Integer forcedStatus;
    private final java.util.concurrent.atomic.AtomicInteger throttledLeft = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String retryAfter;
    private volatile Integer announcedCount;
    private volatile boolean keyMaySeeFormerEmployees = true;

    public FakeLuccaApi(String apiKey, Collection<ObjectNode> directory) throws IOException {
        super(4);
        this.apiKey = apiKey;
        directory.forEach(this::put);
    }

    /** Adds or replaces an employee; a record without an id (a broken answer) is served first. */
    public void put(ObjectNode user) {
        users.put(user.has("id") ? user.get("id").asInt() : Integer.MIN_VALUE + users.size(), user);
    }

    public void remove(int id) {
        users.remove(id);
    }

    public ObjectNode user(int id) {
        return users.get(id);
    }

    /** Answers every request with this status from now on (null: back to normal). */
    public void answerWith(Integer status) {
        forcedStatus = status;
    }

    /** Answers the next {@code times} requests with 429 Too Many Requests and this Retry-After. */
    public void throttleNext(int times, String retryAfterSeconds) {
        retryAfter = retryAfterSeconds;
        throttledLeft.set(times);
    }

    /** Serves the key like one whose role may not see former employees: formerEmployees=true changes nothing. */
    public void hideFormerEmployees() {
        keyMaySeeFormerEmployees = false;
    }

    /** Announces this total in data.count whatever the directory holds, like a read cut short (null: the truth). */
    public void announce(Integer count) {
        announcedCount = count;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        long receivedAtMillis = System.currentTimeMillis();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Map<String, String> query = query(exchange);
        requests.add(new Request(exchange.getRequestURI().getRawQuery(), authorization, receivedAtMillis));
        markDeprecation(exchange);
        if (throttledLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
            respond(exchange, 429, "{\"Status\":429,\"Message\":\"Too many requests\"}", "application/json");
            return;
        }
        if (forcedStatus != null) {
            respond(exchange, forcedStatus, "{\"Status\":" + forcedStatus + ",\"Message\":\"forced by the test\"}", "application/json");
            return;
        }
        Matcher key = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        if (!key.matches() || !key.group(1).equals(apiKey)) {
            respond(exchange, 401, "{\"Status\":401,\"Message\":\"Unauthorized\"}", "application/json");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/api/v3/users")) {
            respond(exchange, 404, "{\"Status\":404,\"Message\":\"Not found\"}", "application/json");
            return;
        }
        String[] paging = query.getOrDefault("paging", "0," + MAX_LIMIT).split(",");
        int offset = Integer.parseInt(paging[0].trim());
        int limit = Integer.parseInt(paging[1].trim());
        if (limit > MAX_LIMIT) {
            respond(exchange, 400, "{\"Status\":400,\"Message\":\"paging limit cannot exceed 1000\"}", "application/json");
            return;
        }
        boolean formerEmployees = keyMaySeeFormerEmployees && Boolean.parseBoolean(query.get("formerEmployees"));
        List<ObjectNode> visible = visibleUsers(formerEmployees, query.get("orderBy"));
        Set<String> fields = topLevelFields(query.getOrDefault("fields", "id,name,url"));

        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("header").put("generated", java.time.LocalDateTime.now().toString()).put("principal", "sandbox API key");
        ObjectNode data = answer.putObject("data");
        if (fields.contains("collection.count")) {
            data.put("count", announcedCount == null ? visible.size() : announcedCount);
        }
        ArrayNode items = data.putArray("items");
        visible.stream().skip(offset).limit(limit).forEach(user -> items.add(project(user, fields)));
        respond(exchange, 200, answer, "application/json; charset=utf-8");
    }

    private List<ObjectNode> visibleUsers(boolean formerEmployees, String orderBy) {
        LocalDate today = LocalDate.now();
        List<ObjectNode> visible = new ArrayList<>();
        for (ObjectNode user : users.values()) {
            boolean former = endDate(user).map(end -> end.isBefore(today)).orElse(false);
            if (formerEmployees || !former) {
                visible.add(user);
            }
        }
        if ("id,desc".equalsIgnoreCase(orderBy)) {
            visible.sort(Comparator.comparingInt((ObjectNode user) -> user.get("id").asInt()).reversed());
        }
        return visible;
    }

    /** The contract end, when the record has one Lucca could have written. */
    private static Optional<LocalDate> endDate(ObjectNode user) {
        try {
            JsonNode end = user.path("dtContractEnd");
            return end.isTextual() ? Optional.of(LocalDate.parse(end.asText().substring(0, 10))) : Optional.empty();
        } catch (DateTimeParseException | StringIndexOutOfBoundsException unreadable) {
            return Optional.empty();
        }
    }

    /** "id,department[id,name],manager.id" → {id, department, manager}: nested selections return the whole object. */
    static Set<String> topLevelFields(String fields) {
        Set<String> names = new java.util.LinkedHashSet<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : (fields + ",").toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String name = current.toString().trim();
                if (!name.isEmpty()) {
                    names.add(name.equals("collection.count") ? name : name.split("\\.")[0]);
                }
                current.setLength(0);
            } else if (depth == 0) {
                current.append(c);
            }
        }
        names.add("id");
        return names;
    }

    private static ObjectNode project(ObjectNode user, Set<String> fields) {
        ObjectNode projected = JSON.createObjectNode();
        user.fields().forEachRemaining(field -> {
            if (fields.contains(field.getKey())) {
                projected.set(field.getKey(), field.getValue());
            }
        });
        return projected;
    }
}
