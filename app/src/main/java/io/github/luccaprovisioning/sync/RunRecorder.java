package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.DirectoryRead;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Keeps the run history: a {@code sync_run} row per run and a {@code run_error} row per employee that failed or
 * needs a look. Runs never overlap: a run is refused while another one is in progress.
 */
public final class RunRecorder {

    private static final String COUNT_COLUMNS = Arrays.stream(Outcome.values())
            .map(outcome -> outcome.column() + " = ?").collect(Collectors.joining(", "));

    private final DataSource dataSource;
    private final AtomicReference<SyncRun> inProgress = new AtomicReference<>();

    public RunRecorder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param trigger              what started the run: schedule, once, manual
     * @param dryRun               plan and count, change nothing (null: false)
     * @param approveDeactivations let deactivations over the guard's limits through (null: false)
     * @param approvedRunId        a run whose held deactivations were approved (null: none)
     * @param scheduledFor         the scheduled time the schedule started the run for (null: not started by it)
     * @throws RunAlreadyInProgressException while another run is in progress
     */
    public SyncRun start(String trigger, DirectoryRead directory, Boolean dryRun, Boolean approveDeactivations,
                         Long approvedRunId, Date scheduledFor) throws SQLException {
        String runTrigger = trigger == null || trigger.isBlank() ? "manual" : trigger;
        RunOptions options = new RunOptions(Boolean.TRUE.equals(dryRun), Boolean.TRUE.equals(approveDeactivations), approvedRunId);
        Instant now = Instant.now();
        SyncRun starting = new SyncRun(-1, runTrigger, options, now, directory);
        SyncRun running = inProgress.compareAndExchange(null, starting);
        if (running != null) {
            throw new RunAlreadyInProgressException(running.getId());
        }
        try {
            SyncRun run = insert(runTrigger, options, now, directory, scheduledFor);
            inProgress.set(run);
            return run;
        } catch (SQLException | RuntimeException e) {
            inProgress.set(null);
            throw e;
        }
    }

    /** The run in progress, or null. */
    public SyncRun currentRun() {
        SyncRun run = inProgress.get();
        return run == null || run.getId() < 0 ? null : run;
    }

    private SyncRun insert(String runTrigger, RunOptions options, Instant now, DirectoryRead directory, Date scheduledFor)
            throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO sync_run (run_trigger, dry_run, started_at, status, scheduled_for) VALUES (?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, runTrigger);
            insert.setBoolean(2, options.dryRun());
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setString(4, SyncRun.Status.RUNNING.name());
            insert.setTimestamp(5, scheduledFor == null ? null : new Timestamp(scheduledFor.getTime()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new SyncRun(keys.getLong(1), runTrigger, options, now, directory);
            }
        }
    }

    public void count(SyncRun run, Outcome outcome) {
        run.count(outcome);
    }

    /**
     * Closes the runs a stopped process left RUNNING, so that the history does not show them in progress forever;
     * their employees are looked at again by the next run (their change keys were never confirmed).
     */
    public int closeAbandonedRuns() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE sync_run SET status = ?, finished_at = ?, "
                     + "failure_reason = 'the process stopped before the run ended' WHERE status = ?")) {
            update.setString(1, SyncRun.Status.FAILED.name());
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, SyncRun.Status.RUNNING.name());
            return update.executeUpdate();
        }
    }

    /** Writes the error row of one employee that could not be synced; the run goes on. */
    public void recordFailure(SyncRun run, JsonNode employee, Failure failure) throws SQLException {
        record(run, Outcome.FAILED, employee, failure);
    }

    /** Writes a warning row: something to look at that did not stop the employee's sync. */
    public void recordWarning(SyncRun run, JsonNode employee, String step, String reason) throws SQLException {
        record(run, Outcome.WARNING, employee, new Failure(EmployeeLabels.of(employee), step, reason, null));
    }

    private void record(SyncRun run, Outcome outcome, JsonNode employee, Failure failure) throws SQLException {
        run.problem(outcome, failure);
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO run_error (run_id, severity, lucca_id, employee_number, employee_name, email, step, reason, "
                             + "http_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, run.getId());
            insert.setString(2, outcome == Outcome.WARNING ? "WARNING" : "ERROR");
            insert.setString(3, EmployeeLabels.field(employee, "id", 64));
            insert.setString(4, EmployeeLabels.field(employee, "employeeNumber", 100));
            insert.setString(5, EmployeeLabels.name(employee, 500));
            insert.setString(6, EmployeeLabels.field(employee, "mail", 320));
            insert.setString(7, failure.step());
            insert.setString(8, failure.reason());
            if (failure.httpStatus() == null) {
                insert.setNull(9, Types.INTEGER);
            } else {
                insert.setInt(9, failure.httpStatus());
            }
            insert.setTimestamp(10, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    public SyncRun finish(SyncRun run) throws SQLException {
        SyncRun.Status status = run.countOf(Outcome.FAILED) > 0 ? SyncRun.Status.COMPLETED_WITH_ERRORS : SyncRun.Status.COMPLETED;
        return close(run, status, null);
    }

    /** The run could not complete (Lucca unreadable, database down): nothing after the failure was applied. */
    public SyncRun fail(SyncRun run, Throwable cause) throws SQLException {
        if (run == null) {
            throw new IllegalStateException("the run could not start: " + FailureReasons.ofRun(cause), cause);
        }
        return close(run, SyncRun.Status.FAILED, FailureReasons.ofRun(cause));
    }

    private SyncRun close(SyncRun run, SyncRun.Status status, String failureReason) throws SQLException {
        try {
            return write(run, status, failureReason);
        } finally {
            inProgress.compareAndSet(run, null);
        }
    }

    private SyncRun write(SyncRun run, SyncRun.Status status, String failureReason) throws SQLException {
        run.finished(status, failureReason, Instant.now());
        DirectoryRead directory = run.getDirectory();
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE sync_run SET finished_at = ?, status = ?, failure_reason = ?, "
                     + "lucca_announced = ?, lucca_read_complete = ?, read_count = ?, in_scope_count = ?, " + COUNT_COLUMNS + " WHERE id = ?")) {
            int column = 1;
            update.setTimestamp(column++, Timestamp.from(run.getFinishedAt()));
            update.setString(column++, status.name());
            update.setString(column++, failureReason);
            update.setObject(column++, directory.getAnnounced(), Types.INTEGER);
            update.setBoolean(column++, directory.isComplete());
            update.setInt(column++, directory.getEmployeesRead());
            update.setInt(column++, directory.getEmployeesRead() - run.countOf(Outcome.OUT_OF_SCOPE));
            for (Outcome outcome : Outcome.values()) {
                update.setInt(column++, run.countOf(outcome));
            }
            update.setLong(column, run.getId());
            update.executeUpdate();
        }
        return run;
    }
}
