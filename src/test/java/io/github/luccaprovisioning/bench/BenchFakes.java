package io.github.luccaprovisioning.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.sandbox.FakeLuccaApi;
import io.github.luccaprovisioning.sandbox.FakeScimTarget;
import io.github.luccaprovisioning.sandbox.SandboxDirectory;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's Lucca API and SCIM target, in a JVM of their own so that the sync's heap is measured alone.
 * A control endpoint on loopback lets the benchmark read the call counts and change the directory between runs.
 * Arguments: employees, target latency in ms, target rate limit per second (0: none).
 */
public final class BenchFakes {

    public static void main(String[] args) throws Exception {
        int employees = Integer.parseInt(args[0]);
        long latencyMillis = Long.parseLong(args[1]);
        int rateLimit = Integer.parseInt(args[2]);
        warmUp();
        List<ObjectNode> directory = SandboxDirectory.generate(employees, 42, LocalDate.now());
        FakeLuccaApi lucca = new FakeLuccaApi("bench-key", directory);
        FakeScimTarget target = new FakeScimTarget("bench-token", null);
        target.keepRequests(false);
        target.answerAfter(latencyMillis);
        target.limitRate(rateLimit);

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        control.createContext("/stats", exchange -> reply(exchange, stats(lucca, target)));
        control.createContext("/change", exchange -> reply(exchange, change(directory, lucca,
                Integer.parseInt(exchange.getRequestURI().getQuery().replaceAll(".*changedPerMille=(\\d+).*", "$1")))));
        control.start();
        System.out.println("lucca=" + lucca.baseUrl() + " target=" + target.scimBaseUrl()
                + " control=http://127.0.0.1:" + control.getAddress().getPort());
        new CountDownLatch(1).await();
    }

    /**
     * This JVM starts cold too, and a cold fake answers the sync's first pages slower than a real target would:
     * scratch copies of the fakes first serve the kinds of request a sync makes (directory pages; look-ups with or,
     * POST, PUT and PATCH of users), enough for the JIT to compile what the measured runs use.
     */
    private static void warmUp() throws Exception {
        try (FakeLuccaApi lucca = new FakeLuccaApi("warm-key", SandboxDirectory.generate(1000, 7, LocalDate.now()));
             FakeScimTarget target = new FakeScimTarget("warm-token", null)) {
            target.keepRequests(false);
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService threads = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int page = 0; page < 30; page++) {
                done.add(threads.submit(() -> send(http, HttpRequest.newBuilder(URI.create(lucca.baseUrl()
                        + "/api/v3/users?fields=id,name,mail&formerEmployees=true&orderBy=id,asc&paging=0,1000"))
                        .header("Authorization", "lucca application=warm-key").build())));
            }
            for (int user = 0; user < 6000; user++) {
                String userName = "warm" + user + "@acme.example";
                String filter = URLEncoder.encode("externalId eq \"" + user + "\" or userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
                String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"externalId\":\"" + user
                        + "\",\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"Warm\",\"familyName\":\"Up\"},\"active\":true}";
                done.add(threads.submit(() -> {
                    send(http, scim(target, "/Users?filter=" + filter).GET().build());
                    String created = send(http, scim(target, "/Users").POST(HttpRequest.BodyPublishers.ofString(body)).build());
                    String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                    send(http, scim(target, "/Users/" + id).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
                    return send(http, scim(target, "/Users/" + id).method("PATCH", HttpRequest.BodyPublishers.ofString(
                            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")).build());
                }));
            }
            for (Future<?> request : done) {
                request.get();
            }
            threads.shutdown();
        }
    }

    private static HttpRequest.Builder scim(FakeScimTarget target, String path) {
        return HttpRequest.newBuilder(URI.create(target.scimBaseUrl() + path)).header("Authorization", "Bearer warm-token")
                .header("Content-Type", "application/scim+json");
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String stats(FakeLuccaApi lucca, FakeScimTarget target) {
        List<ObjectNode> users = target.users();
        long active = users.stream().filter(user -> user.path("active").asBoolean()).count();
        long distinct = users.stream().map(user -> user.path("externalId").asText()).distinct().count();
        return "luccaCalls=" + lucca.requests().size() + " targetCalls=" + target.requestCount() + " throttled=" + target.throttledCount()
                + " users=" + users.size() + " activeUsers=" + active + " distinctExternalIds=" + distinct
                + " cpuMillis=" + Benchmark.processCpuNanos() / 1_000_000;
    }

    /** Changes the job title of changedPerMille/1000 of the employed and ends the contract of half as many. */
    private static String change(List<ObjectNode> directory, FakeLuccaApi lucca, int changedPerMille) {
        LocalDate today = LocalDate.now();
        List<ObjectNode> employed = directory.stream().filter(user -> !Employment.hasLeft(user, today)
                && !Employment.contractStart(user).isAfter(today)).toList();
        int changed = employed.size() * changedPerMille / 1000;
        int leaving = changed / 2;
        for (int i = 0; i < changed; i++) {
            ObjectNode user = employed.get(employed.size() - 1 - i).put("jobTitle", "Changed for the benchmark");
            lucca.put(user);
        }
        for (int i = 0; i < leaving; i++) {
            ObjectNode user = employed.get(employed.size() - 1 - changed - i).put("dtContractEnd", today.minusDays(1) + "T00:00:00");
            lucca.put(user);
        }
        return "changed=" + changed + " left=" + leaving;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String text) throws java.io.IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
