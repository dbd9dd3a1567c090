package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** target.match: someone new is matched from one listing of the target's accounts, or looked up where it cannot list. */
class TargetListingTest {

    private static final int EMPLOYEES = 30;
    private static final int EXISTING = 25;

    @TempDir
    Path folder;

    /** 30 employees, 25 of whom already have an account: by their Lucca id, or (every other one) by email only. */
    private SyncPipeline startWithExistingAccounts(Map<String, String> settings) throws Exception {
        Map<String, String> withPages = new java.util.HashMap<>(Map.of("target.list-page-size", "10"));
        withPages.putAll(settings);
        SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(EMPLOYEES), withPages);
        for (int i = 0; i < EXISTING; i++) {
            ObjectNode account = JsonNodeFactory.instance.objectNode().put("active", true);
            if (i % 2 == 0) {
                account.put("externalId", String.valueOf(1001 + i)).put("userName", "first" + i + ".last" + i + "@acme.example");
            } else {
                account.put("userName", "First" + i + ".Last" + i + "@ACME.example");
            }
            pipeline.target.addAccount(account);
        }
        return pipeline;
    }

    private static List<FakeScimTarget.Request> listings(SyncPipeline pipeline) {
        return pipeline.target.requests("GET").stream().filter(FakeScimTarget::isListing).toList();
    }

    private static List<FakeScimTarget.Request> lookUps(SyncPipeline pipeline) {
        return pipeline.target.requests("GET").stream().filter(request -> !FakeScimTarget.isListing(request)).toList();
    }

    private static void assertEveryoneHasOneAccount(SyncPipeline pipeline, SyncRun run) throws Exception {
        assertThat(run.countOf(Outcome.FAILED)).isZero();
        assertThat(run.countOf(Outcome.LINKED)).isEqualTo(EXISTING);
        assertThat(run.countOf(Outcome.CREATED)).isEqualTo(EMPLOYEES - EXISTING);
        assertThat(pipeline.target.users()).as("no duplicate").hasSize(EMPLOYEES)
                .allSatisfy(user -> assertThat(user.path("externalId").asText()).isNotEmpty());
        assertThat(pipeline.query("SELECT * FROM run_error")).isEmpty();
    }

    @Test
    void anInitialSyncListsTheTargetOnceAndMakesOneWritePerAccount() throws Exception {
        try (SyncPipeline pipeline = startWithExistingAccounts(Map.of())) {
            SyncRun run = pipeline.sync();

            assertEveryoneHasOneAccount(pipeline, run);
            assertThat(lookUps(pipeline)).as("no look-up per employee").isEmpty();
            assertThat(listings(pipeline)).extracting(FakeScimTarget.Request::query).as("a probe of one, then pages")
                    .containsExactly("startIndex=1&count=1", "startIndex=2&count=10", "startIndex=12&count=10", "startIndex=22&count=10");
            assertThat(pipeline.target.requests("POST")).hasSize(EMPLOYEES - EXISTING);
            assertThat(pipeline.target.requests("PUT")).as("the adopted accounts").hasSize(EXISTING);
            assertThat(pipeline.target.requests()).hasSize(listings(pipeline).size() + EMPLOYEES);

            pipeline.target.clearRequests();
            assertThat(pipeline.sync().countOf(Outcome.UNCHANGED)).isEqualTo(EMPLOYEES);
            assertThat(pipeline.target.requests()).as("nobody new, no listing").isEmpty();

            pipeline.lucca.put(LuccaUsers.employee(1100, "Julien", "Garnier"));
            assertThat(pipeline.sync().countOf(Outcome.CREATED)).isEqualTo(1);
            assertThat(listings(pipeline)).as("someone new: listed again").isNotEmpty();
            assertThat(lookUps(pipeline)).isEmpty();
            assertThat(pipeline.target.requests("POST")).hasSize(1);
        }
    }

    @Test
    void anAccountMadeBySomeoneElseAfterTheListingIsAdoptedOnTheConflict() throws Exception {
        try (SyncPipeline pipeline = startWithExistingAccounts(Map.of())) {
            String[] madeMeanwhile = {null};
            // just before the sync creates the last employee's account, someone makes it by hand
            pipeline.target.failMatching(request -> {
                if (request.method().equals("POST") && madeMeanwhile[0] == null
                        && request.body().path("externalId").asText().equals(String.valueOf(1000 + EMPLOYEES))) {
                    madeMeanwhile[0] = pipeline.target.addAccount(JsonNodeFactory.instance.objectNode()
                            .put("userName", "first" + (EMPLOYEES - 1) + ".last" + (EMPLOYEES - 1) + "@acme.example"));
                }
                return false;
            }, 0, 0, null, null);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(run.countOf(Outcome.LINKED)).isEqualTo(EXISTING + 1);
            assertThat(pipeline.target.users()).as("no duplicate").hasSize(EMPLOYEES);
            assertThat(pipeline.target.userByExternalId(String.valueOf(1000 + EMPLOYEES)).get("id").asText()).isEqualTo(madeMeanwhile[0]);
            assertThat(lookUps(pipeline)).as("the one search, after the 409").hasSize(1);
        }
    }

    @Test
    void aTargetThatRefusesListingIsLookedUpAsBefore() throws Exception {
        try (SyncPipeline pipeline = startWithExistingAccounts(Map.of())) {
            pipeline.target.refuseListing();

            SyncRun run = pipeline.sync();

            assertEveryoneHasOneAccount(pipeline, run);
            assertThat(listings(pipeline)).as("the probe").hasSize(1);
            assertThat(lookUps(pipeline)).hasSize(EMPLOYEES);
        }
    }

    @Test
    void aListingThatFailsHalfWayIsNotTakenForNobodyThere() throws Exception {
        try (SyncPipeline pipeline = startWithExistingAccounts(Map.of("target.max-retries", "1"))) {
            pipeline.target.failListingFrom(12, 503);

            SyncRun run = pipeline.sync();

            assertEveryoneHasOneAccount(pipeline, run);
            assertThat(listings(pipeline)).extracting(FakeScimTarget.Request::query)
                    .containsExactly("startIndex=1&count=1", "startIndex=2&count=10", "startIndex=12&count=10", "startIndex=12&count=10");
            assertThat(lookUps(pipeline)).as("every new employee looked up").hasSize(EMPLOYEES);
            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
        }
    }

    @Test
    void withMatchLookupTheTargetIsNeverListed() throws Exception {
        try (SyncPipeline pipeline = startWithExistingAccounts(Map.of("target.match", "lookup"))) {
            SyncRun run = pipeline.sync();

            assertEveryoneHasOneAccount(pipeline, run);
            assertThat(listings(pipeline)).isEmpty();
            assertThat(lookUps(pipeline)).hasSize(EMPLOYEES);
        }
    }

    @Test
    void aFormerEmployeeWithAnActiveListedAccountIsPlannedForDeactivation() throws Exception {
        // ten employees, so that one deactivation stays under the guard's threshold
        List<ObjectNode> directory = new ArrayList<>(LuccaUsers.employees(10));
        directory.add(LuccaUsers.formerEmployee(1100, "Julien", "Garnier"));
        directory.add(LuccaUsers.formerEmployee(1101, "Inès", "Roux"));
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            String leftActive = pipeline.target.addAccount(JsonNodeFactory.instance.objectNode()
                    .put("userName", "julien.garnier@acme.example").put("externalId", "1100").put("active", true));
            // someone else has the email of the other former employee now: not theirs to deactivate
            pipeline.target.addAccount(JsonNodeFactory.instance.objectNode()
                    .put("userName", "inès.roux@acme.example").put("externalId", "1188").put("active", true));

            SyncRun run = pipeline.sync();

            assertThat(lookUps(pipeline)).isEmpty();
            assertThat(run.countOf(Outcome.FAILED)).isZero();
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(10);
            assertThat(run.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.requests("PATCH")).extracting(FakeScimTarget.Request::path).containsExactly("/Users/" + leftActive);
            assertThat(pipeline.target.userByExternalId("1100").path("active").asBoolean()).isFalse();
            assertThat(pipeline.target.userByExternalId("1188").path("active").asBoolean()).isTrue();
        }
    }
}
