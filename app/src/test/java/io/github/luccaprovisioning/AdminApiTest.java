package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over real HTTP, on the embedded server of the real application. */
@Timeout(120)
class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void everyCallNeedsTheAdminToken() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2))) {
            for (String path : new String[]{"/api/runs", "/api/employees", "/api/check", "/api/runs/1"}) {
                assertThat(send(pipeline, "GET", path, null, null).statusCode()).as(path).isEqualTo(401);
                assertThat(send(pipeline, "GET", path, "wrong-token", null).statusCode()).as(path).isEqualTo(401);
            }
            HttpResponse<String> refused = send(pipeline, "POST", "/api/runs", "test-admin-tokenX", "{}");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("Missing or wrong admin token").doesNotContain(SyncPipeline.ADMIN_TOKEN);
            assertThat(pipeline.query("SELECT id FROM sync_run")).as("no run started").isEmpty();
        }
    }

    @Test
    void withoutATokenTheApiIsOff() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2), Map.of("admin.token", ""))) {
            HttpResponse<String> off = send(pipeline, "POST", "/api/runs", "", "{}");

            assertThat(off.statusCode()).isEqualTo(404);
            assertThat(off.body()).contains("admin API is off");
            assertThat(pipeline.query("SELECT id FROM sync_run")).isEmpty();
        }
    }

    @Test
    void runNowAnswers202ThenTheRunShowsItsProgressAndCounts() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(12))) {
            HttpResponse<String> started = send(pipeline, "POST", "/api/runs", SyncPipeline.ADMIN_TOKEN, "{\"dryRun\": false}");

            assertThat(started.statusCode()).isEqualTo(202);
            long id = JSON.readTree(started.body()).path("id").asLong();
            JsonNode run = waitUntilEnded(pipeline, id);
            assertThat(run.path("trigger").asText()).isEqualTo("manual");
            assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(run.path("counts").path("created").asInt()).isEqualTo(12);
            assertThat(run.path("progress").path("employeesProcessed").asInt()).isEqualTo(12);
            assertThat(run.path("progress").path("employeesAnnounced").asInt()).isEqualTo(12);
            assertThat(run.path("progress").path("percent").asInt()).isEqualTo(100);
            assertThat(pipeline.target.users()).hasSize(12);

            JsonNode history = JSON.readTree(get(pipeline, "/api/runs?page=0&size=5").body());
            assertThat(history.path("total").asLong()).isEqualTo(1);
            assertThat(history.path("runs").get(0).path("id").asLong()).isEqualTo(id);
        }
    }

    @Test
    void aRunAskedForWhileOneIsInProgressIsRefusedWith409() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(20), Map.of("target.concurrency", "1"))) {
            pipeline.target.answerAfter(100);
            HttpResponse<String> first = send(pipeline, "POST", "/api/runs", SyncPipeline.ADMIN_TOKEN, "");
            long id = JSON.readTree(first.body()).path("id").asLong();

            HttpResponse<String> second = send(pipeline, "POST", "/api/runs", SyncPipeline.ADMIN_TOKEN, "");
            JsonNode inProgress = JSON.readTree(get(pipeline, "/api/runs/" + id).body());

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(second.body()).path("runningId").asLong()).isEqualTo(id);
            assertThat(inProgress.path("status").asText()).isEqualTo("RUNNING");
            assertThat(inProgress.path("progress").path("percent").asInt()).isLessThan(100);
            pipeline.target.answerAfter(0);
            waitUntilEnded(pipeline, id);
            assertThat(pipeline.query("SELECT id FROM sync_run")).as("never two runs").hasSize(1);
            assertThat(pipeline.target.users()).hasSize(20);
        }
    }

    @Test
    void theLongRunningProcessHasTheScheduleAndTheApiAndOneThatRunsOnceHasNeither() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2))) {
            assertThat(routeIds(pipeline)).contains("sync-on-schedule", "rest-run-now", "rest-list-runs", "api-run-now");
            assertThat(pipeline.camel().getRouteController().getRouteStatus("sync-on-schedule").isStarted()).isTrue();
            assertThat(pipeline.camel().getComponent("quartz", QuartzComponent.class).getScheduler().isStarted()).isTrue();
            assertThat(pipeline.camel().getRegistry().findByType(MeterRegistry.class)).isNotEmpty();
        }
        // the setting alone, as SYNC_RUN_ONCE=true or application.properties give it, with no command-line flag; a
        // route the deployment leaves out itself stays out
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2),
                Map.of("sync.run-once", "true", "camel.main.route-filter-exclude-pattern", "preview-payloads"))) {
            assertThat(routeIds(pipeline)).contains("sync-directory", "check-connections")
                    .doesNotContain("sync-on-schedule", "preview-payloads")
                    .noneMatch(id -> id.startsWith("rest-") || id.startsWith("api-"));
            assertThat(pipeline.camel().hasComponent("quartz")).as("no Quartz scheduler built").isNull();
            assertThat(pipeline.camel().getRegistry().findByType(MeterRegistry.class)).as("no metrics registry").isEmpty();
            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(2);
        }
    }

    private static List<String> routeIds(SyncPipeline pipeline) {
        return pipeline.camel().getRoutes().stream().map(Route::getRouteId).toList();
    }

    @Test
    void aScheduledTimeThatComesWhileARunGoesOnIsSkippedNotRunBeside() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(8),
                Map.of("target.concurrency", "1", "sync.cron", "0/1 * * * * ?"))) {
            pipeline.target.answerAfter(250);
            Thread.sleep(7000);
            pipeline.camel().getRouteController().stopRoute("sync-on-schedule");
            while (!pipeline.query("SELECT id FROM sync_run WHERE status = 'RUNNING'").isEmpty()) {
                Thread.sleep(100);
            }

            var runs = pipeline.query("SELECT started_at, finished_at FROM sync_run ORDER BY id");
            assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
            long firstRunMillis = ((java.sql.Timestamp) runs.get(0).get("finished_at")).getTime()
                    - ((java.sql.Timestamp) runs.get(0).get("started_at")).getTime();
            assertThat(firstRunMillis).as("the first run spans scheduled times, which must be skipped").isGreaterThan(2000);
            for (int i = 1; i < runs.size(); i++) {
                assertThat((java.sql.Timestamp) runs.get(i).get("started_at")).as("run %d starts after the one before ended", i + 1)
                        .isAfterOrEqualTo((java.sql.Timestamp) runs.get(i - 1).get("finished_at"));
            }
            assertThat(pipeline.target.users()).hasSize(8);
        }
    }

    @Test
    void pausingAutomaticSyncPausesTheTriggerOutlivesARestartAndTheHistoryAndHealthSayIt() throws Exception {
        Map<String, String> everySecond = Map.of("sync.cron", "0/1 * * * * ?");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2), everySecond)) {
            JsonNode before = JSON.readTree(get(pipeline, "/api/schedule").body());
            assertThat(before.path("enabled").asBoolean()).isTrue();
            assertThat(before.path("cron").asText()).isEqualTo("0/1 * * * * ?");
            assertThat(send(pipeline, "PUT", "/api/schedule", SyncPipeline.ADMIN_TOKEN, "{\"enabled\": \"no\"}").statusCode())
                    .isEqualTo(400);

            HttpResponse<String> paused = send(pipeline, "PUT", "/api/schedule", SyncPipeline.ADMIN_TOKEN, "{\"enabled\": false}");

            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            assertThat(JSON.readTree(paused.body()).path("enabled").asBoolean()).isFalse();
            assertThat(JSON.readTree(paused.body()).path("changedAt").asText()).isNotEmpty();
            assertThat(triggerState(pipeline)).isEqualTo(Trigger.TriggerState.PAUSED);
            long runsWhenPaused = pipeline.query("SELECT id FROM sync_run").size();
            Thread.sleep(2500);
            assertThat(pipeline.query("SELECT id FROM sync_run")).as("no scheduled run while paused").hasSize((int) runsWhenPaused);
            assertThat(JSON.readTree(get(pipeline, "/api/runs").body()).path("automaticSync").asBoolean()).isFalse();
            assertThat(health(pipeline).path("automatic.sync").asText()).isEqualTo("off");
        }
        try (SyncPipeline restarted = SyncPipeline.start(folder, LuccaUsers.employees(2), everySecond)) {
            assertThat(JSON.readTree(get(restarted, "/api/schedule").body()).path("enabled").asBoolean()).as("kept").isFalse();
            assertThat(triggerState(restarted)).isEqualTo(Trigger.TriggerState.NORMAL);
            long runs = restarted.query("SELECT id FROM sync_run").size();
            Thread.sleep(2500);
            assertThat(restarted.query("SELECT id FROM sync_run")).as("each fire asks the database first").hasSize((int) runs);

            send(restarted, "PUT", "/api/schedule", SyncPipeline.ADMIN_TOKEN, "{\"enabled\": true}");

            waitFor(() -> !restarted.query("SELECT id FROM sync_run WHERE scheduled_for IS NOT NULL").isEmpty());
            JsonNode history = JSON.readTree(get(restarted, "/api/runs").body());
            assertThat(history.path("automaticSync").asBoolean()).isTrue();
            assertThat(history.path("runs").get(0).path("trigger").asText()).isEqualTo("schedule");
            assertThat(history.path("runs").get(0).path("scheduledFor").asText()).endsWith("Z");
            assertThat(health(restarted).path("automatic.sync").asText()).isEqualTo("on");
        }
    }

    @Test
    void automaticSyncStartsOffWhenTheSettingSaysSo() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2),
                Map.of("sync.cron", "0/1 * * * * ?", "sync.schedule-enabled", "false"))) {
            Thread.sleep(2500);
            assertThat(pipeline.query("SELECT id FROM sync_run")).isEmpty();
            JsonNode schedule = JSON.readTree(get(pipeline, "/api/schedule").body());
            assertThat(schedule.path("enabled").asBoolean()).isFalse();
            assertThat(schedule.path("changedAt").isNull()).as("nobody chose yet").isTrue();
        }
    }

    private static Trigger.TriggerState triggerState(SyncPipeline pipeline) throws Exception {
        return pipeline.camel().getComponent("quartz", QuartzComponent.class).getScheduler()
                .getTriggerState(new TriggerKey("sync", "lucca-provisioning"));
    }

    private JsonNode health(SyncPipeline pipeline) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.managementPort
                + "/observe/health?data=true")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if ("last-run".equals(check.path("name").asText())) {
                return check.path("data");
            }
        }
        throw new AssertionError("no last-run check in " + health.body());
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition) throws Exception {
        for (int i = 0; i < 100 && !condition.holds(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.holds()).isTrue();
    }

    @Test
    void errorFileManagedPeopleAndTheirLastError() throws Exception {
        var directory = LuccaUsers.employees(4);
        directory.get(1).remove("mail");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            SyncRun run = pipeline.sync();
            assertThat(run.countOf(Outcome.FAILED)).isEqualTo(1);

            HttpResponse<String> csv = get(pipeline, "/api/runs/" + run.getId() + "/errors.csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
            assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"run-" + run.getId() + "-errors.csv\"");
            assertThat(csv.body()).contains("email missing");
            assertThat(csv.headers().map()).as("no request or route header echoed").doesNotContainKeys("authorization", "Authorization", "id");
            assertThat(get(pipeline, "/api/runs/" + run.getId() + "/errors.xlsx").statusCode()).isEqualTo(200);
            assertThat(get(pipeline, "/api/runs/999/errors.csv").statusCode()).isEqualTo(404);

            JsonNode employees = JSON.readTree(get(pipeline, "/api/employees?q=" + LuccaUsers.employees(4).get(2).path("lastName").asText()).body());
            assertThat(employees.path("total").asLong()).isEqualTo(1);
            assertThat(employees.path("employees").get(0).path("targetId").asText()).isNotBlank();
            assertThat(employees.path("employees").get(0).path("active").asBoolean()).isTrue();
            for (String wildcard : List.of("_", "%25", "!")) {
                assertThat(JSON.readTree(get(pipeline, "/api/employees?q=" + wildcard).body()).path("total").asLong())
                        .as("LIKE's wildcards and its escape character are searched as themselves: " + wildcard).isZero();
            }

            pipeline.lucca.user(1003).put("mail", "");
            pipeline.lucca.user(1003).put("jobTitle", "Changed");
            pipeline.sync();
            JsonNode all = JSON.readTree(get(pipeline, "/api/employees").body());
            assertThat(all.path("total").asLong()).as("the one never synced is not managed").isEqualTo(3);
            assertThat(all.findValues("lastError")).filteredOn(error -> !error.isNull()).singleElement()
                    .satisfies(error -> assertThat(error.asText()).contains("email missing"));
        }
    }

    @Test
    void approvingARunsHeldDeactivationsAppliesThoseAndOnlyThose() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(10))) {
            pipeline.sync();
            for (int id = 1001; id <= 1005; id++) {
                pipeline.lucca.user(id).put("dtContractEnd", LocalDate.now().minusDays(1) + "T00:00:00");
            }
            SyncRun held = pipeline.sync();
            assertThat(held.countOf(Outcome.HELD_FOR_APPROVAL)).isEqualTo(5);
            JsonNode shown = JSON.readTree(get(pipeline, "/api/runs/" + held.getId()).body());
            assertThat(shown.path("heldDeactivations")).hasSize(5);
            assertThat(shown.path("heldDeactivations").get(0).path("email").asText()).contains("@");
            pipeline.lucca.user(1006).put("dtContractEnd", LocalDate.now().minusDays(1) + "T00:00:00");
            pipeline.lucca.user(1005).put("dtContractEnd", LocalDate.now().plusYears(1) + "T00:00:00");

            HttpResponse<String> approval = send(pipeline, "POST", "/api/runs/" + held.getId() + "/approve-deactivations",
                    SyncPipeline.ADMIN_TOKEN, "");

            assertThat(approval.statusCode()).isEqualTo(202);
            JsonNode run = waitUntilEnded(pipeline, JSON.readTree(approval.body()).path("id").asLong());
            assertThat(run.path("counts").path("deactivated").asInt()).as("the 4 still leaving, plus 1006 within the guard").isEqualTo(5);
            assertThat(pipeline.target.userByExternalId("1005").path("active").asBoolean()).as("back in Lucca: not deactivated").isTrue();
            assertThat(pipeline.target.userByExternalId("1001").path("active").asBoolean()).isFalse();
            assertThat(send(pipeline, "POST", "/api/runs/" + held.getId() + "/approve-deactivations", SyncPipeline.ADMIN_TOKEN, "")
                    .statusCode()).as("only the newest run's can be approved").isEqualTo(409);
        }
    }

    @Test
    void aCallerCannotSetTheRunsOwnHeadersThroughTheApi() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(10))) {
            pipeline.sync();
            for (int id = 1001; id <= 1005; id++) {
                pipeline.lucca.user(id).put("dtContractEnd", LocalDate.now().minusDays(1) + "T00:00:00");
            }
            HttpRequest smuggled = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.adminPort + "/api/runs"))
                    .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + SyncPipeline.ADMIN_TOKEN)
                    .header("SyncApproveDeactivations", "true").header("syncTrigger", "schedule").build();
            HttpResponse<String> started = http.send(smuggled, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(started.statusCode()).isEqualTo(202);
            JsonNode run = waitUntilEnded(pipeline, JSON.readTree(started.body()).path("id").asLong());
            assertThat(run.path("trigger").asText()).isEqualTo("manual");
            assertThat(run.path("counts").path("heldForApproval").asInt()).as("the guard still holds them").isEqualTo(5);
            assertThat(run.path("counts").path("deactivated").asInt()).isZero();
        }
    }

    @Test
    void aBadCallIsA400NamingTheParameterAndItsFormAnUnknownRunA404() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2))) {
            long id = pipeline.sync().getId();
            String token = SyncPipeline.ADMIN_TOKEN;

            assertError(get(pipeline, "/api/runs/abc"), 400, "The path parameter 'id' must be a run number like 12, not 'abc'");
            assertError(get(pipeline, "/api/runs/-1/errors.csv"), 400, "'id' must be a run number like 12");
            assertError(send(pipeline, "POST", "/api/runs/1.5/approve-deactivations", token, ""), 400, "'id' must be a run number");
            assertError(get(pipeline, "/api/runs?page=-1"), 400, "The query parameter 'page' must be a whole number from 0 to");
            assertError(get(pipeline, "/api/runs?size=abc"), 400, "The query parameter 'size' must be a whole number from 1 to 200, like size=20, not 'abc'");
            assertError(get(pipeline, "/api/employees?size=500"), 400, "'size' must be a whole number from 1 to 200, like size=50");
            assertError(send(pipeline, "POST", "/api/runs", token, "{dryRun"), 400, "The body must be JSON like {\"dryRun\": true}");
            assertError(send(pipeline, "POST", "/api/runs", token, "{\"dryRun\": \"yes\"}"), 400, "The field 'dryRun' must be true or false");
            assertError(send(pipeline, "POST", "/api/runs?dryRun=maybe", token, ""), 400, "The query parameter 'dryRun' must be true or false");
            assertError(send(pipeline, "PUT", "/api/schedule", token, "[false]"), 400, "The body must be a JSON object like {\"enabled\": false}");
            assertError(send(pipeline, "PUT", "/api/schedule", token, "{\"enabled\": 0}"), 400, "The field 'enabled' must be true or false");
            assertError(get(pipeline, "/api/runs/999"), 404, "There is no run #999");
            assertError(get(pipeline, "/api/runs/" + id + "/errors.csv"), 404, "Run #" + id + " has no error file");
            assertError(send(pipeline, "POST", "/api/runs/" + id + "/approve-deactivations", token, ""), 409,
                    "Run #" + id + " held no deactivations for approval");
            assertThat(pipeline.query("SELECT id FROM sync_run")).as("no call above started a run").hasSize(1);
        }
    }

    @Test
    void aFailureOfTheApplicationIsA500WithAnIncidentLoggedWithItsStackTraceAndNothingOfTheInternals() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2))) {
            DataSource database = (DataSource) pipeline.camel().getRegistry().lookupByName("syncDatabase");
            try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
                statement.execute("ALTER TABLE synced_employee RENAME TO synced_employee_gone");
            }

            HttpResponse<String> failed = get(pipeline, "/api/employees");

            assertThat(failed.statusCode()).isEqualTo(500);
            JsonNode answer = JSON.readTree(failed.body());
            String incident = answer.path("incident").asText();
            assertThat(incident).matches("[0-9a-f]{8}");
            assertThat(answer.path("error").asText()).contains("incident " + incident);
            assertThat(failed.body()).doesNotContainIgnoringCase("synced_employee").doesNotContainIgnoringCase("sql")
                    .doesNotContain("jdbc:");
            String log = Files.readString(Path.of("target/test.log"));
            assertThat(log).contains("ERROR").contains("Admin API incident " + incident)
                    .containsPattern("(?s)incident " + incident + ".*SYNCED_EMPLOYEE.*\\tat org\\.h2\\.");
        }
    }

    private static void assertError(HttpResponse<String> answer, int status, String error) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).contains(error);
        assertThat(JSON.readTree(answer.body()).has("incident")).as("only a 500 has an incident").isFalse();
    }

    private JsonNode waitUntilEnded(SyncPipeline pipeline, long id) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode run = JSON.readTree(get(pipeline, "/api/runs/" + id).body());
            if (!"RUNNING".equals(run.path("status").asText())) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run #" + id + " did not end");
    }

    private HttpResponse<String> get(SyncPipeline pipeline, String path) throws IOException, InterruptedException {
        return send(pipeline, "GET", path, SyncPipeline.ADMIN_TOKEN, null);
    }

    private HttpResponse<String> send(SyncPipeline pipeline, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.adminPort + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
