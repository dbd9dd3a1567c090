package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of one deployment in one JVM, two camel-mains with the real routes on the same H2 database, the same
 * Lucca and the same target: one run at a time across both, one history, and a run whose replica went away taken
 * over once its lease expired.
 */
@Timeout(180)
class ReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEASE_SECONDS = "2";

    @TempDir
    Path folder;

    @Test
    void importNowOnOneReplicaWhileTheOtherRunsIsRefusedAndBothShowTheRunWithItsProgress() throws Exception {
        try (SyncPipeline replicaA = SyncPipeline.start(folder.resolve("a"), LuccaUsers.employees(20), replica("replica-a"));
             SyncPipeline replicaB = SyncPipeline.startReplica(replicaA, folder.resolve("b"), replica("replica-b"))) {
            replicaA.target.answerAfter(100);
            long id = JSON.readTree(replicaA.callApi("POST", "/api/runs", "{}").body()).path("id").asLong();

            HttpResponse<String> refused = replicaB.callApi("POST", "/api/runs", "{}");

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).path("error").asText())
                    .isEqualTo("A sync is already in progress (run #" + id + " on replica replica-a)");
            assertThat(JSON.readTree(refused.body()).path("runningId").asLong()).isEqualTo(id);
            JsonNode seenFromB = waitFor(() -> run(replicaB, id), run -> run.path("counts").path("created").asInt() > 0);
            assertThat(seenFromB.path("status").asText()).isEqualTo("RUNNING");
            assertThat(seenFromB.path("replica").asText()).isEqualTo("replica-a");
            assertThat(seenFromB.path("progress").path("employeesProcessed").asInt()).isPositive();
            assertThat(seenFromB.path("progress").path("employeesAnnounced").asInt()).isEqualTo(20);
            assertThat(seenFromB.path("progress").path("percent").asInt()).isBetween(1, 99);
            JsonNode healthB = replicaB.healthDetails("last-run");
            assertThat(healthB.path("replica").asText()).isEqualTo("replica-b");
            assertThat(healthB.path("running.here").asBoolean()).isFalse();
            assertThat(healthB.path("running.run").asLong()).isEqualTo(id);
            assertThat(healthB.path("running.replica").asText()).isEqualTo("replica-a");
            assertThat(healthB.path("database.reachable").asBoolean()).isTrue();
            assertThat(replicaA.healthDetails("last-run").path("running.here").asBoolean()).isTrue();

            replicaA.target.answerAfter(0);
            JsonNode ended = waitFor(() -> run(replicaB, id), run -> !"RUNNING".equals(run.path("status").asText()));
            assertThat(ended.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(ended.path("counts").path("created").asInt()).isEqualTo(20);
            assertThat(JSON.readTree(replicaB.callApi("GET", "/api/runs", null).body()).path("runs"))
                    .as("one history on both replicas").hasSize(1);
            assertThat(replicaB.healthDetails("last-run").has("running.run")).isFalse();
        }
    }

    @Test
    void aReplicaStoppedMidRunClosesItsRunAsInterruptedWithItsCountsAndTheOtherRunsAtOnceAndConverges() throws Exception {
        List<ObjectNode> employees = LuccaUsers.employees(60);
        SyncPipeline replicaA = SyncPipeline.start(folder.resolve("a"), employees, replica("replica-a"));
        try (SyncPipeline replicaB = SyncPipeline.startReplica(replicaA, folder.resolve("b"), replica("replica-b"))) {
            replicaA.target.answerAfter(100);
            long stopped = JSON.readTree(replicaA.callApi("POST", "/api/runs", "{}").body()).path("id").asLong();
            waitFor(() -> run(replicaB, stopped), run -> run.path("counts").path("created").asInt() > 0);

            replicaA.stopApplication();
            replicaA.target.answerAfter(0);
            long next = JSON.readTree(waitFor(() -> replicaB.callApi("POST", "/api/runs", "{}"), answer -> answer.statusCode() == 202)
                    .body()).path("id").asLong();

            JsonNode interrupted = run(replicaB, stopped);
            assertThat(interrupted.path("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(interrupted.path("failureReason").asText()).isEqualTo("replica replica-a was stopped before the run ended");
            assertThat(interrupted.path("counts").path("created").asInt()).as("what it had reached").isPositive();
            assertConverged(replicaB, next, employees.size());
        } finally {
            replicaA.close();
        }
    }

    @Test
    void aLeaseLeftByADeadReplicaIsTakenOverOnceItExpiredAndTheNextRunConverges() throws Exception {
        List<ObjectNode> employees = LuccaUsers.employees(15);
        try (SyncPipeline replicaB = SyncPipeline.start(folder, employees, replica("replica-b"))) {
            // what a replica killed mid-run leaves: its run RUNNING with the counts it had written, its lease (renewed
            // just before it died), and accounts it created whose state it never recorded
            replicaB.update("INSERT INTO sync_run (run_trigger, started_at, status, replica, read_count, created_count) "
                    + "VALUES ('schedule', ?, 'RUNNING', 'replica-dead', 15, 3)", java.sql.Timestamp.from(Instant.now()));
            long dead = (Long) replicaB.query("SELECT MAX(id) AS id FROM sync_run").get(0).get("id");
            replicaB.update("UPDATE run_lease SET holder = 'replica-dead', run_id = ?, expires_at = ?", dead,
                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(Integer.parseInt(LEASE_SECONDS)));
            for (ObjectNode employee : employees.subList(0, 3)) {
                replicaB.target.addAccount(JSON.createObjectNode().put("externalId", employee.path("id").asText())
                        .put("userName", employee.path("mail").asText()).put("active", true));
            }

            HttpResponse<String> whileItLives = replicaB.callApi("POST", "/api/runs", "{}");
            assertThat(whileItLives.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(whileItLives.body()).path("error").asText()).contains("on replica replica-dead");
            long next = JSON.readTree(waitFor(() -> replicaB.callApi("POST", "/api/runs", "{}"), answer -> answer.statusCode() == 202)
                    .body()).path("id").asLong();

            JsonNode interrupted = run(replicaB, dead);
            assertThat(interrupted.path("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(interrupted.path("failureReason").asText())
                    .isEqualTo("replica replica-dead stopped before the run ended (its run lease expired)");
            assertThat(interrupted.path("counts").path("created").asInt()).isEqualTo(3);
            assertThat(interrupted.path("progress").path("employeesRead").asInt()).isEqualTo(15);
            JsonNode converged = assertConverged(replicaB, next, employees.size());
            assertThat(converged.path("counts").path("linked").asInt()).as("the dead replica's accounts adopted").isEqualTo(3);
            assertThat(replicaB.healthDetails("last-run").path("last.run.status").asText()).isEqualTo("COMPLETED");
        }
    }

    /** The run ended complete, and the target holds one active account per employee. */
    private static JsonNode assertConverged(SyncPipeline replica, long id, int employees) throws Exception {
        JsonNode ended = waitFor(() -> run(replica, id), run -> !"RUNNING".equals(run.path("status").asText()));
        assertThat(ended.path("status").asText()).isEqualTo("COMPLETED");
        List<ObjectNode> accounts = replica.target.users();
        assertThat(accounts).hasSize(employees);
        assertThat(accounts.stream().map(account -> account.path("externalId").asText()).distinct()).hasSize(employees);
        assertThat(accounts).allMatch(account -> account.path("active").asBoolean());
        return ended;
    }

    private static Map<String, String> replica(String name) {
        return Map.of("sync.replica-name", name, "sync.run-lease-seconds", LEASE_SECONDS, "target.concurrency", "1");
    }

    private static JsonNode run(SyncPipeline replica, long id) throws Exception {
        return JSON.readTree(replica.callApi("GET", "/api/runs/" + id, null).body());
    }

    /** Asks again every 100 ms until the answer passes, for at most a minute. */
    private static <T> T waitFor(Callable<T> ask, Predicate<T> passes) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        T answer = ask.call();
        while (!passes.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not there after a minute: " + answer);
            }
            Thread.sleep(100);
            answer = ask.call();
        }
        return answer;
    }
}
