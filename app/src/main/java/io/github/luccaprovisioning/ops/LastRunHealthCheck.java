package io.github.luccaprovisioning.ops;

import io.github.luccaprovisioning.sync.AutomaticSync;
import io.github.luccaprovisioning.sync.RunLease;
import io.github.luccaprovisioning.sync.SyncRun;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private final DataSource dataSource;
    private final RunLease lease;
    private final AutomaticSync automaticSync;

    public LastRunHealthCheck(DataSource dataSource, RunLease lease, AutomaticSync automaticSync) {
        super("lucca-provisioning", "last-run");
        this.dataSource = dataSource;
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
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, status, finished_at, failure_reason, lucca_announced "
                     + "FROM sync_run WHERE status <> 'RUNNING' AND run_trigger <> '" + SyncRun.WEBHOOK + "' ORDER BY id DESC LIMIT 1");
             ResultSet run = select.executeQuery()) {
            builder.detail("database.reachable", true);
            Optional<RunLease.Holder> running = lease.holder();
            builder.detail("running.here", running.map(holder -> holder.replica().equals(lease.replica())).orElse(false));
            running.ifPresent(holder -> builder.detail("running.run", holder.runId()).detail("running.replica", holder.replica()));
            builder.detail("automatic.sync", automaticSync.isOn() ? "on" : "off");
            if (!run.next()) {
                builder.detail("last.run", "none yet").up();
                return;
            }
            builder.detail("last.run.id", run.getLong("id"));
            builder.detail("last.run.status", run.getString("status"));
            builder.detail("last.run.finished", String.valueOf(run.getTimestamp("finished_at").toInstant()));
            // Lucca announced a count: it answered that run's read
            builder.detail("lucca.answered", run.getObject("lucca_announced") != null);
            String failure = run.getString("failure_reason");
            if (failure != null) {
                builder.detail("last.run.failure", failure);
            }
            if ("FAILED".equals(run.getString("status"))) {
                builder.message("The last sync run failed: " + failure).down();
            } else {
                builder.up();
            }
        } catch (SQLException e) {
            builder.detail("database.reachable", false);
            builder.message("The database cannot be reached: " + e.getMessage()).down();
        }
    }
}
