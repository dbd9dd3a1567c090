package io.github.luccaprovisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in a process of its own, long-running, as an operator starts a replica: its settings as JVM options
 * or environment variables, free loopback ports for the admin API and the management port, its console in a file.
 * Closing it kills the process if it still runs.
 */
final class PackagedJar implements AutoCloseable {

    private static final Path JAR = Path.of("target", "lucca-provisioning.jar");
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    final int adminPort;
    private final int managementPort;
    private final Process process;
    private final Path console;

    private PackagedJar(String name, int adminPort, int managementPort, Process process, Path console) {
        this.name = name;
        this.adminPort = adminPort;
        this.managementPort = managementPort;
        this.process = process;
        this.console = console;
    }

    /**
     * @param jvmOptions  options before {@code -jar}: a heap size, settings as {@code -Dkey=value}
     * @param environment settings as environment variables (LUCCA_BASE_URL...), as a container is given them
     */
    static PackagedJar start(String name, Path folder, List<String> jvmOptions, Map<String, String> environment) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        int adminPort = SyncPipeline.freePort();
        int managementPort = SyncPipeline.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dadmin.host=127.0.0.1", "-Dadmin.port=" + adminPort, "-Dadmin.management-port=" + managementPort,
                "-jar", JAR.toString()));
        Path console = folder.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().putAll(environment);
        return new PackagedJar(name, adminPort, managementPort, builder.start(), console);
    }

    /** Until /observe/health/live answers: the routes are started, and so Flyway has made the tables. */
    void awaitLive() throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (true) {
            assertThat(process.isAlive()).as("%s is running; console:%n%s", name, console()).isTrue();
            try {
                HttpResponse<Void> live = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/observe/health/live")).build(), HttpResponse.BodyHandlers.discarding());
                if (live.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is not up yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " did not start within " + READY_WITHIN + "; console:\n" + console());
            }
            Thread.sleep(200);
        }
    }

    HttpResponse<String> callApi(String method, String path, String body) throws IOException, InterruptedException {
        return SyncPipeline.callApi(adminPort, method, path, body);
    }

    /** SIGTERM, as an orchestrator stops a replica; SIGKILL if it has not ended within a minute. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGKILL: no shutdown hook runs, so a run stays RUNNING in the database and its lease held. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s killed", name).isTrue();
    }

    String console() {
        try {
            return Files.exists(console) ? Files.readString(console) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
