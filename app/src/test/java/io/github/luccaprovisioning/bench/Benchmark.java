package io.github.luccaprovisioning.bench;

import io.github.luccaprovisioning.LuccaProvisioning;
import io.github.luccaprovisioning.PostgresServer;
import io.github.luccaprovisioning.ProvisioningMain;
import io.github.luccaprovisioning.SyncDatabase;
import io.github.luccaprovisioning.sync.SyncRun;
import org.opentest4j.TestAbortedException;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sync's speed, measured on the real routes against {@link BenchFakes} in another JVM: (a) the initial sync of
 * N employees, (b) a re-sync with no change, (c) a re-sync with 1% changed and 0.5% left. Prints, for each, wall
 * time, target and Lucca calls, records per second, peak heap, the lower bound with the ratio of the wall time
 * to it, and the CPU time the sync and the fakes used (on a small machine they share the cores, and a CPU-bound run
 * cannot reach the bound). Run it with bench/run.
 * Arguments: lucca URL, target URL, control URL, employees, latency ms, concurrency, rate limit per second,
 * employees in parallel, the Lucca and target URLs of the warm-up tenant, and the database: h2 (a file) or postgres
 * (a throwaway server, as the tests start one, with a database for the warm-up and one for the measured runs).
 */
public final class Benchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String luccaUrl = args[0];
        String targetUrl = args[1];
        String control = args[2];
        int employees = Integer.parseInt(args[3]);
        long latency = Long.parseLong(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int rateLimit = Integer.parseInt(args[6]);
        int employeesInParallel = Integer.parseInt(args[7]);
        String store = args.length > 10 ? args[10] : "h2";
        PostgresServer postgres = "postgres".equals(store) ? startPostgres() : null;

        warmUp(args[8], args[9], concurrency, employeesInParallel, postgres);

        Path folder = Files.createTempDirectory("lucca-bench");
        Map<String, String> settings = settings(folder, database(postgres, folder), luccaUrl, "bench-key", targetUrl, "bench-token",
                concurrency, employeesInParallel, rateLimit);
        ProvisioningMain main = LuccaProvisioning.createMain(null, settings);
        main.start();
        try {
            System.out.printf("N=%d latency=%dms concurrency=%d employees in parallel=%d rate limit=%s heap max=%dMB db=%s%n", employees,
                    latency, concurrency, employeesInParallel, rateLimit == 0 ? "none" : rateLimit + "/s",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), postgres == null ? "h2" : "postgres");
            System.out.printf("%-34s %9s %8s %6s %9s %9s %9s %6s %7s %6s %7s %9s  %s%n",
                    "run", "wall s", "target", "lucca", "rec/s", "heap MB", "bound s", "ratio", "cpu s", "jit s", "fakes s", "in flight", "outcome");
            measure("(a) initial sync", main, control, employees, latency, concurrency, rateLimit);
            measure("(b) re-sync, no change", main, control, employees, latency, concurrency, rateLimit);
            get(control + "/change?changedPerMille=10");
            measure("(c) re-sync, 1% changed, 0.5% left", main, control, employees, latency, concurrency, rateLimit);
            System.out.println("target after the runs: " + get(control + "/stats"));
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
    private static void warmUp(String luccaUrl, String targetUrl, int concurrency, int employeesInParallel, PostgresServer postgres)
            throws Exception {
        Path folder = Files.createTempDirectory("lucca-bench-warm-up");
        ProvisioningMain main = LuccaProvisioning.createMain(null, settings(folder, database(postgres, folder), luccaUrl, "bench-key",
                targetUrl, "bench-token", concurrency, employeesInParallel, 0));
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
                                                String token, int concurrency, int employeesInParallel, int rateLimit) {
        Map<String, String> settings = new HashMap<>();
        settings.put("lucca.base-url", lucca);
        settings.put("lucca.api-key", key);
        settings.put("lucca.max-requests-per-minute", "10000");
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
        // the benchmark starts the runs itself: no schedule, no admin API or management server
        settings.put("sync.run-once", "true");
        return settings;
    }

    private static void measure(String name, ProvisioningMain main, String control, int employees, long latency,
                                int concurrency, int rateLimit) throws Exception {
        Map<String, Long> before = stats(control);
        HeapPeak heap = HeapPeak.watch();
        long cpuBefore = processCpuNanos();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long start = System.nanoTime();
        SyncRun run = sync(main);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        double jit = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / 1e3;
        long peakHeap = heap.finish();
        Map<String, Long> after = stats(control);
        long targetCalls = after.get("targetCalls") - before.get("targetCalls");
        long luccaCalls = after.get("luccaCalls") - before.get("luccaCalls");
        double fakesCpu = (after.get("cpuMillis") - before.get("cpuMillis")) / 1e3;
        // the calls the target was serving at once, on average over the run: the bound assumes `concurrency`
        double inFlight = (after.get("targetBusyMillis") - before.get("targetBusyMillis")) / 1e3 / wall;
        double bound = rateLimit > 0 ? (double) targetCalls / rateLimit : targetCalls * latency / 1000.0 / concurrency;
        System.out.printf("%-34s %9.2f %8d %6d %9.0f %9d %9.2f %6s %7.1f %6.1f %7.1f %9.1f  %s, %d throttled (429)%n", name, wall,
                targetCalls, luccaCalls, employees / wall, peakHeap / (1024 * 1024), bound,
                bound > 0 ? String.format("%.2f", wall / bound) : "-", cpu, jit, fakesCpu, inFlight,
                run.getSubject().replaceFirst("^Lucca sync #\\d+ ", ""), after.get("throttled") - before.get("throttled"));
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

    private static Map<String, Long> stats(String control) throws Exception {
        Map<String, Long> stats = new LinkedHashMap<>();
        for (String pair : get(control + "/stats").split(" ")) {
            String[] keyValue = pair.split("=");
            stats.put(keyValue[0], Long.parseLong(keyValue[1]));
        }
        return stats;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
