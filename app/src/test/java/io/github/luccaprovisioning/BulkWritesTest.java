package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SCIM Bulk (target.bulk=auto) through the real routes, against the fake target's POST /Bulk. */
class BulkWritesTest {

    private static final Map<String, String> BULK = Map.of("target.bulk", "auto", "target.bulk-size", "100");

    @TempDir
    Path folder;

    private static List<FakeScimTarget.Request> bulkRequests(SyncPipeline pipeline) {
        return pipeline.target.requests("POST").stream().filter(request -> request.path().equals("/Bulk")).toList();
    }

    private static List<FakeScimTarget.Request> writes(SyncPipeline pipeline) {
        return pipeline.target.requests().stream().filter(request -> !request.method().equals("GET")).toList();
    }

    @Test
    void anInitialSyncCreatesEveryAccountInAFewBulkRequests() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(250), BULK)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(250);
            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(writes(pipeline)).as("no single write").allMatch(request -> request.path().equals("/Bulk"));
            assertThat(bulkRequests(pipeline)).hasSizeBetween(3, 4)
                    .allSatisfy(request -> assertThat(request.body().path("Operations").size()).isBetween(1, 100));
            assertThat(bulkRequests(pipeline).stream().mapToInt(request -> request.body().path("Operations").size()).sum())
                    .isEqualTo(250);
            assertThat(pipeline.target.users()).hasSize(250).allMatch(user -> user.path("active").asBoolean());
            assertThat(pipeline.target.users().stream().map(user -> user.path("externalId").asText()).distinct()).hasSize(250);
            assertThat(pipeline.query("SELECT target_id FROM synced_employee WHERE target_id IS NOT NULL")).hasSize(250);

            pipeline.target.clearRequests();
            assertThat(pipeline.sync().countOf(Outcome.UNCHANGED)).as("confirmed, so unchanged next time").isEqualTo(250);
            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::path).containsOnly("/ServiceProviderConfig");
        }
    }

    @Test
    void oneFailedOperationFailsOnlyItsEmployeeWhoIsSyncedNextRun() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(5), BULK)) {
            pipeline.target.failBulkOperation("1003", 400, "invalidValue", "title is too long for this target");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(4);
            assertThat(run.countOf(Outcome.FAILED)).isEqualTo(1);
            assertThat(pipeline.target.userByExternalId("1003")).isNull();
            assertThat(pipeline.query("SELECT lucca_id, reason FROM run_error WHERE severity = 'ERROR'")).singleElement()
                    .satisfies(row -> {
                        assertThat(String.valueOf(row.get("lucca_id"))).isEqualTo("1003");
                        assertThat(row.get("reason").toString()).contains("400").contains("title is too long for this target");
                    });
            assertThat(pipeline.query("SELECT lucca_id FROM synced_employee")).hasSize(4);

            SyncRun next = pipeline.sync();

            assertThat(next.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(next.countOf(Outcome.UNCHANGED)).isEqualTo(4);
            assertThat(pipeline.target.userByExternalId("1003")).isNotNull();
        }
    }

    @Test
    void aWholeRequestAnswered503IsRetriedAndDuplicatesNothing() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(12), BULK)) {
            pipeline.target.failMatching(request -> request.path().equals("/Bulk"), 1, 503, null, "try again later");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(12);
            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(bulkRequests(pipeline)).hasSize(2);
            assertThat(pipeline.target.users()).hasSize(12);
        }
    }

    @Test
    void aCreationTheTargetAlreadyHasIsAdoptedLikeASingleCalls409() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), BULK)) {
            // the first look-ups (one per employee) miss it, as when it appears meanwhile: the bulk creation answers 409
            String accountId = pipeline.target.addAccount(JsonNodeFactory.instance.objectNode()
                    .put("userName", "first1.last1@acme.example").put("active", true));
            pipeline.target.missNextSearches(3);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(2);
            assertThat(run.countOf(Outcome.LINKED)).isEqualTo(1);
            assertThat(pipeline.target.users()).hasSize(3);
            assertThat(pipeline.target.userByExternalId("1002").get("id").asText()).isEqualTo(accountId);
        }
    }

    @Test
    void changesLeaversAndManagerLinksGoInBulkToo() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(6);
        for (int i = 1; i < 6; i++) {
            directory.get(i).putObject("manager").put("id", 1001);
        }
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory, BULK)) {
            SyncRun first = pipeline.sync();

            assertThat(first.countOf(Outcome.CREATED)).isEqualTo(6);
            String managerId = pipeline.target.userByExternalId("1001").get("id").asText();
            assertThat(pipeline.target.userByExternalId("1004").path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                    .path("manager").path("value").asText()).as("linked by the second pass").isEqualTo(managerId);
            assertThat(writes(pipeline)).allMatch(request -> request.path().equals("/Bulk"));

            pipeline.target.clearRequests();
            pipeline.lucca.user(1002).put("jobTitle", "Head of Sales");
            pipeline.lucca.user(1005).put("dtContractEnd", LocalDate.now().minusDays(2) + "T00:00:00");

            SyncRun second = pipeline.sync();

            assertThat(second.countOf(Outcome.UPDATED)).isEqualTo(1);
            assertThat(second.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(writes(pipeline)).allMatch(request -> request.path().equals("/Bulk"));
            assertThat(bulkRequests(pipeline)).flatExtracting(request -> {
                List<String> methods = new ArrayList<>();
                request.body().path("Operations").forEach(operation -> methods.add(operation.path("method").asText()));
                return methods;
            }).containsExactlyInAnyOrder("PUT", "PATCH");
            assertThat(pipeline.target.userByExternalId("1002").path("title").asText()).isEqualTo("Head of Sales");
            assertThat(pipeline.target.userByExternalId("1005").path("active").asBoolean()).isFalse();

            pipeline.target.clearRequests();
            assertThat(pipeline.sync().countOf(Outcome.DEACTIVATED)).as("recorded, so deactivated once").isZero();
            assertThat(writes(pipeline)).isEmpty();
        }
    }

    @Test
    void aNewMemberWhoseManagerWasCreatedWithAnEarlierPageIsCreatedLinked() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(10);
        // 1002 and 1003: their manager is created with their own page's bulk request; the second page's: before it
        directory.get(1).putObject("manager").put("id", 1004);
        directory.get(2).putObject("manager").put("id", 1004);
        for (int i = 5; i < 10; i++) {
            directory.get(i).putObject("manager").put("id", 1001);
        }
        Map<String, String> settings = new HashMap<>(BULK);
        settings.put("lucca.page-size", "5");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory, settings)) {
            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(10);

            String managerId = pipeline.target.userByExternalId("1001").get("id").asText();
            List<String> linkedAtCreation = new ArrayList<>();
            List<String> patched = new ArrayList<>();
            bulkRequests(pipeline).forEach(request -> request.body().path("Operations").forEach(operation -> {
                if (operation.path("method").asText().equals("POST") && operation.path("data")
                        .path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("manager").has("value")) {
                    linkedAtCreation.add(operation.path("data").path("externalId").asText());
                } else if (operation.path("method").asText().equals("PATCH")) {
                    patched.add(operation.path("path").asText());
                }
            }));
            assertThat(linkedAtCreation).containsExactlyInAnyOrder("1006", "1007", "1008", "1009", "1010");
            assertThat(patched).as("linked by the second pass").containsExactlyInAnyOrder(
                    "/Users/" + pipeline.target.userByExternalId("1002").get("id").asText(),
                    "/Users/" + pipeline.target.userByExternalId("1003").get("id").asText());
            assertThat(pipeline.target.userByExternalId("1008").path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                    .path("manager").path("value").asText()).isEqualTo(managerId);
        }
    }

    @Test
    void theManagerLinksGoOutALuccaPageAtATimeSoThatNoRunHoldsAllItsLinksInMemory() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(12);
        Map<String, String> settings = new HashMap<>(BULK);
        settings.put("lucca.page-size", "5");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory, settings)) {
            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(12);
            // everyone but the last employee gets a new manager, whose account the first pass cannot link
            for (int id = 1001; id < 1012; id++) {
                pipeline.lucca.user(id).putObject("manager").put("id", 1012);
            }
            pipeline.target.clearRequests();

            pipeline.sync();

            List<Integer> linksPerRequest = bulkRequests(pipeline).stream()
                    .map(request -> (int) request.body().path("Operations").findValues("method").stream()
                            .filter(method -> method.asText().equals("PATCH")).count())
                    .filter(links -> links > 0).toList();
            assertThat(linksPerRequest).as("11 links, in groups of a Lucca page (5)").containsExactly(5, 5, 1);
            String managerId = pipeline.target.userByExternalId("1012").get("id").asText();
            assertThat(pipeline.target.userByExternalId("1003").path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                    .path("manager").path("value").asText()).isEqualTo(managerId);
        }
    }

    @Test
    void welcomeMailsGoOutForConfirmedBulkCreations() throws Exception {
        Map<String, String> settings = new HashMap<>(BULK);
        settings.put("sync.welcome-email", "true");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), settings)) {
            pipeline.target.failBulkOperation("1002", 400, "invalidValue", "refused");

            pipeline.sync();

            assertThat(pipeline.smtp.waitForIncomingEmail(5000, 3)).isTrue();
            List<String> welcomed = new ArrayList<>();
            for (MimeMessage mail : pipeline.smtp.getReceivedMessages()) {
                if (mail.getSubject().equals("Your account is ready")) {
                    welcomed.add(mail.getAllRecipients()[0].toString());
                }
            }
            assertThat(welcomed).containsExactlyInAnyOrder("first0.last0@acme.example", "first2.last2@acme.example");
        }
    }

    @Test
    void aTargetWithoutBulkOrBulkOffGetsSingleCalls() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(4), BULK)) {
            pipeline.target.supportBulk(false);

            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(4);
            assertThat(bulkRequests(pipeline)).isEmpty();
            assertThat(pipeline.target.requests("POST")).hasSize(4).allMatch(request -> request.path().equals("/Users"));
        }
        try (SyncPipeline pipeline = SyncPipeline.start(folder.resolve("off"), LuccaUsers.employees(4), Map.of("target.bulk", "off"))) {
            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(4);
            assertThat(pipeline.target.requests()).noneMatch(request -> request.path().equals("/Bulk")
                    || request.path().equals("/ServiceProviderConfig"));
        }
    }

    @Test
    void aDryRunSendsNoBulkRequest() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(4), BULK)) {
            SyncRun dry = pipeline.sync(new io.github.luccaprovisioning.sync.RunOptions(true, false));

            assertThat(dry.countOf(Outcome.CREATED)).isEqualTo(4);
            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::method).containsOnly("GET");
            assertThat(pipeline.target.users()).isEmpty();
        }
    }
}
