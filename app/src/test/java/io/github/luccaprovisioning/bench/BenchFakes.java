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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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
        List<ObjectNode> directory = SandboxDirectory.generate(employees, 42, LocalDate.now());
        FakeLuccaApi lucca = new FakeLuccaApi("bench-key", directory);
        FakeScimTarget target = new FakeScimTarget("bench-token", null);
        target.keepRequests(false);
        target.answerAfter(latencyMillis);
        target.limitRate(rateLimit);
        // the sync's warm-up runs against a tenant of its own, over the same kind of connection as the measured runs
        FakeLuccaApi warmUpLucca = new FakeLuccaApi("bench-key", SandboxDirectory.generate(Benchmark.WARM_UP_EMPLOYEES, 7, LocalDate.now()));
        FakeScimTarget warmUpTarget = new FakeScimTarget("bench-token", null);
        warmUpTarget.keepRequests(false);
        warmUpTarget.answerAfter(latencyMillis);

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        control.createContext("/stats", exchange -> reply(exchange, stats(lucca, target)));
        control.createContext("/change", exchange -> reply(exchange, change(directory, lucca,
                Integer.parseInt(exchange.getRequestURI().getQuery().replaceAll(".*changedPerMille=(\\d+).*", "$1")))));
        control.start();
        System.out.println("lucca=" + lucca.baseUrl() + " target=" + target.scimBaseUrl()
                + " control=http://127.0.0.1:" + control.getAddress().getPort()
                + " warmUpLucca=" + warmUpLucca.baseUrl() + " warmUpTarget=" + warmUpTarget.scimBaseUrl());
        new CountDownLatch(1).await();
    }

    private static String stats(FakeLuccaApi lucca, FakeScimTarget target) {
        List<ObjectNode> users = target.users();
        long active = users.stream().filter(user -> user.path("active").asBoolean()).count();
        long distinct = users.stream().map(user -> user.path("externalId").asText()).distinct().count();
        return "luccaCalls=" + lucca.requests().size() + " targetCalls=" + target.requestCount() + " throttled=" + target.throttledCount()
                + " targetBusyMillis=" + target.busyMillis()
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
