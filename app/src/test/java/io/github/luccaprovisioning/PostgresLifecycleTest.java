package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.apache.camel.CamelExecutionException;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every case of {@link EmployeeLifecycleTest} (create, adopt, update, leaver, rehire, the deprovisioning guard, dry
 * run...) with the state in a real PostgreSQL, one database per test; and that database going away mid-run.
 */
class PostgresLifecycleTest extends EmployeeLifecycleTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    SyncDatabase database() throws SQLException {
        return postgres.createDatabase();
    }

    /**
     * The first run that starts once the application's connection pool has reconnected: between two failed attempts
     * it waits up to 5 s, longer than the 1 s the test lets a step wait for a connection. A run that started and then
     * failed would show in the history.
     */
    private static SyncRun syncOnceThePoolReconnected(SyncPipeline pipeline) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                return pipeline.sync();
            } catch (CamelExecutionException notYet) {
                // the pool's time-out, as Jdbi wraps it
                Throwable cause = notYet.getCause() instanceof JdbiException jdbi ? jdbi.getCause() : notYet.getCause();
                if (!(cause instanceof SQLTransientConnectionException) || Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    @Test
    @Timeout(120)
    void theDatabaseGoingAwayMidRunFailsTheRunDeactivatesNobodyAndTheNextRunConverges() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(20);
        try (SyncPipeline pipeline = SyncPipeline.start(folder, database(), directory, Map.of("db.connection-timeout-ms", "1000"))) {
            pipeline.target.answerAfter(200);
            CompletableFuture<SyncRun> interrupted = CompletableFuture.supplyAsync(pipeline::sync);
            while (pipeline.target.users().size() < 3) {
                Thread.sleep(20);
            }
            postgres.stop();

            assertThatThrownBy(() -> interrupted.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining("Run #1 ended FAILED: the database is unreachable: Connection to 127.0.0.1");
            assertThat(pipeline.target.requests("DELETE")).isEmpty();
            assertThat(pipeline.target.users()).allSatisfy(user -> assertThat(user.path("active").asBoolean()).isTrue());

            postgres.startAgain();
            pipeline.target.answerAfter(0);
            SyncRun next = syncOnceThePoolReconnected(pipeline);

            assertThat(next.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(next.countOf(Outcome.DEACTIVATED)).isZero();
            assertThat(pipeline.target.users()).hasSize(directory.size())
                    .allSatisfy(user -> assertThat(user.path("active").asBoolean()).isTrue())
                    .extracting(user -> user.path("externalId").asText()).doesNotHaveDuplicates();
            assertThat(pipeline.query("SELECT id, status, failure_reason FROM sync_run ORDER BY id")).satisfiesExactly(
                    failed -> {
                        assertThat(failed.get("status")).isEqualTo("FAILED");
                        assertThat(failed.get("failure_reason").toString()).startsWith("the database is unreachable: Connection to 127.0.0.1");
                    },
                    converged -> assertThat(converged.get("status")).isEqualTo("COMPLETED"));
        }
    }
}
