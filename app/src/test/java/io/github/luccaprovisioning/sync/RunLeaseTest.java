package io.github.luccaprovisioning.sync;

import io.github.luccaprovisioning.sync.state.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLeaseTest {

    private static final int LEASE_SECONDS = 120;

    private final MovingClock clock = new MovingClock();
    private JdbcDataSource database;
    private Jdbi jdbi;
    private RunLease replicaA;
    private RunLease replicaB;

    @BeforeEach
    void freeLease() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:lease-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigration(database).migrate();
        jdbi = Jdbi.create(database);
        replicaA = new RunLease(jdbi, "replica-a", LEASE_SECONDS, clock);
        replicaB = new RunLease(jdbi, "replica-b", LEASE_SECONDS, clock);
    }

    @Test
    void aFreeLeaseIsTakenAndRefusedToAnyOtherRunWhileItLives() throws Exception {
        assertThat(take(replicaA, 1)).isTrue();
        clock.move(Duration.ofSeconds(LEASE_SECONDS - 1));

        assertThat(take(replicaB, 2)).isFalse();
        assertThat(take(replicaA, 3)).as("another run of the same replica").isFalse();
        assertThat(replicaB.holder()).contains(new RunLease.Holder("replica-a", 1));
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderCannotRenewIt() throws Exception {
        take(replicaA, 1);
        clock.move(Duration.ofSeconds(LEASE_SECONDS));

        assertThat(replicaB.holder()).as("an expired lease holds nothing").isEmpty();
        assertThat(take(replicaB, 2)).isTrue();
        assertThat(replicaA.renew(1)).isFalse();
        assertThat(replicaA.holder()).contains(new RunLease.Holder("replica-b", 2));
    }

    @Test
    void anExpiredLeaseIsLostToItsHolderEvenIfNobodyTookIt() throws Exception {
        take(replicaA, 1);
        clock.move(Duration.ofSeconds(LEASE_SECONDS + 1));

        assertThat(replicaA.renew(1)).isFalse();
    }

    @Test
    void eachRenewalPushesTheExpiryBackByAWholeLease() throws Exception {
        take(replicaA, 1);
        for (int renewal = 0; renewal < 5; renewal++) {
            clock.move(Duration.ofSeconds(LEASE_SECONDS / 3));
            assertThat(replicaA.renew(1)).isTrue();
        }
        clock.move(Duration.ofSeconds(LEASE_SECONDS - 1));

        assertThat(take(replicaB, 2)).isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceButOnlyItsHolderCanReleaseIt() throws Exception {
        take(replicaA, 1);
        replicaB.release(1);
        replicaA.release(2);
        assertThat(replicaA.holder()).as("released by another replica, or for another run").isPresent();

        replicaA.release(1);

        assertThat(replicaA.holder()).isEmpty();
        assertThat(take(replicaB, 2)).isTrue();
    }

    @Test
    void ofTwoReplicasAskingAtOnceOnlyOneGetsTheLease() throws Exception {
        try (Handle first = jdbi.open(); Handle second = jdbi.open()) {
            first.begin();
            second.begin();
            assertThat(replicaA.take(first, 1)).isTrue();
            // waits for the first transaction's row lock, then finds the lease held, whether it asked before the
            // commit or after it
            CompletableFuture<Boolean> secondTake = CompletableFuture.supplyAsync(() -> {
                try {
                    return replicaB.take(second, 2);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.commit();

            assertThat(secondTake.get()).isFalse();
            second.commit();
        }
        assertThat(replicaA.holder()).contains(new RunLease.Holder("replica-a", 1));
    }

    @Test
    void withoutANameAReplicaIsNamedAfterItsHostAndProcess() {
        RunLease unnamed = new RunLease(jdbi, " ", LEASE_SECONDS);

        assertThat(unnamed.replica()).endsWith("-" + ProcessHandle.current().pid()).hasSizeGreaterThan(2);
        assertThat(new RunLease(jdbi, " pod-1 ", LEASE_SECONDS).replica()).isEqualTo("pod-1");
    }

    @Test
    void aLeaseShorterThanASecondOrANameTooLongForTheHistoryIsRefused() {
        assertThatThrownBy(() -> new RunLease(jdbi, "a", 0)).hasMessageContaining("sync.run-lease-seconds");
        assertThatThrownBy(() -> new RunLease(jdbi, "a".repeat(256), 10)).hasMessageContaining("sync.replica-name");
    }

    private boolean take(RunLease lease, long runId) {
        return jdbi.withHandle(db -> lease.take(db, runId));
    }
}
