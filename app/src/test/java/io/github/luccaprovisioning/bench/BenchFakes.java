package io.github.luccaprovisioning.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.fakes.SandboxDirectory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's Lucca API and SCIM target, in a JVM of their own so that the sync's heap is measured alone.
 * A control endpoint on loopback lets the benchmark read the call counts, change the directory between runs, and
 * start over ({@code /reset}: the generated directory again and an empty target, on new ports, whose addresses it
 * answers), so that each initial sync meets an empty target.
 * Arguments: employees, target latency in ms, target rate limit per second (0: none).
 */
public final class BenchFakes {

    private final int employees;
    private final long latencyMillis;
    private final int rateLimit;
    private volatile Tenant tenant;

    /** The measured runs' Lucca directory and target, replaced as a whole by a reset. */
    private record Tenant(List<ObjectNode> directory, FakeLuccaApi lucca, FakeScimTarget target) {
    }

    private BenchFakes(int employees, long latencyMillis, int rateLimit) {
        this.employees = employees;
        this.latencyMillis = latencyMillis;
        this.rateLimit = rateLimit;
    }

    public static void main(String[] args) throws Exception {
        BenchFakes fakes = new BenchFakes(Integer.parseInt(args[0]), Long.parseLong(args[1]), Integer.parseInt(args[2]));
        fakes.reset();
        // the sync's warm-up runs against a tenant of its own, over the same kind of connection as the measured runs
        FakeLuccaApi warmUpLucca = new FakeLuccaApi("bench-key", SandboxDirectory.generate(Benchmark.WARM_UP_EMPLOYEES, 7, LocalDate.now()));
        FakeScimTarget warmUpTarget = new FakeScimTarget("bench-token", null);
        warmUpTarget.keepRequests(false);
        warmUpTarget.answerAfter(fakes.latencyMillis);

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        control.createContext("/stats", exchange -> reply(exchange, fakes.stats(exchange.getRequestURI().getQuery())));
        control.createContext("/change", exchange -> reply(exchange, fakes.change(
                Integer.parseInt(exchange.getRequestURI().getQuery().replaceAll(".*changedPerMille=(\\d+).*", "$1")))));
        control.createContext("/reset", exchange -> reply(exchange, fakes.reset()));
        control.start();
        System.out.println(fakes.addresses() + " control=http://127.0.0.1:" + control.getAddress().getPort()
                + " warmUpLucca=" + warmUpLucca.baseUrl() + " warmUpTarget=" + warmUpTarget.scimBaseUrl());
        new CountDownLatch(1).await();
    }

    /** A new tenant: the generated directory as it was at the start, an empty target; the old one's servers close. */
    private synchronized String reset() throws IOException {
        Tenant old = tenant;
        List<ObjectNode> directory = SandboxDirectory.generate(employees, 42, LocalDate.now());
        FakeScimTarget target = new FakeScimTarget("bench-token", null);
        target.keepRequests(false);
        target.answerAfter(latencyMillis);
        target.limitRate(rateLimit);
        tenant = new Tenant(directory, new FakeLuccaApi("bench-key", directory), target);
        if (old != null) {
            old.lucca().close();
            old.target().close();
        }
        return addresses();
    }

    private String addresses() {
        return "lucca=" + tenant.lucca().baseUrl() + " target=" + tenant.target().scimBaseUrl();
    }

    /**
     * Counts since the last reset; firstLuccaCallAt: when the first Lucca request after the reset came in, or with
     * {@code ?luccaCallsBefore=K} the first after those K (milliseconds since the epoch; 0: none yet).
     */
    private String stats(String query) {
        int luccaCallsBefore = query == null ? 0 : Integer.parseInt(query.replaceAll(".*luccaCallsBefore=(\\d+).*", "$1"));
        Tenant now = tenant;
        List<ObjectNode> users = now.target().users();
        long active = users.stream().filter(user -> user.path("active").asBoolean()).count();
        long distinct = users.stream().map(user -> user.path("externalId").asText()).distinct().count();
        List<FakeLuccaApi.Request> luccaRequests = now.lucca().requests();
        return "luccaCalls=" + luccaRequests.size() + " targetCalls=" + now.target().requestCount()
                + " targetWrites=" + now.target().writeCount() + " bulkRequests=" + now.target().bulkRequestCount()
                + " throttled=" + now.target().throttledCount() + " targetBusyMillis=" + now.target().busyMillis()
                + " users=" + users.size() + " activeUsers=" + active + " distinctExternalIds=" + distinct
                + " firstLuccaCallAt=" + (luccaRequests.size() <= luccaCallsBefore ? 0 : luccaRequests.get(luccaCallsBefore).receivedAtMillis())
                + " cpuMillis=" + Benchmark.processCpuNanos() / 1_000_000;
    }

    /** Changes the job title of changedPerMille/1000 of the employed and ends the contract of half as many. */
    private String change(int changedPerMille) {
        Tenant now = tenant;
        LocalDate today = LocalDate.now();
        List<ObjectNode> employed = now.directory().stream().filter(user -> !Employment.hasLeft(user, today)
                && !Employment.contractStart(user).isAfter(today)).toList();
        int changed = employed.size() * changedPerMille / 1000;
        int leaving = changed / 2;
        for (int i = 0; i < changed; i++) {
            ObjectNode user = employed.get(employed.size() - 1 - i).put("jobTitle", "Changed for the benchmark");
            now.lucca().put(user);
        }
        for (int i = 0; i < leaving; i++) {
            ObjectNode user = employed.get(employed.size() - 1 - changed - i).put("dtContractEnd", today.minusDays(1) + "T00:00:00");
            now.lucca().put(user);
        }
        return "changed=" + changed + " left=" + leaving;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
