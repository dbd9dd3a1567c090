package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.sync.RunOptions;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Leavers, future hires, rehires, existing accounts, managers, the deprovisioning guard and dry runs, end to end. */
class EmployeeLifecycleTest {

    /** Someone new is looked up one by one, not matched from a listing of the target (TargetListingTest). */
    private static final Map<String, String> LOOK_UPS = Map.of("target.match", "lookup");

    @TempDir
    Path folder;

    /** Where each test's pipeline keeps its state: an H2 file in the test's folder here, PostgreSQL in a subclass. */
    SyncDatabase database() throws Exception {
        return SyncDatabase.h2File(folder);
    }

    private SyncPipeline startPipeline(List<ObjectNode> directory) throws Exception {
        return startPipeline(directory, Map.of());
    }

    private SyncPipeline startPipeline(List<ObjectNode> directory, Map<String, String> settings) throws Exception {
        return SyncPipeline.start(folder, database(), directory, settings);
    }

    private static String daysFromToday(int days) {
        return LocalDate.now().plusDays(days) + "T00:00:00";
    }

    @Test
    void leaverIsDeactivatedNotDeleted() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(6))) {
            pipeline.sync();
            String accountId = pipeline.target.userByExternalId("1004").get("id").asText();
            pipeline.target.clearRequests();
            pipeline.lucca.user(1004).put("dtContractEnd", daysFromToday(-1));

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.requests("DELETE")).isEmpty();
            assertThat(pipeline.target.requests("PATCH")).singleElement().satisfies(patch -> {
                assertThat(patch.path()).isEqualTo("/Users/" + accountId);
                assertThat(patch.body().toString()).contains("\"path\":\"active\"", "\"value\":false");
            });
            assertThat(pipeline.target.userByExternalId("1004").path("active").asBoolean()).isFalse();
            assertThat(pipeline.target.users()).hasSize(6);

            pipeline.target.clearRequests();
            assertThat(pipeline.sync().countOf(Outcome.DEACTIVATED)).as("deactivated once").isZero();
            assertThat(pipeline.target.requests()).isEmpty();
        }
    }

    @Test
    void theLastDayOfTheContractStillCountsAsEmployed() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(6);
        directory.get(0).put("dtContractEnd", daysFromToday(0));
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(6);
            assertThat(pipeline.target.userByExternalId("1001").path("active").asBoolean()).isTrue();
        }
    }

    @Test
    void leaversAreDeletedOnlyWhenTheSettingAllowsIt() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(6), Map.of("target.delete-leavers", "true"))) {
            pipeline.sync();
            pipeline.lucca.user(1002).put("dtContractEnd", daysFromToday(-3));

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.requests("DELETE")).hasSize(1);
            assertThat(pipeline.target.userByExternalId("1002")).isNull();
        }
    }

    @Test
    void someoneWhoVanishedFromACompleteReadIsDeactivated() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(10))) {
            pipeline.sync();
            pipeline.lucca.remove(1007);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.userByExternalId("1007").path("active").asBoolean()).isFalse();
        }
    }

    @Test
    void aReadWhereHalfThePeopleLeftIsHeldAndNobodyIsDeactivatedUntilApproved() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(10))) {
            pipeline.sync();
            for (int id = 1001; id <= 1005; id++) {
                pipeline.lucca.user(id).put("dtContractEnd", daysFromToday(-1));
            }
            pipeline.lucca.user(1010).put("jobTitle", "Head of Sales");
            pipeline.target.clearRequests();

            SyncRun held = pipeline.sync();

            assertThat(held.countOf(Outcome.HELD_FOR_APPROVAL)).isEqualTo(5);
            assertThat(held.countOf(Outcome.DEACTIVATED)).isZero();
            assertThat(held.countOf(Outcome.UPDATED)).as("the rest of the run still applies").isEqualTo(1);
            assertThat(pipeline.target.requests("PATCH")).isEmpty();
            assertThat(pipeline.target.users()).allSatisfy(user -> assertThat(user.path("active").asBoolean()).isTrue());
            assertThat(held.getSummary()).contains("5 deactivations held for approval");
            assertThat(pipeline.query("SELECT status FROM planned_deactivation WHERE run_id = " + held.getId()))
                    .hasSize(5).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("HELD"));

            SyncRun approved = pipeline.sync(new RunOptions(false, true));

            assertThat(approved.countOf(Outcome.DEACTIVATED)).isEqualTo(5);
            assertThat(pipeline.target.users()).filteredOn(user -> !user.path("active").asBoolean()).hasSize(5);
        }
    }

    @Test
    void anEmptyLuccaReadDeactivatesNobody() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(5))) {
            pipeline.sync();
            for (int id = 1001; id <= 1005; id++) {
                pipeline.lucca.remove(id);
            }
            pipeline.target.clearRequests();

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.DEACTIVATED)).isZero();
            assertThat(pipeline.target.requests()).isEmpty();
            assertThat(run.getSummary()).contains("No one deactivated: the Lucca read was incomplete");
        }
    }

    @Test
    void aTruncatedLuccaReadDeactivatesNobodyNotEvenKnownLeavers() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(10), Map.of("lucca.page-size", "4"))) {
            pipeline.sync();
            pipeline.lucca.user(1002).put("dtContractEnd", daysFromToday(-1));
            pipeline.lucca.remove(1009);
            pipeline.lucca.remove(1010);
            pipeline.lucca.announce(10);
            pipeline.target.clearRequests();

            SyncRun run = pipeline.sync();

            assertThat(run.getDirectory().isComplete()).isFalse();
            assertThat(run.countOf(Outcome.DEACTIVATED)).isZero();
            assertThat(pipeline.target.requests("PATCH")).isEmpty();
            assertThat(pipeline.target.users()).allSatisfy(user -> assertThat(user.path("active").asBoolean()).isTrue());
        }
    }

    @Test
    void aRehireGetsTheSameAccountBack() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(6))) {
            pipeline.sync();
            String accountId = pipeline.target.userByExternalId("1003").get("id").asText();
            pipeline.lucca.user(1003).put("dtContractEnd", daysFromToday(-20));
            pipeline.sync();
            assertThat(pipeline.target.userByExternalId("1003").path("active").asBoolean()).isFalse();
            pipeline.lucca.user(1003).put("dtContractStart", daysFromToday(-1)).putNull("dtContractEnd");
            pipeline.target.clearRequests();

            SyncRun rehired = pipeline.sync();

            assertThat(rehired.countOf(Outcome.REACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.requests("POST")).isEmpty();
            assertThat(pipeline.target.requests("PUT")).singleElement().satisfies(put -> assertThat(put.path()).isEqualTo("/Users/" + accountId));
            assertThat(pipeline.target.userByExternalId("1003").path("active").asBoolean()).isTrue();
            assertThat(pipeline.target.users()).hasSize(6);
        }
    }

    @Test
    void aFutureHireIsCreatedOnlyFromTheConfiguredDaysBeforeTheirStart() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(3);
        directory.get(0).put("dtContractStart", daysFromToday(30));
        directory.get(1).put("dtContractStart", daysFromToday(7));
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.NOT_STARTED_YET)).isEqualTo(1);
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(2);
            assertThat(pipeline.target.userByExternalId("1001")).isNull();

            pipeline.lucca.user(1001).put("dtContractStart", daysFromToday(5));
            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(pipeline.target.userByExternalId("1001").path("active").asBoolean()).isTrue();
        }
    }

    @Test
    void anAccountThatAlreadyExistsWithTheSameEmailInAnotherCaseIsAdoptedNotDuplicated() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(3))) {
            ObjectNode existing = JsonNodeFactory.instance.objectNode().put("userName", "First1.LAST1@ACME.example").put("active", true);
            String accountId = pipeline.target.addAccount(existing);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.LINKED)).isEqualTo(1);
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(2);
            assertThat(pipeline.target.users()).hasSize(3);
            assertThat(pipeline.target.requests("POST")).noneMatch(post -> post.body().path("externalId").asText().equals("1002"));
            ObjectNode adopted = pipeline.target.userByExternalId("1002");
            assertThat(adopted.get("id").asText()).isEqualTo(accountId);
            assertThat(adopted.path("userName").asText()).isEqualTo("first1.last1@acme.example");

            pipeline.target.clearRequests();
            assertThat(pipeline.sync().countOf(Outcome.UNCHANGED)).isEqualTo(3);
            assertThat(pipeline.target.requests()).isEmpty();
        }
    }

    @Test
    void aConflictOnCreateAdoptsTheAccountTheTargetAlreadyHas() throws Exception {
        try (SyncPipeline pipeline = startPipeline(List.of(LuccaUsers.employee(1001, "Camille", "Moreau")), LOOK_UPS)) {
            String accountId = pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "camille.moreau@acme.example"));
            // the look-up before the POST (one search: the scim profile looks up with `or`)
            pipeline.target.missNextSearches(1);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.LINKED)).isEqualTo(1);
            assertThat(pipeline.target.requests("POST")).hasSize(1);
            assertThat(pipeline.target.users()).singleElement().satisfies(user -> {
                assertThat(user.get("id").asText()).isEqualTo(accountId);
                assertThat(user.path("externalId").asText()).isEqualTo("1001");
            });
        }
    }

    @Test
    void someoneNewIsLookedUpInOneSearchThenCreated() throws Exception {
        try (SyncPipeline pipeline = startPipeline(List.of(LuccaUsers.employee(1001, "Camille", "Moreau")), LOOK_UPS)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::method).containsExactly("GET", "POST");
            assertThat(URLDecoder.decode(pipeline.target.requests("GET").get(0).query(), StandardCharsets.UTF_8))
                    .isEqualTo("filter=externalId eq \"1001\" or userName eq \"camille.moreau@acme.example\"");
        }
    }

    @Test
    void aTargetWhoseFiltersTakeNoOrIsSearchedByExternalIdThenByUserName() throws Exception {
        Path profile = folder.resolve("scim-without-or.yaml");
        Files.writeString(profile, Files.readString(Path.of("profiles/scim.yaml")).replace("lookup-with-or: true", "lookup-with-or: false"));
        Map<String, String> withoutOr = Map.of("mapping.file", profile.toString(), "target.match", "lookup");
        try (SyncPipeline pipeline = startPipeline(List.of(LuccaUsers.employee(1001, "Camille", "Moreau")), withoutOr)) {
            String accountId = pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "camille.moreau@acme.example"));

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.LINKED)).isEqualTo(1);
            assertThat(pipeline.target.requests()).extracting(request -> request.method() + " "
                    + (request.query() == null ? request.path() : URLDecoder.decode(request.query(), StandardCharsets.UTF_8)))
                    .containsExactly("GET filter=externalId eq \"1001\"", "GET filter=userName eq \"camille.moreau@acme.example\"",
                            "PUT /Users/" + accountId);
            assertThat(pipeline.target.users()).singleElement().satisfies(user -> assertThat(user.path("externalId").asText()).isEqualTo("1001"));
        }
    }

    @Test
    void anAccountOfAnotherEmployeeIsNeverTakenOver() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(2))) {
            pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "first0.last0@acme.example")
                    .put("externalId", "1188").put("active", true));

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(run.countOf(Outcome.FAILED)).isEqualTo(1);
            assertThat(pipeline.target.userByExternalId("1001")).isNull();
            assertThat(pipeline.target.userByExternalId("1188")).isNotNull();
            assertThat(pipeline.query("SELECT reason FROM run_error")).singleElement().satisfies(row -> assertThat(row.get("reason"))
                    .isEqualTo("email first0.last0@acme.example is already the target account of Lucca employee #1188"));
        }
    }

    @Test
    void anEmailChangeUpdatesTheSameAccount() throws Exception {
        try (SyncPipeline pipeline = startPipeline(LuccaUsers.employees(3))) {
            pipeline.sync();
            String accountId = pipeline.target.userByExternalId("1002").get("id").asText();
            pipeline.lucca.user(1002).put("mail", "new.name@acme.example");
            pipeline.target.clearRequests();

            pipeline.sync();

            assertThat(pipeline.target.requests("POST")).isEmpty();
            ObjectNode account = pipeline.target.userByExternalId("1002");
            assertThat(account.get("id").asText()).isEqualTo(accountId);
            assertThat(account.path("userName").asText()).isEqualTo("new.name@acme.example");
            assertThat(account.path("emails").get(0).path("value").asText()).isEqualTo("new.name@acme.example");
        }
    }

    @Test
    void managerLinksResolveOnceBothExistAndSurviveUpdates() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(3);
        directory.get(0).putObject("manager").put("id", 1003).put("name", "First2 Last2");
        directory.get(1).putObject("manager").put("id", 1001).put("name", "First0 Last0");
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.WARNING)).isZero();
            assertThat(managerOf(pipeline, "1001")).isEqualTo(pipeline.target.userByExternalId("1003").get("id").asText());
            assertThat(managerOf(pipeline, "1002")).isEqualTo(pipeline.target.userByExternalId("1001").get("id").asText());
            assertThat(managerOf(pipeline, "1003")).isNull();

            pipeline.lucca.user(1002).put("jobTitle", "Team Lead");
            pipeline.target.clearRequests();
            pipeline.sync();

            assertThat(pipeline.target.requests("PUT")).singleElement().satisfies(put -> assertThat(
                    put.body().path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText())
                    .isEqualTo(pipeline.target.userByExternalId("1001").get("id").asText()));
            assertThat(pipeline.target.requests("PATCH")).as("the link the PUT kept needs no second call").isEmpty();
        }
    }

    /**
     * 8 at once: the members are mapped and planned while the manager's account is still on its way, and wait for it;
     * 1 at a time: the manager's account was created before the first member starts, after the page was read, so it
     * comes from what the run recorded.
     */
    @ParameterizedTest(name = "{0} employees at once")
    @ValueSource(ints = {8, 1})
    void aTeamCreatedTogetherWithItsManagerIsLinkedWithoutASecondPassCall(int employeesInParallel) throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(8);
        directory.subList(1, 8).forEach(member -> member.putObject("manager").put("id", 1001).put("name", "First0 Last0"));
        try (SyncPipeline pipeline = startPipeline(directory,
                Map.of("target.employees-in-parallel", String.valueOf(employeesInParallel)))) {
            pipeline.target.answerAfter(100);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(8);
            String managerAccount = pipeline.target.userByExternalId("1001").get("id").asText();
            for (int member = 1002; member <= 1008; member++) {
                assertThat(managerOf(pipeline, String.valueOf(member))).isEqualTo(managerAccount);
            }
            assertThat(pipeline.target.requests("PATCH")).as("each member was created with the link").isEmpty();
        }
    }

    @Test
    void aNewMemberWhoseManagerHasAnAccountFromAnEarlierRunIsCreatedWithTheLink() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(2);
        ObjectNode newMember = directory.remove(1);
        newMember.putObject("manager").put("id", 1001).put("name", "First0 Last0");
        try (SyncPipeline pipeline = startPipeline(directory)) {
            pipeline.sync();
            String managerAccount = pipeline.target.userByExternalId("1001").get("id").asText();
            pipeline.lucca.put(newMember);
            pipeline.target.clearRequests();

            pipeline.sync();

            // the manager's account comes from the page's read of the sync state (PageAccounts.managerAccountOf)
            assertThat(pipeline.target.requests("POST")).singleElement().satisfies(post -> assertThat(
                    post.body().path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText())
                    .isEqualTo(managerAccount));
            assertThat(pipeline.target.requests("PATCH")).isEmpty();
            assertThat(managerOf(pipeline, "1002")).isEqualTo(managerAccount);
        }
    }

    @Test
    void aManagerChangeInLuccaMovesTheLink() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(3);
        directory.get(0).putObject("manager").put("id", 1002);
        try (SyncPipeline pipeline = startPipeline(directory)) {
            pipeline.sync();
            pipeline.lucca.user(1001).putObject("manager").put("id", 1003);

            pipeline.sync();

            assertThat(managerOf(pipeline, "1001")).isEqualTo(pipeline.target.userByExternalId("1003").get("id").asText());
        }
    }

    @Test
    void aManagerWhoCannotBeLinkedLeavesTheFieldEmptyWithAWarningAndTheEmployeeStillSyncs() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(2);
        directory.get(0).putObject("manager").put("id", 9999);
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(2);
            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(run.countOf(Outcome.WARNING)).isEqualTo(1);
            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(managerOf(pipeline, "1001")).isNull();
            assertThat(pipeline.query("SELECT severity, step, reason FROM run_error")).singleElement().satisfies(row -> {
                assertThat(row.get("severity")).isEqualTo("WARNING");
                assertThat(row.get("step")).isEqualTo("manager link");
                assertThat((String) row.get("reason")).startsWith("manager #9999 has no account in the target");
            });
        }
    }

    @Test
    void aManagerCycleInLuccaLinksBothAndEnds() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(2);
        directory.get(0).putObject("manager").put("id", 1002);
        directory.get(1).putObject("manager").put("id", 1001);
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(managerOf(pipeline, "1001")).isEqualTo(pipeline.target.userByExternalId("1002").get("id").asText());
            assertThat(managerOf(pipeline, "1002")).isEqualTo(pipeline.target.userByExternalId("1001").get("id").asText());
        }
    }

    @Test
    void aDryRunPlansEverythingAndWritesNothing() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(6);
        directory.get(1).putObject("manager").put("id", 1001);
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun dry = pipeline.sync(new RunOptions(true, false));

            assertThat(dry.countOf(Outcome.CREATED)).isEqualTo(6);
            assertThat(dry.getSubject()).startsWith("[DRY RUN]");
            assertThat(dry.getSummary()).startsWith("DRY RUN");
            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::method).containsOnly("GET");
            assertThat(pipeline.target.users()).isEmpty();
            assertThat(pipeline.query("SELECT * FROM synced_employee")).isEmpty();
            assertThat(pipeline.query("SELECT dry_run FROM sync_run")).singleElement()
                    .satisfies(row -> assertThat(row.get("dry_run")).isEqualTo(true));

            assertThat(pipeline.sync().countOf(Outcome.CREATED)).as("the real run after it still does everything").isEqualTo(6);
            pipeline.lucca.user(1003).put("dtContractEnd", daysFromToday(-1));
            pipeline.target.clearRequests();

            SyncRun dryLeaver = pipeline.sync(new RunOptions(true, false));

            assertThat(dryLeaver.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.requests()).isEmpty();
            assertThat(pipeline.target.userByExternalId("1003").path("active").asBoolean()).isTrue();
        }
    }

    @Test
    void aTargetAnswering503TwiceThen201EndsWithTheUserCreatedOnce() throws Exception {
        try (SyncPipeline pipeline = startPipeline(List.of(LuccaUsers.employee(1001, "Camille", "Moreau")))) {
            pipeline.target.failMatching(request -> request.method().equals("POST"), 2, 503, null, "busy");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(pipeline.target.requests("POST")).hasSize(3);
            assertThat(pipeline.target.users()).hasSize(1);
        }
    }

    @Test
    void anEmailWithAPlusIsLookedUpAsItIs() throws Exception {
        ObjectNode traveller = LuccaUsers.employee(1001, "Camille", "Moreau").put("mail", "camille+travel@acme.example");
        try (SyncPipeline pipeline = startPipeline(List.of(traveller))) {
            String accountId = pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "Camille+Travel@acme.example"));

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.LINKED)).isEqualTo(1);
            assertThat(pipeline.target.users()).singleElement().satisfies(user -> assertThat(user.get("id").asText()).isEqualTo(accountId));
        }
    }

    @Test
    @Timeout(30)
    void aRetryAfterAnswerIsWaitedForInsteadOfTheBackOff() throws Exception {
        Map<String, String> slowBackOff = Map.of("target.retry-delay-ms", "600000", "target.max-retries", "1");
        try (SyncPipeline pipeline = startPipeline(List.of(LuccaUsers.employee(1001, "Camille", "Moreau")), slowBackOff)) {
            pipeline.target.throttle(request -> request.method().equals("POST"), 1, "1");

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(pipeline.target.requests("POST")).hasSize(2);
        }
    }

    @Test
    void scopeFiltersIncludeAndExcludeAndWhoFallsOutOfScopeIsDeactivated() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(8);
        directory.get(6).putObject("legalEntity").put("id", 3).put("name", "Acme GmbH");
        directory.get(7).putObject("legalEntity").put("id", 4).put("name", "Acme Iberia SL");
        directory.get(7).remove("mail");
        Map<String, String> scope = Map.of("filter.legal-entities", "acme france sas, 3", "filter.departments", "Sales");
        try (SyncPipeline pipeline = startPipeline(directory, scope)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(7);
            assertThat(run.countOf(Outcome.OUT_OF_SCOPE)).as("left out, not failed for its missing email").isEqualTo(1);
            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(pipeline.target.userByExternalId("1008")).isNull();

            pipeline.lucca.user(1003).putObject("department").put("id", 99).put("name", "Finance");
            SyncRun moved = pipeline.sync();

            assertThat(moved.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.userByExternalId("1003").path("active").asBoolean()).isFalse();
            assertThat(pipeline.query("SELECT reason FROM planned_deactivation WHERE lucca_id = '1003'")).singleElement()
                    .satisfies(row -> assertThat(row.get("reason")).isEqualTo("no longer in scope"));
            assertThat(pipeline.lucca.requests().get(0).query()).contains("legalEntity").contains("department");
        }
    }

    @Test
    void aNewHireMayGetTheEmailOfSomeoneWhoLeft() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(3);
        directory.add(LuccaUsers.formerEmployee(1000, "Old", "Holder").put("mail", "first2.last2@acme.example"));
        try (SyncPipeline pipeline = startPipeline(directory)) {
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(3);
        }
    }

    private static String managerOf(SyncPipeline pipeline, String externalId) {
        JsonNode manager = pipeline.target.userByExternalId(externalId).path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager");
        return manager.isMissingNode() ? null : manager.path("value").asText(null);
    }
}
