package io.github.luccaprovisioning.ops;

import io.github.luccaprovisioning.sync.RunLease;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.state.AutomaticSync;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness (/observe/health/ready): DOWN when the database cannot be reached or the last run failed (Lucca
 * unreadable, the database down), with the run's id, status, end and failure reason, and whether Lucca answered it.
 * UP before any run and after a run that completed, per-employee errors included: those are in the run's error
 * file, not a reason to page anyone. UP after an interrupted run too: its replica stopped or was lost, which the
 * platform sees for itself, and the next run, on any replica, takes over; nothing in Lucca, the target or the
 * database is wrong. Also says which replica this is and which one, if any, runs a sync now.
 * Whether automatic sync is on is one of its details: a paused schedule explains why no run came. The last run is the
 * last full run: a webhook run, one employee's, neither takes the process out of service when it fails (the
 * webhooks could no longer reach it) nor hides a failed full run when it succeeds.
 */
public final class LastRunHealthCheck extends AbstractHealthCheck {

    private final Jdbi jdbi;
    private final RunLease lease;
    private final AutomaticSync automaticSync;

    public LastRunHealthCheck(Jdbi jdbi, RunLease lease, AutomaticSync automaticSync) {
        super("lucca-provisioning", "last-run");
        this.jdbi = jdbi;
        this.lease = lease;
        this.automaticSync = automaticSync;
    }

    @Override
    public boolean isLiveness() {
        // a failed run is not cured by a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("replica", lease.replica());
        try {
            Optional<LastRun> last = jdbi.withHandle(db -> db.createQuery("SELECT id, status, finished_at, failure_reason, "
                            + "lucca_announced FROM sync_run WHERE status <> 'RUNNING' AND run_trigger <> '" + SyncRun.WEBHOOK + "' "
                            + "ORDER BY id DESC LIMIT 1")
                    .map((run, context) -> new LastRun(run.getLong("id"), run.getString("status"), run.getTimestamp("finished_at").toInstant(),
                            run.getString("failure_reason"), run.getObject("lucca_announced") != null))
                    .findFirst());
            builder.detail("database.reachable", true);
            Optional<RunLease.Holder> running = lease.holder();
            builder.detail("running.here", running.map(holder -> holder.replica().equals(lease.replica())).orElse(false));
            running.ifPresent(holder -> builder.detail("running.run", holder.runId()).detail("running.replica", holder.replica()));
            builder.detail("automatic.sync", automaticSync.isOn() ? "on" : "off");
            if (last.isEmpty()) {
                builder.detail("last.run", "none yet").up();
                return;
            }
            LastRun run = last.get();
            builder.detail("last.run.id", run.id());
            builder.detail("last.run.status", run.status());
            builder.detail("last.run.finished", String.valueOf(run.finished()));
            builder.detail("lucca.answered", run.luccaAnswered());
            if (run.failure() != null) {
                builder.detail("last.run.failure", run.failure());
            }
            if ("FAILED".equals(run.status())) {
                builder.message("The last sync run failed: " + run.failure()).down();
            } else {
                builder.up();
            }
        } catch (JdbiException e) {
            builder.detail("database.reachable", false);
            // the driver's or the pool's own words, which Jdbi wraps: where the database was looked for
            Throwable reason = e.getCause() == null ? e : e.getCause();
            builder.message("The database cannot be reached: " + reason.getMessage()).down();
        }
    }

    /** The last run that ended; {@code luccaAnswered}: Lucca announced a count, so it answered that run's read. */
    private record LastRun(long id, String status, Instant finished, String failure, boolean luccaAnswered) {
    }
}
