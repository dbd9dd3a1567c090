package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image without a Docker engine: the packaged jar is laid out as the Dockerfile's COPY lines say,
 * then the Dockerfile's own ENTRYPOINT runs it with the image's environment (ports from ADMIN_PORT and
 * ADMIN_MANAGEMENT_PORT) and the settings as environment variables, as an operator gives them to a container,
 * against the fakes of Lucca and of a SCIM target on loopback; its own HEALTHCHECK command must pass. The image has
 * no sandbox. Runs after {@code package} (failsafe).
 */
@Timeout(180)
class ContainerImageIT {

    private static final String LUCCA_KEY = "image-lucca-key";
    private static final String TARGET_TOKEN = "image-target-token";

    @TempDir
    Path app;

    private FakeLuccaApi lucca;
    private FakeScimTarget target;

    @BeforeEach
    void startFakes() throws IOException {
        lucca = new FakeLuccaApi(LUCCA_KEY, LuccaUsers.employees(5));
        target = new FakeScimTarget(TARGET_TOKEN, null);
    }

    @AfterEach
    void stopFakes() {
        lucca.close();
        target.close();
    }

    @Test
    void theImagesEntrypointServesTheDashboardAndPassesItsHealthCheck() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<String, String> environment = settings(image.environment());
        environment.put("ADMIN_PORT", String.valueOf(SyncPipeline.freePort()));
        environment.put("ADMIN_MANAGEMENT_PORT", String.valueOf(SyncPipeline.freePort()));
        environment.put("ADMIN_TOKEN", "image-admin-token");
        Path console = app.resolve("console.log");
        ProcessBuilder entrypoint = new ProcessBuilder(image.entrypoint()).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        entrypoint.environment().putAll(environment);
        Process running = entrypoint.start();
        try {
            assertThat(healthyWithin(image.healthcheck(), environment, 120)).as("HEALTHCHECK passes; console:%n%s", text(console)).isTrue();

            HttpResponse<String> dashboard = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + environment.get("ADMIN_PORT") + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("Import data now");
            assertThat(running.isAlive()).as("keeps running").isTrue();
        } finally {
            running.destroy();
            assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void theImagesOnceRunLogsInFullToStdoutAndWritesNoLogFile() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);

        String console = runOnce(image, settings(image.environment()));

