package io.github.luccaprovisioning.bench;

import io.github.luccaprovisioning.LuccaProvisioning;
import io.github.luccaprovisioning.PostgresServer;
import io.github.luccaprovisioning.ProvisioningMain;
import io.github.luccaprovisioning.SyncDatabase;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.opentest4j.TestAbortedException;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync's speed, measured on the real routes against {@link BenchFakes} in another JVM. First as users run it:
 * the packaged jar with {@code --once} through its launcher, a fresh JVM per run ({@link FreshJvm}): the initial sync without SCIM Bulk
 * and with bulk requests of 100, a re-sync with no change, a re-sync with 1% changed and 0.5% left. Then as a
 * service runs it, in this JVM warmed up on another tenant first: the same initial sync and two re-syncs. Prints,
 * for each, the time inside the run and the process's, from the JVM's start to the first Lucca call, the target
 * calls and writes, and two lower bounds with the ratio of the time inside the run to each: the calls made, and the
 * writes the target must receive (one per account created, updated, reactivated or deactivated; with bulk, one per
 * bulk request), each x latency / concurrency; then the goals beside what was measured. Run it with bench/run.
 * Arguments, as key=value: lucca, target, control, warmUpLucca, warmUpTarget (the fakes' URLs), employees, latency,
 * concurrency, parallel, rate (per second, 0: none), heap (the fresh JVMs'), db (h2: a file; postgres: a throwaway
 * server, as the tests start one, with a database per state), scenarios (initial, initial-bulk, no-change, changed,
 * warm, comma-separated), launcher (bin/lucca-provisioning, which runs the packaged jar), match (target.match for every run, or empty),
 * jvmOptions (more options for the fresh JVMs, space-separated, or empty).
 */
public final class Benchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROW = "%-40s %8s %9s %8s %7s %7s %9s %8s %6s %8s %6s  %s%n";

    /** One scenario's figures, printed as a row of the table and a line of details. */
    private record Measured(String name, double insideSeconds, String processSeconds, String startToLucca, long calls,
                            long writes, long bulkRequests, long necessaryWrites, long throttled, long accounts,
                            long distinctExternalIds, String outcome, String details) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String control = options.get("control");
        int employees = Integer.parseInt(options.get("employees"));
        long latency = Long.parseLong(options.get("latency"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int rateLimit = Integer.parseInt(options.get("rate"));
        int employeesInParallel = Integer.parseInt(options.get("parallel"));
        List<String> scenarios = List.of(options.get("scenarios").split(","));
        String match = options.getOrDefault("match", "");
        PostgresServer postgres = "postgres".equals(options.get("db")) ? startPostgres() : null;
        Bounds bounds = new Bounds(latency, concurrency, rateLimit);

        String jvmOptions = options.getOrDefault("jvmOptions", "").strip();
        System.out.printf("N=%d latency=%dms concurrency=%d employees in parallel=%d rate limit=%s fresh JVM heap=-Xmx%s%s "
                        + "warm heap max=%dMB db=%s%s%n", employees, latency, concurrency, employeesInParallel,
                rateLimit == 0 ? "none" : rateLimit + "/s", options.get("heap"), jvmOptions.isEmpty() ? "" : " " + jvmOptions,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), postgres == null ? "h2" : "postgres",
                match.isEmpty() ? "" : " target.match=" + match);
        System.out.println("inside: the run's own start to end (sync_run); process: the JVM's launch to its exit; to Lucca: launch to the "
                + "first Lucca call; bounds: calls made, and necessary writes, x latency / concurrency" + (rateLimit > 0 ? " (or / rate limit)" : ""));
        System.out.printf(ROW, "run", "inside s", "process s", "to Lucca", "calls", "writes", "necessary", "calls bd", "ratio",
                "writes bd", "ratio", "outcome");
        List<Measured> measured = new ArrayList<>();
        if (scenarios.stream().anyMatch(scenario -> !scenario.equals("warm"))) {
            measured.addAll(freshRuns(options, scenarios, postgres, bounds));
        }
        if (scenarios.contains("warm")) {
            measured.addAll(warmRuns(options, postgres, bounds));
        }
        System.out.println("target after the runs: " + get(control + "/stats"));
        printGoals(measured, employees, bounds);
    }

    /** The fresh-JVM runs: each initial sync on an empty target and a new database, the re-syncs on the last one's state. */
    private static List<Measured> freshRuns(Map<String, String> options, List<String> scenarios, PostgresServer postgres,
                                            Bounds bounds) throws Exception {
        String control = options.get("control");
        String jvmOptions = options.getOrDefault("jvmOptions", "").strip();
        FreshJvm jvm = new FreshJvm(Path.of(options.get("launcher")), Path.of(""), options.get("heap"),
                jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")));
        List<Measured> measured = new ArrayList<>();
        SyncDatabase database = null;
        String tenant = null;
        int states = 0;
        // the fakes' JVM compiles its hot code in its first thousands of requests: C2 took 56% of the fakes' CPU in the
        // first measured run, on the 2 cores that run shares with them. A target a user syncs is a running service on
        // another machine, warmed up long ago: an initial sync each way (one call per write, then bulk) comes first,
        // printed but not measured. Under a rate limit the runs wait for the limit, not for the CPU: none comes first
        List<Map<String, String>> fakesWarmUps = Integer.parseInt(options.get("rate")) > 0 ? List.of()
                : List.of(Map.of("TARGET_BULK", "off"), Map.of("TARGET_BULK", "auto", "TARGET_BULK_SIZE", "100"));
        for (Map<String, String> warmUpSettings : fakesWarmUps) {
            fresh("fakes' warm-up, bulk " + warmUpSettings.get("TARGET_BULK"), jvm, options, get(control + "/reset"),
                    database(postgres, jvm.folder().resolve("state-" + ++states)), warmUpSettings, bounds);
        }
        if (scenarios.contains("initial")) {
            database = database(postgres, jvm.folder().resolve("state-" + ++states));
            tenant = get(control + "/reset");
            measured.add(fresh("fresh (a) initial sync, no bulk", jvm, options, tenant, database, Map.of("TARGET_BULK", "off"), bounds));
        }
        if (scenarios.contains("initial-bulk")) {
            database = database(postgres, jvm.folder().resolve("state-" + ++states));
            tenant = get(control + "/reset");
            measured.add(fresh("fresh (a) initial sync, bulk of 100", jvm, options, tenant, database,
                    Map.of("TARGET_BULK", "auto", "TARGET_BULK_SIZE", "100"), bounds));
        }
        boolean resyncs = scenarios.contains("no-change") || scenarios.contains("changed");
        if (resyncs && database == null) {
            // the re-syncs need a state to start from: an initial sync with the default settings, printed too
            database = database(postgres, jvm.folder().resolve("state-" + ++states));
            tenant = get(control + "/reset");
            measured.add(fresh("fresh (setup) initial sync", jvm, options, tenant, database, Map.of(), bounds));
        }
        if (scenarios.contains("no-change")) {
            measured.add(fresh("fresh (b) re-sync, no change", jvm, options, tenant, database, Map.of(), bounds));
        }
        if (scenarios.contains("changed")) {
            get(control + "/change?changedPerMille=10");
            measured.add(fresh("fresh (c) re-sync, 1% changed, 0.5% left", jvm, options, tenant, database, Map.of(), bounds));
        }
        return measured;
    }

    private static Measured fresh(String name, FreshJvm jvm, Map<String, String> options, String tenant, SyncDatabase database,
                                  Map<String, String> scenarioSettings, Bounds bounds) throws Exception {
        String control = options.get("control");
        int parallel = Integer.parseInt(options.get("parallel"));
        int rateLimit = Integer.parseInt(options.get("rate"));
        // the warm runs' settings, as the environment variables a user would set for them (lucca.api-key: LUCCA_API_KEY)
        Map<String, String> environment = new HashMap<>();
        settings(jvm.folder(), database, value(tenant, "lucca"), "bench-key", value(tenant, "target"), "bench-token",
                Integer.parseInt(options.get("concurrency")), parallel, rateLimit, options.getOrDefault("match", ""))
                .forEach((key, setting) -> environment.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"), setting));
        environment.put("SYNC_APPROVE_DEACTIVATIONS", "true");
        environment.putAll(scenarioSettings);
        Map<String, Long> before = stats(control, "");
        FreshJvm.Process process = jvm.runOnce(environment);
        Map<String, Long> after = stats(control, "?luccaCallsBefore=" + before.get("luccaCalls"));
        FreshJvm.RunRow run = FreshJvm.lastRun(database);
        long firstLuccaCall = after.get("firstLuccaCallAt");
        String toLucca = firstLuccaCall == 0 ? "-"
                : String.format("%.2f", (firstLuccaCall - process.launchedAtMillis()) / 1e3);
        String details = process.cpu(firstLuccaCall) + ", " + process.memory(jvm.heap()) + String.format(", fakes CPU %.1f s",
                (after.get("cpuMillis") - before.get("cpuMillis")) / 1e3) + (process.exitCode() == 0 ? "" : "; console: " + process.console());
        return print(new Measured(name, run.seconds(), String.format("%.2f", process.seconds()), toLucca,
                after.get("targetCalls") - before.get("targetCalls"), after.get("targetWrites") - before.get("targetWrites"),
                after.get("bulkRequests") - before.get("bulkRequests"),
                Bounds.necessaryWrites(run.accountsWritten(), after.get("bulkRequests") - before.get("bulkRequests")),
                after.get("throttled") - before.get("throttled"), after.get("users"), after.get("distinctExternalIds"), run.outcome(),
                details), bounds);
    }

    /** The warm service's runs: a new tenant, the warm-up on another one, then the three runs in one process. */
    private static List<Measured> warmRuns(Map<String, String> options, PostgresServer postgres, Bounds bounds) throws Exception {
        String control = options.get("control");
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int employeesInParallel = Integer.parseInt(options.get("parallel"));
        int rateLimit = Integer.parseInt(options.get("rate"));
        String match = options.getOrDefault("match", "");
        int employees = Integer.parseInt(options.get("employees"));
        warmUp(options.get("warmUpLucca"), options.get("warmUpTarget"), concurrency, employeesInParallel, match, postgres);

        String tenant = get(control + "/reset");
        Path folder = Files.createTempDirectory("lucca-bench");
        Map<String, String> settings = settings(folder, database(postgres, folder), value(tenant, "lucca"), "bench-key",
                value(tenant, "target"), "bench-token", concurrency, employeesInParallel, rateLimit, match);
        ProvisioningMain main = LuccaProvisioning.createMain(null, settings);
        main.start();
        try {
            List<Measured> measured = new ArrayList<>();
            measured.add(measure("warm (a) initial sync", main, control, employees, bounds));
            measured.add(measure("warm (b) re-sync, no change", main, control, employees, bounds));
            get(control + "/change?changedPerMille=10");
            measured.add(measure("warm (c) re-sync, 1% changed, 0.5% left", main, control, employees, bounds));
            return measured;
        } finally {
            main.stop();
        }
    }

    /**
     * The warm-up's directory: enough employees for the JIT to have compiled the sync's hot paths before anything is
     * measured. With 5,000, the JIT was still compiling through the measured initial sync of 10,000 (about 20 of the
     * JIT seconds the table prints, on 2 cores), and the run waited for the CPU it took; with 15,000, about 9.
     */
    static final int WARM_UP_EMPLOYEES = 15000;

    /**
     * The first runs of a JVM are slower (class loading, JIT): two syncs of another tenant of the fakes (a directory
     * of {@link #WARM_UP_EMPLOYEES}) come first, over the same kind of connection as the measured runs so that the
     * JIT compiles what those use.
     */
    private static void warmUp(String luccaUrl, String targetUrl, int concurrency, int employeesInParallel, String match,
                               PostgresServer postgres) throws Exception {
        Path folder = Files.createTempDirectory("lucca-bench-warm-up");
        ProvisioningMain main = LuccaProvisioning.createMain(null, settings(folder, database(postgres, folder), luccaUrl, "bench-key",
                targetUrl, "bench-token", concurrency, employeesInParallel, 0, match));
        main.start();
        try {
            sync(main);
            sync(main);
        } finally {
            main.stop();
        }
    }

    /**
     * The throwaway PostgreSQL server, stopped and deleted when this JVM exits, normally or on Ctrl-C, which skips
     * finally blocks but runs shutdown hooks. Without PostgreSQL installed, the benchmark says so and ends.
     */
    private static PostgresServer startPostgres() throws Exception {
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start();
        } catch (TestAbortedException notInstalled) {
            System.err.println(notInstalled.getMessage());
            System.exit(2);
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("could not stop the benchmark's PostgreSQL: " + e);
            }
        }));
        return postgres;
    }

    /** A new database on the PostgreSQL server, or without one an H2 file in the folder. */
    private static SyncDatabase database(PostgresServer postgres, Path folder) throws Exception {
        return postgres == null ? SyncDatabase.h2File(folder) : postgres.createDatabase();
    }

    private static Map<String, String> settings(Path folder, SyncDatabase database, String lucca, String key, String target,
                                                String token, int concurrency, int employeesInParallel, int rateLimit,
                                                String match) {
        Map<String, String> settings = new HashMap<>();
        settings.put("lucca.base-url", lucca);
        settings.put("lucca.api-key", key);
        settings.put("lucca.max-requests-per-minute", "100000");
        settings.put("target.base-url", target);
        settings.put("target.token", token);
        settings.put("target.concurrency", String.valueOf(concurrency));
        settings.put("target.employees-in-parallel", String.valueOf(employeesInParallel));
        settings.put("target.max-requests-per-second", String.valueOf(rateLimit == 0 ? 100_000 : rateLimit));
        settings.put("target.max-retries", "20");
        settings.put("db.url", database.url());
        settings.put("db.user", database.user());
        settings.put("db.password", database.password());
        settings.put("db.pool-size", String.valueOf(employeesInParallel + 4));
        settings.put("sync.reports-dir", folder.resolve("reports").toString());
        settings.put("mail.to", "");
        if (!match.isEmpty()) {
            settings.put("target.match", match);
        }
        // one run at a time, started by the benchmark (warm) or --once (fresh): no schedule, no admin API or management server
        settings.put("sync.run-once", "true");
        return settings;
    }

    private static Measured measure(String name, ProvisioningMain main, String control, int employees, Bounds bounds) throws Exception {
        Map<String, Long> before = stats(control, "");
        HeapPeak heap = HeapPeak.watch();
        long cpuBefore = processCpuNanos();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long start = System.nanoTime();
        SyncRun run = sync(main);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        double jit = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / 1e3;
        long peakHeap = heap.finish();
        Map<String, Long> after = stats(control, "");
        double fakesCpu = (after.get("cpuMillis") - before.get("cpuMillis")) / 1e3;
        // the calls the target was serving at once, on average over the run: the bound assumes `concurrency`
        double inFlight = (after.get("targetBusyMillis") - before.get("targetBusyMillis")) / 1e3 / wall;
        long accountsWritten = run.countOf(Outcome.CREATED) + run.countOf(Outcome.UPDATED) + run.countOf(Outcome.REACTIVATED)
                + run.countOf(Outcome.DEACTIVATED);
        String details = String.format("%.0f records/s, peak heap %d MB, CPU %.1f s (JIT %.1f s), fakes CPU %.1f s, %.1f calls in flight",
                employees / wall, peakHeap / (1024 * 1024), cpu, jit, fakesCpu, inFlight);
        return print(new Measured(name, wall, "-", "-", after.get("targetCalls") - before.get("targetCalls"),
                after.get("targetWrites") - before.get("targetWrites"), after.get("bulkRequests") - before.get("bulkRequests"),
                Bounds.necessaryWrites(accountsWritten, after.get("bulkRequests") - before.get("bulkRequests")),
                after.get("throttled") - before.get("throttled"), after.get("users"), after.get("distinctExternalIds"),
                run.getSubject().replaceFirst("^Lucca sync #\\d+ ", ""), details), bounds);
    }

    /** Prints the scenario's row and details, and under a rate limit the rate it got and whether anyone is lost or twice. */
    private static Measured print(Measured run, Bounds bounds) {
        double callsBound = bounds.seconds(run.calls());
        double writesBound = bounds.seconds(run.necessaryWrites());
        System.out.printf(ROW, run.name(), String.format("%.2f", run.insideSeconds()), run.processSeconds(), run.startToLucca(),
                run.calls(), run.writes(), run.necessaryWrites(), String.format("%.2f", callsBound),
                Bounds.ratio(run.insideSeconds(), callsBound), String.format("%.2f", writesBound),
                Bounds.ratio(run.insideSeconds(), writesBound), run.outcome());
        System.out.printf("    %s; %d bulk requests; target: %d accounts, %d distinct externalIds%n", run.details(),
                run.bulkRequests(), run.accounts(), run.distinctExternalIds());
        if (bounds.rateLimit() > 0 && run.calls() > 0) {
            double answered = (run.calls() - run.throttled()) / run.insideSeconds();
            System.out.printf("    rate: %.1f requests/s answered, %.0f%% of the limit of %d/s; %.1f/s sent; %d throttled (429)%n",
                    answered, 100 * answered / bounds.rateLimit(), bounds.rateLimit(), run.calls() / run.insideSeconds(), run.throttled());
        }
        return run;
    }

    /** The goals beside what this benchmark measured of them. */
    private static void printGoals(List<Measured> measured, int employees, Bounds bounds) {
        int rateLimit = bounds.rateLimit();
        System.out.println("goals (issue 14) and what was measured:");
        find(measured, "fresh (a) initial sync, no bulk").ifPresent(run -> System.out.printf(
                "  fresh initial sync without bulk: %s x the necessary-writes bound (goal: at most 1.3 at 10,000, 20 ms, C=16)%n",
                Bounds.ratio(run.insideSeconds(), bounds.seconds(run.necessaryWrites()))));
        find(measured, "fresh (a) initial sync, bulk of 100").ifPresent(run -> System.out.printf(
                "  fresh initial sync with bulk of 100: %.2f s inside the run, %d bulk requests (goal: under 5 s)%n",
                run.insideSeconds(), run.bulkRequests()));
        find(measured, "fresh (b) re-sync, no change").ifPresent(run -> System.out.printf(
                "  fresh re-sync with no change: %.2f s inside the run (goal: at most 5 s; at 100,000 employees: under 30 s; here %,d)%n",
                run.insideSeconds(), employees));
        measured.stream().filter(run -> !run.startToLucca().equals("-")).map(Measured::startToLucca).reduce((first, last) -> last)
                .ifPresent(seconds -> System.out.printf("  fresh JVM start to the first Lucca call: %s s in the last fresh run (goal: at most 2.5 s)%n", seconds));
        find(measured, "warm (b) re-sync, no change").ifPresent(run -> System.out.printf(
                "  warm re-sync with no change: %.2f s (goal: at most 1.0 s)%n", run.insideSeconds()));
        if (rateLimit > 0) {
            for (Measured run : measured) {
                if (run.calls() > 0) {
                    System.out.printf("  %s under %d/s: %.0f%% of the limit, %d throttled, %d accounts for %d distinct externalIds "
                                    + "(goal: at least 95%%, no 429 storm, nothing lost or duplicated)%n", run.name(), rateLimit,
                            100 * (run.calls() - run.throttled()) / run.insideSeconds() / rateLimit, run.throttled(), run.accounts(),
                            run.distinctExternalIds());
                }
            }
        }
    }

    private static java.util.Optional<Measured> find(List<Measured> measured, String name) {
        return measured.stream().filter(run -> run.name().equals(name)).findFirst();
    }

    /** CPU time of this JVM (the sync) so far: on a small machine, the sync and the fakes share the cores. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The most heap in use while a run goes on, sampled every 20 ms (the sum of each pool's own peak overstates it). */
    private static final class HeapPeak extends Thread {

        private volatile boolean watching = true;
        private long peak;

        static HeapPeak watch() {
            HeapPeak heap = new HeapPeak();
            heap.setDaemon(true);
            heap.start();
            return heap;
        }

        @Override
        public void run() {
            while (watching) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() throws InterruptedException {
            watching = false;
            join();
            return peak;
        }
    }

    private static SyncRun sync(ProvisioningMain main) {
        return main.getCamelContext().createProducerTemplate().requestBodyAndHeaders("direct:sync-directory", null,
                Map.of("syncTrigger", "manual", "syncDryRun", false, "syncApproveDeactivations", true), SyncRun.class);
    }

    private static Map<String, Long> stats(String control, String query) throws Exception {
        Map<String, Long> stats = new LinkedHashMap<>();
        for (String pair : get(control + "/stats" + query).split(" ")) {
            String[] keyValue = pair.split("=");
            stats.put(keyValue[0], Long.parseLong(keyValue[1]));
        }
        return stats;
    }

    /** One address of the fakes' answer "lucca=... target=...". */
    private static String value(String answer, String key) {
        return answer.replaceAll(".*\\b" + key + "=(\\S+).*", "$1");
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
