package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.ChangePlanner;
import io.github.luccaprovisioning.sync.decision.Outcome;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job, through the real routes, against Lucca and SCIM fakes on loopback. */
class SyncPipelineTest {

    @TempDir
    Path folder;

    @Test
    void firstSyncCreatesEveryoneInScopeWithScimPayloadsAndTheLuccaKey() throws Exception {
        List<ObjectNode> directory = new ArrayList<>(LuccaUsers.employees(5));
        directory.add(LuccaUsers.formerEmployee(1100, "Julien", "Garnier"));
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(5);
            assertThat(run.countOf(Outcome.SKIPPED)).isEqualTo(1);
            assertThat(pipeline.target.users()).hasSize(5);

            ObjectNode first = pipeline.target.userByExternalId("1001");
            assertThat(first.path("userName").asText()).isEqualTo("first0.last0@acme.example");
            assertThat(first.path("schemas")).extracting(JsonNode::asText)
                    .containsExactly(ScimUserMapper.CORE_SCHEMA, ScimUserMapper.ENTERPRISE_SCHEMA);
            assertThat(first.path("name").path("givenName").asText()).isEqualTo("First0");
            assertThat(first.path("name").path("familyName").asText()).isEqualTo("Last0");
            assertThat(first.path("emails").get(0).path("value").asText()).isEqualTo("first0.last0@acme.example");
            assertThat(first.path("title").asText()).isEqualTo("Account Manager");
            assertThat(first.path("active").asBoolean()).isTrue();
            JsonNode enterprise = first.path(ScimUserMapper.ENTERPRISE_SCHEMA);
            assertThat(enterprise.path("employeeNumber").asText()).isEqualTo("01001");
            assertThat(enterprise.path("department").asText()).isEqualTo("Sales");
            assertThat(enterprise.path("organization").asText()).isEqualTo("Acme France SAS");

            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::method).containsOnly("GET", "POST")
                    .filteredOn("POST"::equals).hasSize(5);
            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::authorization)
                    .containsOnly("Bearer " + SyncPipeline.TARGET_TOKEN);
            FakeLuccaApi.Request read = pipeline.lucca.requests().get(0);
            assertThat(read.authorization()).isEqualTo("lucca application=" + SyncPipeline.LUCCA_KEY);
            assertThat(read.query()).contains("formerEmployees=true", "orderBy=id,asc", "paging=0,1000", "collection.count")
                    .containsPattern("fields=id(,|%2C)");
            assertThat(pipeline.query("SELECT * FROM synced_employee WHERE target_id IS NOT NULL")).hasSize(5)
                    .allSatisfy(row -> assertThat(row.get("active")).isEqualTo(true));
            assertThat(pipeline.query("SELECT * FROM synced_employee WHERE target_id IS NULL")).as("the former employee, checked once")
                    .singleElement().satisfies(row -> assertThat(row.get("lucca_id")).isEqualTo("1100"));
        }
    }

    @Test
    void secondSyncWithoutChangeMakesNoScimCall() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(8))) {
            pipeline.sync();
            pipeline.target.clearRequests();

            SyncRun second = pipeline.sync();

            assertThat(pipeline.target.requests()).isEmpty();
            assertThat(second.countOf(Outcome.UNCHANGED)).isEqualTo(8);
            assertThat(second.countOf(Outcome.CREATED) + second.countOf(Outcome.UPDATED)).isZero();
        }
    }

    @Test
    void theRoutesEnumsConvertFromTextThroughTheRegisteredConverters() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(1))) {
            // no package is scanned at start-up (ProvisioningMain): the converters are registered by name
            assertThat(pipeline.camel().getTypeConverterRegistry().lookup(Outcome.class, String.class)).isNotNull();
            assertThat(pipeline.camel().getTypeConverterRegistry().lookup(ChangePlanner.Action.class, String.class)).isNotNull();
        }
    }

    @Test
    void oneChangedEmployeeCausesExactlyOneUpdate() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(6))) {
            pipeline.sync();
            String accountId = pipeline.target.userByExternalId("1003").get("id").asText();
            pipeline.target.clearRequests();
            pipeline.lucca.user(1003).put("jobTitle", "Head of Sales");

            SyncRun second = pipeline.sync();

            assertThat(pipeline.target.requests()).hasSize(1);
            FakeScimTarget.Request update = pipeline.target.requests().get(0);
            assertThat(update.method()).isEqualTo("PUT");
            assertThat(update.path()).isEqualTo("/Users/" + accountId);
            assertThat(update.body().path("title").asText()).isEqualTo("Head of Sales");
            assertThat(pipeline.target.userByExternalId("1003").path("title").asText()).isEqualTo("Head of Sales");
            assertThat(second.countOf(Outcome.UPDATED)).isEqualTo(1);
            assertThat(second.countOf(Outcome.UNCHANGED)).isEqualTo(5);
        }
    }

    @Test
    void directorySpreadOverSeveralPagesLosesAndDuplicatesNoOne() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(23), Map.of("lucca.page-size", "5"))) {
            SyncRun run = pipeline.sync();

            assertThat(pipeline.lucca.requests()).extracting(request -> request.query().replaceAll(".*paging=([0-9]+)(,|%2C)([0-9]+).*", "$1/$3"))
                    .containsExactly("0/5", "5/5", "10/5", "15/5", "20/5");
            assertThat(run.getDirectory().getEmployeesRead()).isEqualTo(23);
            assertThat(run.getDirectory().isComplete()).isTrue();
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(23);
            assertThat(pipeline.target.users()).extracting(user -> user.path("externalId").asText())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(1001, 1024).mapToObj(String::valueOf).toList());
        }
    }

    @Test
    void aLuccaRateLimitIsWaitedOutAndTheSamePageAskedAgain() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(7), Map.of("lucca.page-size", "5"))) {
            pipeline.lucca.throttleNext(2, "0");

            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(run.getDirectory().isComplete()).isTrue();
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(7);
            assertThat(pipeline.lucca.requests()).extracting(request -> request.query().replaceAll(".*paging=([0-9]+).*", "$1"))
                    .containsExactly("0", "0", "0", "5");
        }
    }

    @Test
    void theLuccaReaderKeepsToItsRequestBudget() throws Exception {
        Map<String, String> twoAMinute = Map.of("lucca.page-size", "1", "lucca.max-requests-per-minute", "2");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(4), twoAMinute)) {
            CompletableFuture<Object> run = pipeline.camel().createProducerTemplate().asyncRequestBodyAndHeaders(
                    "direct:sync-directory", null, Map.of("syncTrigger", "manual", "syncDryRun", false, "syncApproveDeactivations", false));

            // four pages of one employee take well under a second to read when nothing holds the reader back
            Thread.sleep(3000);

            assertThat(pipeline.lucca.requests()).as("the third page waits for the next minute").hasSize(2);
            assertThat(run).isNotDone();
        }
    }

    @Test
    void luccaStillUnavailableAfterItsRetriesFailsTheRunAndDeactivatesNobody() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), Map.of("lucca.max-retries", "2"))) {
            pipeline.sync();
            pipeline.target.clearRequests();
            pipeline.lucca.answerWith(503);

            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.FAILED);
            assertThat(run.getFailureReason()).contains("HTTP 503").contains("even after retries");
            assertThat(pipeline.lucca.requests()).hasSize(1 + 3);
            assertThat(pipeline.target.requests()).isEmpty();
        }
    }

    @Test
    void luccaRefusingTheKeyFailsTheRunWithAClearMessageAndNoScimCall() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), Map.of("lucca.api-key", "revoked-key"))) {
            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.FAILED);
            assertThat(run.getFailureReason()).contains("401").contains("LUCCA_API_KEY").doesNotContain("revoked-key");
            assertThat(pipeline.target.requests()).isEmpty();
            assertThat(pipeline.query("SELECT status, failure_reason FROM sync_run")).singleElement()
                    .satisfies(row -> assertThat(row.get("status")).isEqualTo("FAILED"));
        }
    }

    @Test
    void employeeWithoutEmailFailsAloneAndEveryoneElseSyncs() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(4);
        directory.get(1).putNull("mail");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED_WITH_ERRORS);
            assertThat(run.countOf(Outcome.FAILED)).isEqualTo(1);
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(3);
            assertThat(pipeline.target.userByExternalId("1002")).isNull();
            assertThat(pipeline.query("SELECT lucca_id, employee_number, step, reason FROM run_error")).singleElement()
                    .satisfies(row -> {
                        assertThat(row.get("lucca_id")).isEqualTo("1002");
                        assertThat(row.get("employee_number")).isEqualTo("01002");
                        assertThat(row.get("step")).isEqualTo("validate");
                        assertThat(row.get("reason")).isEqualTo("email missing");
                    });

            pipeline.lucca.user(1002).put("mail", "first1.last1@acme.example");
            SyncRun next = pipeline.sync();

            assertThat(next.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(next.countOf(Outcome.FAILED)).isZero();
            assertThat(pipeline.target.userByExternalId("1002")).isNotNull();
        }
    }

    @Test
    void targetRejectionIsRecordedWithItsReasonAndRetriedAtTheNextRun() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3))) {
            pipeline.target.failMatching(request -> request.body() != null
                    && request.body().path("externalId").asText().equals("1002"), 1, 400, "invalidValue", "title is too long");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.FAILED)).isEqualTo(1);
            assertThat(pipeline.query("SELECT reason, http_status FROM run_error")).singleElement().satisfies(row -> {
                assertThat(row.get("reason")).isEqualTo("target rejected the user: 400 invalidValue: title is too long");
                assertThat(row.get("http_status")).isEqualTo(400);
            });
            long postsFor1002 = pipeline.target.requests("POST").stream()
                    .filter(request -> request.body().path("externalId").asText().equals("1002")).count();
            assertThat(postsFor1002).as("a 400 is not retried").isEqualTo(1);

            SyncRun next = pipeline.sync();

            assertThat(next.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(next.countOf(Outcome.UNCHANGED)).isEqualTo(2);
            assertThat(pipeline.target.userByExternalId("1002")).isNotNull();
        }
    }

    @Test
    void transientTargetErrorsAreRetriedUntilTheTargetConfirms() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2))) {
            pipeline.target.failMatching(request -> request.method().equals("POST"), 2, 503, null, "try again");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(2);
            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(pipeline.target.users()).hasSize(2);
        }
    }

    @Test
    void scimCallsRunInParallelButNeverMoreThanTheConfiguredConcurrency() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(30), Map.of("target.concurrency", "3"))) {
            pipeline.target.answerAfter(40);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(30);
            assertThat(pipeline.target.mostConcurrentRequests()).isEqualTo(3);
        }
    }

    @Test
    void aCallWaitingForItsRetryHoldsNoCallSlot() throws Exception {
        Map<String, String> oneSlot = Map.of("target.concurrency", "1", "target.employees-in-parallel", "4");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), oneSlot)) {
            pipeline.target.throttle(request -> request.method().equals("POST")
                    && request.body().path("externalId").asText().equals("1001"), 1, "1");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(3);
            List<FakeScimTarget.Request> calls = pipeline.target.requests();
            assertThat(calls.get(calls.size() - 1)).as("the retry, after Retry-After: 1").satisfies(retry -> {
                assertThat(retry.method()).isEqualTo("POST");
                assertThat(retry.body().path("externalId").asText()).isEqualTo("1001");
            });
            assertThat(calls.subList(0, calls.size() - 1)).as("the others' calls went out during the wait, through the one slot")
                    .filteredOn(call -> call.method().equals("POST")).extracting(call -> call.body().path("externalId").asText())
                    .contains("1002", "1003");
            assertThat(pipeline.target.mostConcurrentRequests()).isEqualTo(1);
        }
    }

    @Test
    void theNamesTheRoutesUseForOutcomesAndActionsHaveConvertersOfTheirOwn() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(1))) {
            org.apache.camel.spi.TypeConverterRegistry converters = pipeline.camel().getTypeConverterRegistry();

            assertThat(converters.lookup(Outcome.class, String.class)).as("found at once, not searched for at every call").isNotNull();
            assertThat(converters.lookup(ChangePlanner.Action.class, String.class)).isNotNull();
            assertThat(pipeline.camel().getTypeConverter().convertTo(Outcome.class, "UNCHANGED")).isEqualTo(Outcome.UNCHANGED);
            assertThat(pipeline.camel().getTypeConverter().convertTo(ChangePlanner.Action.class, "CREATE")).isEqualTo(ChangePlanner.Action.CREATE);
        }
    }

    @Test
    void summaryMailArrivesWithTheRunsCounts() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(3);
        directory.get(0).put("mail", "not-an-email");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            SyncRun run = pipeline.sync();

            assertThat(pipeline.smtp.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage mail = pipeline.smtp.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("owner@example.com");
            assertThat(mail.getSubject()).isEqualTo("Lucca sync #" + run.getId() + " completed with errors: 2 created, 0 updated, 0 deactivated, 1 failed");
            Mails parts = Mails.of(mail);
            assertThat(parts.text()).containsPattern("read from Lucca\\s+3 of 3 announced")
                    .containsPattern("created\\s+2")
                    .containsPattern("unchanged\\s+0")
                    .containsPattern("failed\\s+1")
                    .contains("#1001 First0 Last0 (01001): email 'not-an-email' is not a valid address");
            assertThat(parts.html()).contains("Lucca sync #" + run.getId() + ": completed with errors")
                    .contains("<td style=\"padding: 3px 0; border-bottom: 1px solid #e4e7eb; text-align: right;\">2</td>")
                    .contains("email &#39;not-an-email&#39; is not a valid address");
            String errorFile = "run-" + run.getId() + "-errors.csv";
            assertThat(parts.attachments()).containsKey(errorFile);
            assertThat(new String(parts.attachments().get(errorFile), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("\uFEFFRun,Severity,Lucca id,").contains("not-an-email");
        }
    }
}
