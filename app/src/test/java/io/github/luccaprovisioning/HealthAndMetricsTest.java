package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.sync.SyncRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /observe/health and /observe/metrics on the management port of the real application. */
@Timeout(120)
class HealthAndMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void readinessReportsTheLastRunAndGoesDownWhenItFailed() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), Map.of("lucca.max-retries", "1"))) {
            assertThat(get(pipeline, "/observe/health/ready").statusCode()).as("UP before any run").isEqualTo(200);
            SyncRun completed = pipeline.sync();

            JsonNode lastRun = lastRunCheck(get(pipeline, "/observe/health?data=true"));
            assertThat(lastRun.path("status").asText()).isEqualTo("UP");
            assertThat(lastRun.path("data").path("last.run.id").asLong()).isEqualTo(completed.getId());
            assertThat(lastRun.path("data").path("last.run.status").asText()).isEqualTo("COMPLETED");
            assertThat(lastRun.path("data").path("lucca.answered").asBoolean()).isTrue();

            pipeline.lucca.answerWith(503);
            SyncRun failed = pipeline.sync();

            HttpResponse<String> ready = get(pipeline, "/observe/health/ready?data=true");
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode down = lastRunCheck(ready);
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("data").path("last.run.id").asLong()).isEqualTo(failed.getId());
            assertThat(down.path("data").path("lucca.answered").asBoolean()).isFalse();
            assertThat(down.path("data").path("last.run.failure").asText()).contains("503");
            assertThat(get(pipeline, "/observe/health/live").statusCode()).as("a restart would not help").isEqualTo(200);
        }
    }

    @Test
    void metricsCountRunsRecordsAndLuccaRateLimits() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(4))) {
            pipeline.lucca.throttleNext(1, "0");
            pipeline.sync();
            pipeline.sync();
            pipeline.lucca.user(1002).put("jobTitle", "Head of Sales");
            pipeline.target.failMatching(request -> request.method().equals("PUT"), 1, 400, "invalidValue", "title too long");
            pipeline.sync();

            String metrics = get(pipeline, "/observe/metrics").body();

            assertThat(metrics).contains("lucca_provisioning_runs_total{status=\"completed\"} 2.0",
                    "lucca_provisioning_runs_total{status=\"completed_with_errors\"} 1.0",
                    "lucca_provisioning_target_calls_seconds_count{outcome=\"failed\",status=\"400\"} 1",
                    "lucca_provisioning_records_total{outcome=\"failed\"} 1.0",
                    "lucca_provisioning_records_total{outcome=\"created\"} 4.0",
                    "lucca_provisioning_records_total{outcome=\"unchanged\"} 7.0",
                    "lucca_provisioning_lucca_calls_total{status=\"429\"} 1.0",
                    "lucca_provisioning_lucca_calls_total{status=\"200\"} 3.0",
                    "lucca_provisioning_run_duration_seconds_count 3");
            assertThat(metrics).as("each call to the target, timed, by status").containsPattern(
                    "lucca_provisioning_target_calls_seconds_count\\{outcome=\"answered\",status=\"201\"} 4");
            assertThat(metrics).as("the JVM's figures (camel.metrics.binders)").contains("jvm_memory_used_bytes",
                    "process_cpu_usage", "process_uptime_seconds");
        }
    }

    private static JsonNode lastRunCheck(HttpResponse<String> health) throws Exception {
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if ("last-run".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no last-run check in " + health.body());
    }

    private HttpResponse<String> get(SyncPipeline pipeline, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
