package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the packaged jar, each a process of its own in long-running mode, on one PostgreSQL database, with
 * the fakes of Lucca and of the target in this JVM. The replica running the sync is killed with SIGKILL mid-run,
 * which no shutdown hook sees: nothing of it closes its run or frees its lease, and accounts it created may have no
 * state recorded. The other replica must wait out the lease, close the dead run as interrupted and converge.
 * Skipped without PostgreSQL binaries, unless LUCCA_POSTGRES_TEST=required. Runs after {@code package} (failsafe).
 */
@Timeout(420)
class ReplicaFailoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EMPLOYEES = 5000;
    private static final long TARGET_LATENCY_MS = 20;
    /** Short, so that the test does not wait long for the dead replica's lease; long enough for a loaded machine's pauses. */
    private static final int LEASE_SECONDS = 5;
    /** Accounts the target holds when the first replica is killed: far enough in for counts, far from the end. */
    private static final int ACCOUNTS_AT_KILL = 500;

    @TempDir
    Path folder;

    @Test
    void killingTheReplicaThatRunsTheSyncLeavesItsRunInterruptedAndTheOtherReplicasNextRunLeavesOneActiveAccountPerEmployee()
            throws Exception {
        List<ObjectNode> employees = LuccaUsers.employees(EMPLOYEES);
        try (PostgresServer postgres = PostgresServer.start();
             FakeLuccaApi lucca = new FakeLuccaApi(SyncPipeline.LUCCA_KEY, employees);
             FakeScimTarget target = new FakeScimTarget(SyncPipeline.TARGET_TOKEN, null)) {
            target.keepRequests(false);
            target.answerAfter(TARGET_LATENCY_MS);
            SyncDatabase database = postgres.createDatabase();
            try (PackagedJar replicaA = replica("replica-a", folder, database, lucca, target);
                 PackagedJar replicaB = replica("replica-b", folder, database, lucca, target)) {
                replicaA.awaitLive();
                replicaB.awaitLive();

                HttpResponse<String> started = replicaA.callApi("POST", "/api/runs", "{}");
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                long killed = JSON.readTree(started.body()).path("id").asLong();
                waitFor(Duration.ofMinutes(2), target::users, accounts -> accounts.size() >= ACCOUNTS_AT_KILL,
                        () -> "the first " + ACCOUNTS_AT_KILL + " accounts; replica A:\n" + replicaA.console());
                // the kill comes once A's progress holds accounts it confirmed (a lease renewal or a page's end writes
                // it), so that what a dead run keeps is put to the test, whenever the renewals fall
                JsonNode beforeKill = waitFor(Duration.ofMinutes(1), () -> run(replicaB, killed),
                        run -> run.path("counts").path("created").asInt() > 0 || !"RUNNING".equals(run.path("status").asText()),
                        () -> "accounts in the progress of run #" + killed + "; replica A:\n" + replicaA.console());
                assertThat(beforeKill.path("status").asText()).as("the run is still going").isEqualTo("RUNNING");
                assertThat(beforeKill.path("replica").asText()).isEqualTo("replica-a");

                replicaA.kill();
                int accountsWhenKilled = target.users().size();
                OffsetDateTime leaseExpiry = leaseExpiry(database);

                List<Attempt> attempts = new ArrayList<>();
                Attempt accepted = waitFor(Duration.ofSeconds(LEASE_SECONDS + 60), () -> {
                    Attempt attempt = Attempt.post(replicaB, target);
                    attempts.add(attempt);
                    return attempt;
                }, attempt -> attempt.answer.statusCode() == 202, () -> "replica B accepting a run; its answers: " + attempts);
                long next = JSON.readTree(accepted.answer.body()).path("id").asLong();
                int accountsWhenBStarted = accepted.accountsBefore;
                for (Attempt refused : attempts.subList(0, attempts.size() - 1)) {
                    assertThat(refused.answer.statusCode()).as(refused.toString()).isEqualTo(409);
                    assertThat(JSON.readTree(refused.answer.body()).path("error").asText())
                            .isEqualTo("A sync is already in progress (run #" + killed + " on replica replica-a)");
                }
                // B decides before it answers: an answer that arrived before the lease's end was decided while it lived
                assertThat(attempts).filteredOn(attempt -> attempt.answeredAt.isBefore(leaseExpiry.toInstant()))
                        .allMatch(attempt -> attempt.answer.statusCode() == 409);
                assertThat(accepted.answeredAt).as("accepted only once A's lease had expired at %s", leaseExpiry)
                        .isAfterOrEqualTo(leaseExpiry.toInstant());

                JsonNode ended = waitFor(Duration.ofMinutes(4), () -> run(replicaB, next),
                        run -> !"RUNNING".equals(run.path("status").asText()), () -> "the end of run #" + next
                                + "; replica B:\n" + replicaB.console());
                assertThat(ended.path("status").asText()).as("%s%nreplica B:%n%s", ended, replicaB.console()).isEqualTo("COMPLETED");
                assertThat(ended.path("replica").asText()).isEqualTo("replica-b");
                assertThat(ended.path("counts").path("created").asInt()).as("an account only for whom A had not made one")
                        .isEqualTo(EMPLOYEES - accountsWhenBStarted);

                List<ObjectNode> accounts = target.users();
                Set<String> employeeIds = employees.stream().map(employee -> employee.path("id").asText()).collect(Collectors.toSet());
                assertThat(accounts).as("one account per employee").hasSize(EMPLOYEES);
                assertThat(accounts.stream().map(account -> account.path("externalId").asText()).collect(Collectors.toSet()))
                        .isEqualTo(employeeIds);
                assertThat(accounts.stream().map(account -> account.path("userName").asText().toLowerCase()).distinct())
                        .as("no userName twice").hasSize(EMPLOYEES);
                assertThat(accounts).as("every employee's account active").allMatch(account -> account.path("active").asBoolean());

                JsonNode page = JSON.readTree(replicaB.callApi("GET", "/api/runs", null).body());
                assertThat(page.path("total").asInt()).as("the refused starts left no run behind: %s", page).isEqualTo(2);
                JsonNode history = page.path("runs");
                JsonNode interrupted = inHistory(history, killed);
                assertThat(interrupted.path("status").asText()).isEqualTo("INTERRUPTED");
                assertThat(interrupted.path("failureReason").asText())
                        .isEqualTo("replica replica-a stopped before the run ended (its run lease expired)");
                assertThat(interrupted.path("counts").path("created").asInt()).as("the accounts A had recorded")
                        .isPositive().isLessThanOrEqualTo(accountsWhenKilled);
                assertThat(inHistory(history, next).path("status").asText()).isEqualTo("COMPLETED");
                System.out.printf("ReplicaFailoverIT: accounts when A was killed %d, when B's run started %d; refusals %d;"
                        + " killed run %s; B's run %s%n", accountsWhenKilled, accountsWhenBStarted, attempts.size() - 1,
                        interrupted, ended);
            }
        }
    }

    /** When the run lease ends if nobody renews it; read once its holder is dead, so it is final. */
    private static OffsetDateTime leaseExpiry(SyncDatabase database) throws Exception {
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement select = db.createStatement(); ResultSet row = select.executeQuery("SELECT expires_at FROM run_lease")) {
            assertThat(row.next()).isTrue();
            return row.getObject(1, OffsetDateTime.class);
        }
    }

    private static JsonNode inHistory(JsonNode runs, long id) {
        for (JsonNode run : runs) {
            if (run.path("id").asLong() == id) {
                return run;
            }
        }
        throw new AssertionError("no run #" + id + " in the history: " + runs);
    }

    private static JsonNode run(PackagedJar replica, long id) throws Exception {
        return JSON.readTree(replica.callApi("GET", "/api/runs/" + id, null).body());
    }

    /** Asks again every 100 ms until the answer passes or the deadline is past. */
    private static <T> T waitFor(Duration within, Callable<T> ask, Predicate<T> passes, Callable<String> awaited) throws Exception {
        Instant deadline = Instant.now().plus(within);
        T answer = ask.call();
        while (!passes.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not there after " + within + ": " + awaited.call());
            }
            Thread.sleep(100);
            answer = ask.call();
        }
        return answer;
    }

    /**
     * One POST /api/runs to a replica, when its answer came, and the accounts the target held just before: for the
     * accepted one, those the run found (the run starts before the answer, and may have created some by then).
     */
    private record Attempt(HttpResponse<String> answer, Instant answeredAt, int accountsBefore) {

        static Attempt post(PackagedJar replica, FakeScimTarget target) throws IOException, InterruptedException {
            int accountsBefore = target.users().size();
            HttpResponse<String> answer = replica.callApi("POST", "/api/runs", "{}");
            return new Attempt(answer, Instant.now(), accountsBefore);
        }

        @Override
        public String toString() {
            return answer.statusCode() + " " + answer.body() + " at " + answeredAt;
        }
    }

    /**
     * One replica: {@code java -jar target/lucca-provisioning.jar} without arguments, as the container image starts it,
     * configured by its environment.
     */
    private static PackagedJar replica(String name, Path folder, SyncDatabase database, FakeLuccaApi lucca, FakeScimTarget target)
            throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("LUCCA_BASE_URL", lucca.baseUrl());
        environment.put("LUCCA_API_KEY", SyncPipeline.LUCCA_KEY);
        environment.put("LUCCA_MAX_REQUESTS_PER_MINUTE", "100000");
        environment.put("TARGET_BASE_URL", target.scimBaseUrl());
        environment.put("TARGET_TOKEN", SyncPipeline.TARGET_TOKEN);
        // the surviving replica's run of about 4,500 new accounts is most of the test's time: at the default 100
        // calls a second it took 90 s; unthrottled, with twice the default calls in flight, the fake's latency and
        // the cores bound it
        environment.put("TARGET_MAX_REQUESTS_PER_SECOND", "100000");
        environment.put("TARGET_CONCURRENCY", "8");
        environment.put("TARGET_EMPLOYEES_IN_PARALLEL", "32");
        // in bulk, as by default, but in small requests: A is still writing when the test kills it
        environment.put("TARGET_BULK_SIZE", "10");
        environment.put("DB_POOL_SIZE", "36");
        environment.put("DB_URL", database.url());
        environment.put("DB_USER", database.user());
        environment.put("DB_PASSWORD", database.password());
        environment.put("SYNC_REPLICA_NAME", name);
        environment.put("SYNC_RUN_LEASE_SECONDS", String.valueOf(LEASE_SECONDS));
        // no scheduled run in the middle of the test, whenever it runs
        environment.put("SYNC_CRON", "0 0 0 1 1 ? 2099");
        environment.put("SYNC_REPORTS_DIR", folder.resolve(name + "-reports").toString());
        environment.put("ADMIN_TOKEN", SyncPipeline.ADMIN_TOKEN);
        return PackagedJar.start(name, folder, List.of("-Xmx384m"), environment);
    }
}
