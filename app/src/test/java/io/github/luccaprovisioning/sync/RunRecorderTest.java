package io.github.luccaprovisioning.sync;

import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run lease as the run history uses it: two replicas of one database, each with its recorder. */
class RunRecorderTest {

    private static final int LEASE_SECONDS = 120;

    private final MovingClock clock = new MovingClock();
    private JdbcDataSource database;
    /** Replica A's way to the database, which a test can cut. */
    private volatile boolean unreachable;
    private RunRecorder replicaA;
    private RunRecorder replicaB;

    @BeforeEach
    void twoReplicas() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:recorder-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigration(database).migrate();
        DataSource cuttable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, arguments) -> {
                    if (unreachable && method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused");
                    }
                    try {
                        return method.invoke(database, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Jdbi cuttableJdbi = Jdbi.create(cuttable);
        Jdbi jdbi = Jdbi.create(database);
        replicaA = new RunRecorder(cuttableJdbi, new RunLease(cuttableJdbi, "replica-a", LEASE_SECONDS, clock));
        replicaB = new RunRecorder(jdbi, new RunLease(jdbi, "replica-b", LEASE_SECONDS, clock));
    }

    @AfterEach
    void stopRenewals() {
        unreachable = false;
        replicaA.stop();
        replicaB.stop();
    }

    @Test
    void aRunOnOneReplicaIsRefusedOnAnotherThatSaysWhichReplicaRunsIt() throws Exception {
        SyncRun running = start(replicaA);

        assertThatThrownBy(() -> start(replicaB)).isInstanceOf(RunAlreadyInProgressException.class)
                .hasMessage("A sync is already in progress (run #" + running.getId() + " on replica replica-a)");
        assertThatThrownBy(replicaB::refuseWhileRunning).isInstanceOf(RunAlreadyInProgressException.class);
        assertThat(column("SELECT COUNT(*) FROM sync_run")).as("the refused run left no row").isEqualTo("1");
        assertThat(column("SELECT replica FROM sync_run")).isEqualTo("replica-a");
    }

    @Test
    void aRunWhoseReplicaWasLostIsClosedAsInterruptedWithTheCountsItHadWritten() throws Exception {
        SyncRun lost = start(replicaA);
        lost.count(Outcome.CREATED, 3);
        replicaA.checkpoint(lost);
        lost.count(Outcome.CREATED, 2);
        clock.move(Duration.ofSeconds(LEASE_SECONDS));

        SyncRun next = start(replicaB);

        assertThat(column("SELECT status FROM sync_run WHERE id = " + lost.getId())).isEqualTo("INTERRUPTED");
        assertThat(column("SELECT created_count FROM sync_run WHERE id = " + lost.getId())).isEqualTo("3");
        assertThat(column("SELECT failure_reason FROM sync_run WHERE id = " + lost.getId()))
                .isEqualTo("replica replica-a stopped before the run ended (its run lease expired)");
        assertThat(next.getNotes()).containsExactly("Run #" + lost.getId()
                + " was interrupted: replica replica-a stopped before the run ended (its run lease expired).");

        // replica A was only paused: its next renewal finds the lease lost and the run stops, as interrupted
        replicaA.renew(lost);
        assertThat(lost.isGoingOn()).isFalse();
        assertThatThrownBy(() -> replicaA.checkpoint(lost)).hasMessageContaining("replica replica-a lost the run lease");
        replicaA.fail(lost, new IllegalStateException("stopped"));
        assertThat(lost.getStatus()).isEqualTo(SyncRun.Status.INTERRUPTED);
        assertThat(column("SELECT created_count FROM sync_run WHERE id = " + lost.getId()))
                .as("what replica B closed stays so").isEqualTo("3");
        assertThat(column("SELECT status FROM sync_run WHERE id = " + next.getId())).isEqualTo("RUNNING");
    }

    @Test
    void aRunThatCannotRenewItsLeaseStopsAtTheSecondFailedRenewalInARow() throws Exception {
        SyncRun run = start(replicaA);
        unreachable = true;
        replicaA.renew(run);
        unreachable = false;
        replicaA.renew(run);
        unreachable = true;
        replicaA.renew(run);
        assertThat(run.isGoingOn()).as("one failure, then a renewal: the lease is still its own").isTrue();

        replicaA.renew(run);

        assertThat(run.isGoingOn()).isFalse();
        unreachable = false;
        assertThatThrownBy(() -> replicaA.checkpoint(run)).hasMessageContaining("could not renew the run lease")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aRunWhoseLeaseLivesIsLeftAloneByAReplicaThatStarts() throws Exception {
        SyncRun running = start(replicaA);
        clock.move(Duration.ofSeconds(LEASE_SECONDS - 1));

        assertThat(replicaB.closeInterruptedRuns()).isEmpty();
        assertThat(column("SELECT status FROM sync_run WHERE id = " + running.getId())).isEqualTo("RUNNING");
    }

    @Test
    void aReplicaStoppedMidRunClosesItsRunAsInterruptedAndFreesTheLeaseAtOnce() throws Exception {
        SyncRun stopped = start(replicaA);
        stopped.count(Outcome.UPDATED, 4);

        replicaA.stop();

        assertThat(column("SELECT status FROM sync_run WHERE id = " + stopped.getId())).isEqualTo("INTERRUPTED");
        assertThat(column("SELECT updated_count FROM sync_run WHERE id = " + stopped.getId())).isEqualTo("4");
        assertThat(replicaA.currentRun()).isNull();
        assertThat(start(replicaB).getNotes()).isEmpty();
    }

    @Test
    void aFinishedRunFreesTheLeaseForTheOtherReplica() throws Exception {
        SyncRun first = start(replicaA);
        replicaA.finish(first);

        SyncRun second = start(replicaB);

        assertThat(column("SELECT status FROM sync_run WHERE id = " + first.getId())).isEqualTo("COMPLETED");
        assertThat(second.getId()).isGreaterThan(first.getId());
    }

    private static SyncRun start(RunRecorder recorder) throws SQLException {
        return recorder.start("manual", new DirectoryRead(100), false, false, null, null);
    }

    private String column(String sql) throws SQLException {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
