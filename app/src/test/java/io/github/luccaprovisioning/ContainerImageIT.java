package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * ADMIN_MANAGEMENT_PORT), and its own HEALTHCHECK command must pass. Runs after {@code package} (failsafe).
 */
@Timeout(180)
class ContainerImageIT {

    @TempDir
    Path app;

    @Test
    void theImagesEntrypointServesTheDashboardAndPassesItsHealthCheck() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<String, String> environment = new LinkedHashMap<>(image.environment());
        environment.put("ADMIN_PORT", String.valueOf(SyncPipeline.freePort()));
        environment.put("ADMIN_MANAGEMENT_PORT", String.valueOf(SyncPipeline.freePort()));
        List<String> command = new ArrayList<>(image.entrypoint());
        command.addAll(List.of("--profile", "sandbox"));
        Path console = app.resolve("console.log");
        ProcessBuilder entrypoint = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        entrypoint.environment().putAll(environment);
        Process running = entrypoint.start();
        try {
            assertThat(healthyWithin(image.healthcheck(), environment, 120)).as("HEALTHCHECK passes; console:%n%s", text(console)).isTrue();

            HttpResponse<String> dashboard = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + environment.get("ADMIN_PORT") + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("Import data now");
            assertThat(text(console)).contains("Dashboard: http://localhost:" + environment.get("ADMIN_PORT") + "/#token=");
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

        String console = runOnce(image, image.environment());

        assertThat(console).contains("Apache Camel (Main) 4.18.0 is starting", "Lucca sync #1 (once): completed", "Sandbox:");
        assertThat(app.resolve("logs")).doesNotExist();
    }

    @Test
    void aOnceRunWithALogFileKeepsTheConsoleToTheSummaryAndWritesTheRestThere() throws Exception {
        Dockerfile image = Dockerfile.read(Path.of("Dockerfile"));
        layOut(image);
        Map<String, String> withLogFile = new LinkedHashMap<>(image.environment());
        withLogFile.remove("LOGGING_FILE");

        String console = runOnce(image, withLogFile);

        assertThat(console).contains("Lucca sync #1 (once): completed", "Sandbox:").doesNotContain(" INFO ", "Apache Camel");
        assertThat(console.lines().count()).as(console).isLessThan(40);
        assertThat(text(app.resolve("logs/lucca-provisioning.log")))
                .contains("Apache Camel (Main) 4.18.0 is starting", "Apache Camel 4.18.0 (lucca-provisioning) shutdown");
    }

    /** The image's ENTRYPOINT with --profile sandbox --once: what it printed, once it has exited 0. */
    private String runOnce(Dockerfile image, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(image.entrypoint());
        command.addAll(List.of("--profile", "sandbox", "--once"));
        Path console = app.resolve("console.log");
        ProcessBuilder entrypoint = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        entrypoint.environment().remove("LOGGING_FILE");
        entrypoint.environment().putAll(environment);
        Process running = entrypoint.start();
        assertThat(running.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(running.exitValue()).as(text(console)).isZero();
        return text(console);
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
