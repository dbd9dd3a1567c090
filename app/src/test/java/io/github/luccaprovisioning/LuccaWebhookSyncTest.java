package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.fakes.FakeLuccaV5Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /webhooks/lucca end to end: the real Main and routes, Lucca API v5 on loopback, deliveries over real HTTP to
 * the admin server, each synced by a webhook run of its one employee.
 */
@Timeout(120)
class LuccaWebhookSyncTest {

    private static final String SECRET = "test-webhook-secret-3b7a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    private SyncPipeline start(FakeLuccaV5Api lucca, Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(more);
        settings.putIfAbsent("lucca.webhook-secret", SECRET);
        // one leaver of five is 20%: the guard lets it through, as it would one of a larger company
        settings.put("sync.max-deactivation-percent", "50");
        settings.put("lucca.max-retries", "1");
        return SyncPipeline.start(folder, List.of(), LuccaV5SyncTest.v5Settings(lucca, settings));
    }

    private static String delivery(String id, String topic, String employeeId) {
        return JSON.createObjectNode().put("id", id).put("topic", topic).put("occurredAt", "2026-12-03T06:00:00Z")
                .set("data", JSON.createObjectNode().put("id", employeeId)).toString();
    }

    private HttpResponse<String> deliver(SyncPipeline pipeline, String body, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.adminPort + "/webhooks/lucca"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> deliver(SyncPipeline pipeline, String body) throws Exception {
        return deliver(pipeline, body, "X-Lucca-Webhook-Secret", SECRET);
    }

    private static List<Map<String, Object>> webhookRuns(SyncPipeline pipeline) throws Exception {
        return pipeline.query("SELECT * FROM sync_run WHERE run_trigger = 'webhook' ORDER BY id");
    }

    /** Waits until this many webhook runs have ended. */
    private static List<Map<String, Object>> waitForEndedWebhookRuns(SyncPipeline pipeline, int count) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            List<Map<String, Object>> runs = webhookRuns(pipeline);
            if (runs.size() >= count && runs.stream().noneMatch(run -> "RUNNING".equals(run.get("status")))) {
                return runs;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + count + " ended webhook runs: " + webhookRuns(pipeline));
    }

    private static void waitForHandled(SyncPipeline pipeline, String deliveryId) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            if (!pipeline.query("SELECT run_id FROM lucca_webhook_delivery WHERE delivery_key = '" + deliveryId + "'").isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("delivery " + deliveryId + " was not handled: " + webhookRuns(pipeline));
    }

    private static boolean active(SyncPipeline pipeline, String luccaId) {
        return pipeline.target.userByExternalId(luccaId).path("active").asBoolean();
    }

    @Test
    void aDeliveryIsAnsweredAtOnceAndTheEmployeeUpdatedWithinSeconds() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of())) {
            pipeline.sync();
            pipeline.smtp.waitForIncomingEmail(5000, 1);
            lucca.put("1002", "First1", "Married", LuccaV5SyncTest.ACTIVE, "2021-03-15", null, "1001");

            long sent = System.nanoTime();
            HttpResponse<String> answer = deliver(pipeline, delivery("d-1", "employee.updated", "1002"), "Authorization", "Bearer " + SECRET);
            long answeredMillis = (System.nanoTime() - sent) / 1_000_000;

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answeredMillis).as("answered within a second").isLessThan(1000);
            assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("accepted");
            waitForHandled(pipeline, "d-1");
            assertThat(pipeline.target.userByExternalId("1002").toString()).contains("first1.married@acme.example");
            assertThat(lucca.requests("/lucca-api/employees/1002")).singleElement()
                    .satisfies(read -> assertThat(read.query()).isEqualTo("include=embedded"));
            assertThat(pipeline.target.userByExternalId("1002").toString()).as("the names read for the webhook run too")
                    .contains("Sales", "Acme France SAS");

            JsonNode newest = JSON.readTree(pipeline.callApi("GET", "/api/runs?page=0&size=1", null).body()).path("runs").get(0);
            assertThat(newest.path("trigger").asText()).isEqualTo("webhook");
            assertThat(newest.path("employee").asText()).isEqualTo("1002");
            assertThat(newest.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(newest.path("counts").path("updated").asInt()).isEqualTo(1);
            assertThat(newest.path("progress").path("employeesRead").asInt()).isEqualTo(1);
            assertThat(pipeline.target.users()).as("nobody else touched").hasSize(5)
                    .allSatisfy(user -> assertThat(user.path("active").asBoolean()).isTrue());
            assertThat(pipeline.smtp.getReceivedMessages()).as("the full run's summary only, none for the webhook run").hasSize(1);
        }
    }

    @Test
    void theSameDeliveryTwiceMakesOneUpdate() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of())) {
            pipeline.sync();
            lucca.put("1003", "First2", "Renamed", LuccaV5SyncTest.ACTIVE, "2021-03-15", null, "1001");
            pipeline.target.clearRequests();
            String delivery = delivery("d-2", "employee.updated", "1003");

            assertThat(deliver(pipeline, delivery).statusCode()).isEqualTo(202);
            assertThat(deliver(pipeline, delivery).statusCode()).as("Lucca's second attempt").isEqualTo(202);
            waitForHandled(pipeline, "d-2");
            HttpResponse<String> third = deliver(pipeline, delivery);

            assertThat(third.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(third.body()).path("status").asText()).isEqualTo("duplicate");
            assertThat(pipeline.target.requests("PUT")).as("one update").hasSize(1);
            assertThat(webhookRuns(pipeline)).as("one webhook run").hasSize(1);
            assertThat(lucca.requests("/lucca-api/employees/1003")).hasSize(1);
        }
    }

    @Test
    void forgedAndUnsignedDeliveriesAreRefusedAndChangeNothing() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of())) {
            pipeline.sync();
            lucca.put("1004", "First3", "Last3", "deactivated", "2021-03-15", LocalDate.now().minusDays(1).toString(), null);
            String delivery = delivery("d-3", "employee.updated", "1004");

            HttpResponse<String> unsigned = deliver(pipeline, delivery, null, null);
            HttpResponse<String> forged = deliver(pipeline, delivery, "X-Lucca-Webhook-Secret", SECRET + "x");
            HttpResponse<String> forgedBearer = deliver(pipeline, delivery, "Authorization", "Bearer not-the-secret");

            assertThat(List.of(unsigned, forged, forgedBearer)).allSatisfy(refused -> {
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.body()).contains("Missing or wrong webhook secret").doesNotContain(SECRET);
            });
            assertThat(pipeline.query("SELECT id FROM sync_run")).as("no run but the first").hasSize(1);
            assertThat(lucca.requests("/lucca-api/employees/1004")).isEmpty();
            assertThat(active(pipeline, "1004")).isTrue();
            // Camel's start-up summary prints the test's override properties, masking only names it knows as secrets
            // (webhook-secret is not one); the environment, where the secret comes from outside tests, it does not print
            List<String> ours = Files.readAllLines(Path.of("target/test.log")).stream()
                    .filter(line -> !line.contains("[OverrideProperties]")).toList();
            assertThat(ours).anySatisfy(line -> assertThat(line).contains("Lucca webhook refused"))
                    .noneSatisfy(line -> assertThat(line).contains(SECRET));
        }
    }

    @Test
    void withoutASecretWebhooksAreOff() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees();
             SyncPipeline pipeline = start(lucca, Map.of("lucca.webhook-secret", ""))) {
            HttpResponse<String> off = deliver(pipeline, delivery("d-4", "employee.updated", "1001"), "X-Lucca-Webhook-Secret", "");

            assertThat(off.statusCode()).isEqualTo(404);
            assertThat(off.body()).contains("Lucca webhooks are off", "LUCCA_WEBHOOK_SECRET");
            assertThat(pipeline.query("SELECT id FROM sync_run")).isEmpty();
        }
    }

    @Test
    void aConfirmedLeaverIsDeactivatedButANotFoundOrFailedReadDeactivatesNobody() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of())) {
            pipeline.sync();

            lucca.remove("1005");
            assertThat(deliver(pipeline, delivery("d-5", "employee.deleted", "1005")).statusCode()).isEqualTo(202);
            Map<String, Object> notFound = waitForEndedWebhookRuns(pipeline, 1).get(0);
            assertThat(notFound.get("deactivated_count")).isEqualTo(0);
            assertThat(active(pipeline, "1005")).as("a 404 is no confirmation").isTrue();

            lucca.put("1003", "First2", "Last2", "deactivated", "2021-03-15", LocalDate.now().minusDays(1).toString(), "1001");
            lucca.failEmployeeReads(503);
            assertThat(deliver(pipeline, delivery("d-6", "employee.updated", "1003")).statusCode()).isEqualTo(202);
            Map<String, Object> failed = waitForEndedWebhookRuns(pipeline, 2).get(1);
            assertThat(failed.get("status")).isEqualTo("FAILED");
            assertThat(active(pipeline, "1003")).as("a failed read is no confirmation").isTrue();
            assertThat(pipeline.healthDetails("last-run").path("last.run.status").asText())
                    .as("readiness follows the full runs: a failed webhook run does not take the process out of service")
                    .isEqualTo("COMPLETED");
            assertThat(pipeline.query("SELECT * FROM lucca_webhook_delivery")).as("neither counts as handled").isEmpty();

            lucca.failEmployeeReads(0);
            lucca.put("1004", "First3", "Last3", "deactivated", "2021-03-15", LocalDate.now().minusDays(1).toString(), null);
            assertThat(deliver(pipeline, delivery("d-7", "employee.updated", "1004")).statusCode()).isEqualTo(202);
            waitForHandled(pipeline, "d-7");
            assertThat(active(pipeline, "1004")).as("Lucca's answer says they left").isFalse();
            assertThat(webhookRuns(pipeline).get(2).get("deactivated_count")).isEqualTo(1);
            assertThat(pipeline.target.users()).filteredOn(user -> !user.path("active").asBoolean()).hasSize(1);
        }
    }

    @Test
    void aWebhookDuringAFullRunWaitsForItsEnd() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of("target.concurrency", "1"))) {
            pipeline.target.answerAfter(1000);
            HttpResponse<String> fullRun = pipeline.callApi("POST", "/api/runs", "{}");
            assertThat(fullRun.statusCode()).isEqualTo(202);

            assertThat(deliver(pipeline, delivery("d-8", "employee.created", "1002")).statusCode()).isEqualTo(202);
            String waits = "Lucca webhook employee.created of Lucca employee #1002: waits for the run in progress to end";
            for (int attempt = 0; attempt < 300 && !Files.readString(Path.of("target/test.log")).contains(waits); attempt++) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(Path.of("target/test.log"))).contains(waits);
            assertThat(webhookRuns(pipeline)).as("no webhook run while the full run goes on").isEmpty();
            pipeline.target.answerAfter(0);
            waitForHandled(pipeline, "d-8");

            Map<String, Object> full = pipeline.query("SELECT * FROM sync_run WHERE run_trigger = 'manual'").get(0);
            Map<String, Object> webhook = webhookRuns(pipeline).get(0);
            assertThat(full.get("status")).isEqualTo("COMPLETED");
            assertThat((Timestamp) webhook.get("started_at")).as("the webhook run started once the full run ended")
                    .isAfterOrEqualTo((Timestamp) full.get("finished_at"));
            assertThat(webhook.get("unchanged_count")).as("the full run created them; the webhook run found nothing new").isEqualTo(1);
        }
    }

    @Test
    void aFullRunAskedForDuringAWebhookRunWaitsForItRatherThanBeingRefused() throws Exception {
        try (FakeLuccaV5Api lucca = LuccaV5SyncTest.fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of())) {
            pipeline.sync();
            lucca.put("1005", "First4", "Slow", LuccaV5SyncTest.ACTIVE, "2021-03-15", null, null);
            pipeline.target.answerAfter(2500);
            assertThat(deliver(pipeline, delivery("d-9", "employee.updated", "1005")).statusCode()).isEqualTo(202);
            for (int attempt = 0; attempt < 200 && webhookRuns(pipeline).isEmpty(); attempt++) {
                Thread.sleep(20);
            }
            assertThat(webhookRuns(pipeline)).singleElement().satisfies(run -> assertThat(run.get("status")).isEqualTo("RUNNING"));

            HttpResponse<String> fullRun = pipeline.callApi("POST", "/api/runs", "{}");

            assertThat(fullRun.statusCode()).as("the scheduled or asked-for run is not skipped for one employee").isEqualTo(202);
            Map<String, Object> webhook = webhookRuns(pipeline).get(0);
            Map<String, Object> manual = pipeline.query("SELECT * FROM sync_run WHERE run_trigger = 'manual' ORDER BY id DESC").get(0);
            assertThat(webhook.get("status")).isEqualTo("COMPLETED");
            assertThat((Timestamp) manual.get("started_at")).isAfterOrEqualTo((Timestamp) webhook.get("finished_at"));
            pipeline.target.answerAfter(0);
        }
    }
}