        assertThat(console).contains("Apache Camel (Main) 4.18.0 is starting", "Lucca sync #1 (once): completed");
        assertThat(target.users()).as("the accounts the run created").isNotEmpty();
        assertThat(app.resolve("logs")).doesNotExist();
    }

    @Test
    void aOnceRunWithALogFileKeepsTheConsoleToTheSummaryAndWritesTheRestThere() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<String, String> withLogFile = settings(image.environment());
        withLogFile.remove("LOGGING_FILE");

        String console = runOnce(image, withLogFile);

        assertThat(console).contains("Lucca sync #1 (once): completed").doesNotContain(" INFO ", "Apache Camel");
        assertThat(console.lines().count()).as(console).isLessThan(40);
        assertThat(text(app.resolve("logs/lucca-provisioning.log")))
                .contains("Apache Camel (Main) 4.18.0 is starting", "Apache Camel 4.18.0 (lucca-provisioning) shutdown");
    }

    /**
     * The launcher gives a one-shot run the JIT's quick compiler only, compiling sooner, and the class data sharing
     * archive: here the layout is writable (the image's is not, its archive is written when it is built), so the
     * first run writes the archive as it exits, and the second must map it: with -Xshare:on a JVM that cannot use it
     * does not start.
     */
    @Test
    void aOnceRunStartsWithTheQuickCompilerAndTheClassArchiveTheFirstOneWrote() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<String, String> environment = settings(image.environment());
        environment.put("JAVA_OPTS", environment.get("JAVA_OPTS") + " -XX:+PrintFlagsFinal");

        String first = runOnce(image, environment);

        assertThat(first).containsPattern("TieredStopAtLevel\\s+= 1\\s")
                .containsPattern("CompileThresholdScaling\\s+= 0\\.3");
        assertOneArchiveAndNoneHalfWritten();
        assertThat(runOnceOnTheArchive(image, environment)).contains("Lucca sync #2 (once): completed");
    }

    /**
     * A jar newer than the archive (a build after it) has the next one-shot run write the archive again, from the new
     * jar's classes, rather than map a stale one; the run after that maps the new archive.
     */
    @Test
    void aJarNewerThanTheArchiveHasTheNextOnceRunWriteItAgain() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<String, String> environment = settings(image.environment());
        Path archive = app.resolve("lucca-provisioning.jsa");
        runOnce(image, environment);
        FileTime jar = Files.getLastModifiedTime(app.resolve("lucca-provisioning.jar"));
        // as if the archive came from an earlier build
        Files.setLastModifiedTime(archive, FileTime.from(jar.toInstant().minusSeconds(60)));

        runOnce(image, environment);

        assertThat(Files.getLastModifiedTime(archive)).as("written again").isGreaterThan(jar);
        assertOneArchiveAndNoneHalfWritten();
        assertThat(runOnceOnTheArchive(image, environment)).contains("Lucca sync #3 (once): completed");
    }

    /**
     * Two first one-shot runs at once (two cron jobs after a build) each write an archive of their own, then rename
     * it: whichever renames last, the archive is whole, and nothing half-written stays behind.
     */
    @Test
    void twoFirstOnceRunsAtOnceLeaveOneWholeArchive() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<Path, Process> runs = new LinkedHashMap<>();
        for (String database : List.of("first", "second")) {
            Map<String, String> environment = settings(image.environment());
            // a database each: one H2 file takes one process
            environment.put("DB_URL", "jdbc:h2:file:" + app.resolve("data/" + database).toAbsolutePath());
            Path console = app.resolve("console-" + database + ".log");
            runs.put(console, startOnce(image, environment, console));
        }
        for (Map.Entry<Path, Process> run : runs.entrySet()) {
            assertThat(run.getValue().waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
            assertThat(run.getValue().exitValue()).as(text(run.getKey())).isZero();
        }

        assertOneArchiveAndNoneHalfWritten();
        Map<String, String> environment = settings(image.environment());
        environment.put("DB_URL", "jdbc:h2:file:" + app.resolve("data/first").toAbsolutePath());
        assertThat(runOnceOnTheArchive(image, environment)).contains("Lucca sync #2 (once): completed");
    }

    /** The sandbox and the fakes are no part of the image: --profile sandbox says so and stops. */
    @Test
    void theImageHasNoSandbox() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        try (Stream<Path> files = Files.walk(app)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.contains("sandbox") || name.contains("fakes") || name.contains("greenmail"));
        }
        List<String> command = new ArrayList<>(image.entrypoint());
        command.addAll(List.of("--profile", "sandbox", "--once"));
        Process running = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true).start();
        String console = new String(running.getInputStream().readAllBytes());

        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(running.exitValue()).as(console).isEqualTo(2);
        assertThat(console).contains("no application-sandbox.properties", "the container image has none");
    }

    /** The image's environment, and the settings that point the run at the fakes, as environment variables. */
    private Map<String, String> settings(Map<String, String> imageEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>(imageEnvironment);
        environment.put("LUCCA_BASE_URL", lucca.baseUrl());
        environment.put("LUCCA_API_KEY", LUCCA_KEY);
        environment.put("LUCCA_MAX_REQUESTS_PER_MINUTE", "100000");
        environment.put("TARGET_BASE_URL", target.scimBaseUrl());
        environment.put("TARGET_TOKEN", TARGET_TOKEN);
        return environment;
    }

    /** The image's ENTRYPOINT with --once: what it printed, once it has exited 0. */
    private String runOnce(Dockerfile image, Map<String, String> environment) throws Exception {
        Path console = app.resolve("console.log");
        Process running = startOnce(image, environment, console);
        assertThat(running.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(running.exitValue()).as(text(console)).isZero();
        return text(console);
    }

    /** A --once run that must map the class archive: with -Xshare:on a JVM that cannot use it does not start. */
    private String runOnceOnTheArchive(Dockerfile image, Map<String, String> environment) throws Exception {
        Map<String, String> mapping = new LinkedHashMap<>(environment);
        mapping.put("JAVA_OPTS", image.environment().get("JAVA_OPTS") + " -Xshare:on");
        return runOnce(image, mapping);
    }

    /** The launcher writes the archive under a name of its own, then renames it: none is left half-written. */
    private void assertOneArchiveAndNoneHalfWritten() throws IOException {
        assertThat(app.resolve("lucca-provisioning.jsa")).isNotEmptyFile();
        try (Stream<Path> files = Files.list(app)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no archive left half-written")
                    .noneMatch(name -> name.startsWith("lucca-provisioning.jsa."));
        }
    }

    /** The image's ENTRYPOINT with --once, started, printing to this console file. */
    private Process startOnce(Dockerfile image, Map<String, String> environment, Path console) throws IOException {
        List<String> command = new ArrayList<>(image.entrypoint());
        command.add("--once");
        ProcessBuilder entrypoint = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        entrypoint.environment().remove("LOGGING_FILE");
        entrypoint.environment().putAll(environment);
        return entrypoint.start();
    }

    /** Copies what the image's COPY --from=build lines copy from the build stage's /build into /app. */
    private void layOut(Dockerfile image) throws IOException {
        assertThat(image.copies()).isNotEmpty();
        for (Map.Entry<String, String> copy : image.copies().entrySet()) {
            Path from = Path.of(copy.getKey().replaceFirst("^/build/", ""));
            Path to = app.resolve(copy.getValue().replaceFirst("^/app/?", ""));
            assertThat(from).as("built or checked in: " + from).exists();
            copyTree(from, to);
        }
        Files.createDirectories(app.resolve("data"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private boolean healthyWithin(String healthcheck, Map<String, String> environment, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            ProcessBuilder probe = new ProcessBuilder("sh", "-c", healthcheck).directory(app.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            probe.environment().putAll(environment);
            if (probe.start().waitFor() == 0) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private static String text(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The instructions of the Dockerfile's last stage that this test needs. */
    private record Dockerfile(List<String> entrypoint, String healthcheck, Map<String, String> environment, Map<String, String> copies) {

        private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

        static Dockerfile read(Path file) throws IOException {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                current.append(line.strip());
                if (line.endsWith("\\")) {
                    current.setLength(current.length() - 1);
                } else {
                    instructions.add(current.toString());
                    current.setLength(0);
                }
            }
            List<String> entrypoint = List.of();
            String healthcheck = null;
            Map<String, String> environment = new LinkedHashMap<>();
            Map<String, String> copies = new LinkedHashMap<>();
            for (String instruction : instructions) {
                if (instruction.startsWith("FROM ")) {
                    environment.clear();
                    copies.clear();
                } else if (instruction.startsWith("ENTRYPOINT ")) {
                    entrypoint = List.of(new ObjectMapper().readValue(instruction.substring("ENTRYPOINT ".length()), String[].class));
                } else if (instruction.startsWith("HEALTHCHECK ")) {
                    healthcheck = instruction.substring(instruction.indexOf(" CMD ") + " CMD ".length()).strip();
                } else if (instruction.startsWith("ENV ")) {
                    Matcher pair = ENV_PAIR.matcher(instruction.substring("ENV ".length()));
                    while (pair.find()) {
                        environment.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                    }
                } else if (instruction.startsWith("COPY --from=build ")) {
                    String[] parts = instruction.split("\\s+");
                    copies.put(parts[2], parts[3]);
                }
            }
            return new Dockerfile(entrypoint, healthcheck, environment, copies);
        }
    }
}
