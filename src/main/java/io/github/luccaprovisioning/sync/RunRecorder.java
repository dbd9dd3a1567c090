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

/**
 * Keeps the run history: a {@code sync_run} row per run and a {@code run_error} row per employee that failed.
 */
public final class RunRecorder {

    private final DataSource dataSource;

    public RunRecorder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SyncRun start(String trigger, int luccaPageSize) throws SQLException {
        String runTrigger = trigger == null || trigger.isBlank() ? "manual" : trigger;
        DirectoryRead directory = new DirectoryRead(luccaPageSize);
        Instant now = Instant.now();
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO sync_run (run_trigger, started_at, status) VALUES (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, runTrigger);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setString(3, SyncRun.Status.RUNNING.name());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new SyncRun(keys.getLong(1), runTrigger, now, directory);
            }
        }
    }

    public void count(SyncRun run, Outcome outcome) {
        run.count(outcome);
    }

    /** Writes the error row of one employee; the run goes on. */
    public void recordFailure(SyncRun run, JsonNode employee, Failure failure) throws SQLException {
        run.failed(failure);
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO run_error (run_id, lucca_id, employee_number, employee_name, email, step, reason, "
                             + "http_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, run.getId());
            insert.setString(2, EmployeeLabels.field(employee, "id", 64));
            insert.setString(3, EmployeeLabels.field(employee, "employeeNumber", 100));
            insert.setString(4, EmployeeLabels.field(employee, "name", 500));
            insert.setString(5, EmployeeLabels.field(employee, "mail", 320));
            insert.setString(6, failure.step());
            insert.setString(7, failure.reason());
            if (failure.httpStatus() == null) {
                insert.setNull(8, Types.INTEGER);
            } else {
                insert.setInt(8, failure.httpStatus());
            }
            insert.setTimestamp(9, Timestamp.from(Instant.now()));
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
        run.finished(status, failureReason, Instant.now());
        DirectoryRead directory = run.getDirectory();
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE sync_run SET finished_at = ?, status = ?, failure_reason = ?, lucca_announced = ?, read_count = ?, "
                             + "created_count = ?, updated_count = ?, unchanged_count = ?, skipped_count = ?, failed_count = ? "
                             + "WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(run.getFinishedAt()));
            update.setString(2, status.name());
            update.setString(3, failureReason);
            if (directory.getAnnounced() == null) {
                update.setNull(4, Types.INTEGER);
            } else {
                update.setInt(4, directory.getAnnounced());
            }
            update.setInt(5, directory.getEmployeesRead());
            update.setInt(6, run.countOf(Outcome.CREATED));
            update.setInt(7, run.countOf(Outcome.UPDATED));
            update.setInt(8, run.countOf(Outcome.UNCHANGED));
            update.setInt(9, run.countOf(Outcome.SKIPPED));
            update.setInt(10, run.countOf(Outcome.FAILED));
            update.setLong(11, run.getId());
            update.executeUpdate();
        }
        return run;
    }
}
