package io.github.luccaprovisioning.sync;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The run lease: the one {@code run_lease} row that keeps one run at a time across every replica of one database.
 * A replica takes it when it is free or expired, by a conditional UPDATE that only one of two replicas asking at
 * once can win; renews it while its run lives; frees it at the end. A replica that dies leaves its lease to expire:
 * an expired lease is lost to its holder even if nobody took it yet, so that a replica that comes back from a long
 * pause cannot go on with a run another one may have declared interrupted. Times are this replica's clock: the
 * replicas' clocks must agree to well within the lease (NTP).
 */
public final class RunLease {

    /** The replica that holds a live lease, and the run it holds it for. */
    public record Holder(String replica, long runId) {
    }

    private static final String LEASE = "sync-run";
    /** The run a live lease holds, as a subquery for other tables' statements; its one parameter is {@link #now()}. */
    static final String LIVE_RUNS = "SELECT run_id FROM run_lease WHERE holder IS NOT NULL AND run_id IS NOT NULL AND expires_at > ?";
    private static final int LONGEST_NAME = 255;

    private final Jdbi jdbi;
    private final String replica;
    private final Duration length;
    private final Clock clock;

    /**
     * @param replicaName  this replica's name in the lease and the history; blank: host name and process id
     * @param leaseSeconds how long a lease lasts without a renewal
     */
    public RunLease(Jdbi jdbi, String replicaName, int leaseSeconds) {
        this(jdbi, replicaName, leaseSeconds, Clock.systemUTC());
    }

    RunLease(Jdbi jdbi, String replicaName, int leaseSeconds, Clock clock) {
        if (leaseSeconds < 1) {
            throw new IllegalArgumentException("sync.run-lease-seconds must be at least 1, not " + leaseSeconds);
        }
        this.replica = replicaName == null || replicaName.isBlank() ? defaultName() : replicaName.strip();
        if (replica.length() > LONGEST_NAME) {
            throw new IllegalArgumentException("sync.replica-name is longer than " + LONGEST_NAME + " characters");
        }
        this.jdbi = jdbi;
        this.length = Duration.ofSeconds(leaseSeconds);
        this.clock = clock;
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public String replica() {
        return replica;
    }

    public Duration length() {
        return length;
    }

    /**
     * Takes the lease for a run, in the caller's transaction, so that the run's row and its lease appear together.
     *
     * @return false when a live lease is held, by another replica or by another run of this one
     */
    boolean take(Handle db, long runId) {
        OffsetDateTime now = now();
        return db.createUpdate("UPDATE run_lease SET holder = ?, run_id = ?, expires_at = ? "
                        + "WHERE lease = ? AND (holder IS NULL OR expires_at <= ?)")
                .bind(0, replica).bind(1, runId).bind(2, now.plus(length)).bind(3, LEASE).bind(4, now)
                .execute() == 1;
    }

    /** @return false when the lease is lost: it expired, or another replica holds it now */
    boolean renew(long runId) {
        OffsetDateTime now = now();
        return jdbi.withHandle(db -> db.createUpdate("UPDATE run_lease SET expires_at = ? "
                        + "WHERE lease = ? AND holder = ? AND run_id = ? AND expires_at > ?")
                .bind(0, now.plus(length)).bind(1, LEASE).bind(2, replica).bind(3, runId).bind(4, now)
                .execute()) == 1;
    }

    /** Frees the lease, if this replica still holds it for this run. */
    void release(long runId) {
        jdbi.useHandle(db -> db.createUpdate("UPDATE run_lease SET holder = NULL, run_id = NULL, expires_at = NULL "
                        + "WHERE lease = ? AND holder = ? AND run_id = ?")
                .bind(0, LEASE).bind(1, replica).bind(2, runId)
                .execute());
    }

    /** Who runs a sync now, on any replica: empty when the lease is free or expired. */
    public Optional<Holder> holder() {
        return jdbi.withHandle(this::holder);
    }

    Optional<Holder> holder(Handle db) {
        return db.createQuery("SELECT holder, run_id FROM run_lease WHERE lease = ? AND holder IS NOT NULL AND expires_at > ?")
                .bind(0, LEASE).bind(1, now())
                .map((row, context) -> new Holder(row.getString(1), row.getLong(2)))
                .findFirst();
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
