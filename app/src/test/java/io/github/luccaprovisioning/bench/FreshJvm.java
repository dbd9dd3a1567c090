package io.github.luccaprovisioning.bench;

import io.github.luccaprovisioning.SyncDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged jar run with {@code --once} as a user runs it from cron, through the launcher
 * (bin/lucca-provisioning, the container image's entrypoint: the JVM options of a one-shot run, then JAVA_OPTS, then
 * java -jar): a new JVM per run, from a folder of its own
 * holding routes/, profiles/ and templates/ (copied from the project's top folder), its settings in environment
 * variables, its console, log and GC log in that folder. While it runs, its peak resident memory is read from /proc
 * and its CPU time every 100 ms.
 */
final class FreshJvm {

    /** A GC pause as -Xlog:gc writes it: "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(256M) 3.123ms". */
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    /** What one process did: when it was launched, how long it lived, its exit status and its memory. */
    record Process(long launchedAtMillis, double seconds, int exitCode, long peakRssMegabytes, int gcPauses,
                   double gcPauseSeconds, long mostHeapBeforeGcMegabytes, NavigableMap<Long, Double> cpuSecondsAt,
                   Path console) {

        /** The process's CPU time, read every 100 ms while it ran: in all, and from this time (epoch ms) on. */
        String cpu(long fromMillis) {
            if (cpuSecondsAt.isEmpty()) {
                return "CPU -";
            }
            double total = cpuSecondsAt.lastEntry().getValue();
            Map.Entry<Long, Double> before = cpuSecondsAt.floorEntry(fromMillis);
            return String.format("CPU %.1f s, %.1f s of it from the first Lucca call", total,
                    total - (before == null ? 0 : before.getValue()));
        }

        String memory(String heap) {
            return String.format("peak RSS %d MB, -Xmx%s, %d GC pauses (%.2f s), heap before a GC at most %d MB, exit %d",
                    peakRssMegabytes, heap, gcPauses, gcPauseSeconds, mostHeapBeforeGcMegabytes, exitCode);
        }
    }

    /** The run's own row in sync_run: its start and end as the run recorded them, and its counts. */
    record RunRow(double seconds, String status, long created, long updated, long reactivated, long deactivated,
                  long failed) {

        long accountsWritten() {
            return created + updated + reactivated + deactivated;
        }

        String outcome() {
            return status + ": " + created + " created, " + updated + " updated, " + reactivated + " reactivated, "
                    + deactivated + " deactivated, " + failed + " failed";
        }
    }

    private final Path launcher;
    private final Path folder;
    private final String heap;
    private final List<String> jvmOptions;
    private int runs;

    /** @param jvmOptions more options for each JVM, given in JAVA_OPTS as a user gives them: -XX:TieredStopAtLevel=4 */
    FreshJvm(Path launcher, Path topFolder, String heap, List<String> jvmOptions) throws IOException {
        this.launcher = launcher.toAbsolutePath();
        this.heap = heap;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.folder = Files.createTempDirectory("lucca-bench-fresh");
        for (String tree : List.of("routes", "profiles", "templates")) {
            copy(topFolder.resolve(tree), folder.resolve(tree));
        }
    }

    Path folder() {
        return folder;
    }

    String heap() {
        return heap;
    }

    /** Runs {@code bin/lucca-provisioning --once} with JAVA_OPTS {@code -Xmx<heap>} and these environment variables, to its end. */
    Process runOnce(Map<String, String> environment) throws Exception {
        int run = ++runs;
        Path gcLog = folder.resolve("gc-" + run + ".log");
        Path console = folder.resolve("console-" + run + ".txt");
        List<String> javaOptions = new ArrayList<>(List.of("-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
        // {run} in an option: this run's number, for a file of its own (-XX:StartFlightRecording=filename=run-{run}.jfr)
        jvmOptions.forEach(option -> javaOptions.add(option.replace("{run}", String.valueOf(run))));
        List<String> command = List.of("sh", launcher.toString(), "--once");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", String.join(" ", javaOptions));
        builder.environment().put("LOGGING_FILE", folder.resolve("logs/run-" + run + ".log").toString());
        long launchedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        java.lang.Process process = builder.start();
        long peakRssKilobytes = 0;
        java.time.Duration cpu = java.time.Duration.ZERO;
        NavigableMap<Long, Double> cpuSecondsAt = new TreeMap<>();
        while (process.isAlive()) {
            peakRssKilobytes = Math.max(peakRssKilobytes, peakRssKilobytes(process.pid()));
            cpu = process.toHandle().info().totalCpuDuration().orElse(cpu);
            cpuSecondsAt.put(System.currentTimeMillis(), cpu.toMillis() / 1e3);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int pauses = 0;
        double pauseMillis = 0;
        long mostBefore = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    pauses++;
                    pauseMillis += Double.parseDouble(pause.group(4));
                    mostBefore = Math.max(mostBefore, Long.parseLong(pause.group(1)));
                }
            }
        }
        return new Process(launchedAt, seconds, process.exitValue(), peakRssKilobytes / 1024, pauses, pauseMillis / 1000,
                mostBefore, cpuSecondsAt, console);
    }

    /** VmHWM of /proc/PID/status: the most resident memory the process has had so far (0 once it is gone). */
    private static long peakRssKilobytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException | java.io.UncheckedIOException gone) {
            return 0;
        }
    }

    /** The newest run of this database, read once the process has ended (an H2 file is locked while it runs). */
    static RunRow lastRun(SyncDatabase database) throws SQLException {
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement select = db.createStatement();
             ResultSet row = select.executeQuery("SELECT started_at, finished_at, status, created_count, updated_count, "
                     + "reactivated_count, deactivated_count, failed_count FROM sync_run ORDER BY id DESC LIMIT 1")) {
            if (!row.next()) {
                return new RunRow(Double.NaN, "NO RUN RECORDED", 0, 0, 0, 0, 0);
            }
            double seconds = row.getTimestamp("finished_at") == null ? Double.NaN
                    : (row.getTimestamp("finished_at").getTime() - row.getTimestamp("started_at").getTime()) / 1e3;
            return new RunRow(seconds, row.getString("status"), row.getLong("created_count"), row.getLong("updated_count"),
                    row.getLong("reactivated_count"), row.getLong("deactivated_count"), row.getLong("failed_count"));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(from)) {
            tree.forEach(paths::add);
        }
        for (Path path : paths) {
            Files.copy(path, to.resolve(from.relativize(path).toString()));
        }
    }
}
