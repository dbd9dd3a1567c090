package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.Employment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The deactivations of a run ({@code planned_deactivation}). Leavers are planned while the directory streams by,
 * people who vanished from Lucca once the read is over; the {@link DeprovisioningGuard} then decides, for all of
 * them at once, whether they are applied or held.
 */
public final class DeactivationPlans {

    private final DataSource dataSource;
    private final DeprovisioningGuard guard;

    public DeactivationPlans(DataSource dataSource, DeprovisioningGuard guard) {
        this.dataSource = dataSource;
        this.guard = guard;
    }

    /** Plans the deactivation of a leaver, or of someone who fell out of scope (no change key then). */
    public void planDeactivation(SyncRun run, Account account, JsonNode employee, String changeKey) throws SQLException {
        String reason = Employment.hasLeft(employee, LocalDate.now()) ? "contract ended on " + Employment.contractEnd(employee)
                : "no longer in scope";
        try (Connection db = dataSource.getConnection()) {
            EmployeeStates.execute(db, "INSERT INTO planned_deactivation (run_id, lucca_id, target_id, reason, change_key, status) "
                            + "VALUES (?, ?, ?, ?, ?, 'PLANNED')",
                    new Object[]{run.getId(), employee.path("id").asText(), account.targetId(), reason, changeKey});
        }
    }

    /**
     * Adds who vanished from a complete read of the whole directory (never after the read of one employee, a webhook
     * run's), then lets the guard decide. Held and doubtful deactivations are
     * counted and explained on the run; they are planned again at the next run.
     */
    public DeprovisioningGuard.Decision review(SyncRun run) throws SQLException {
        boolean complete = run.getDirectory().isComplete();
        try (Connection db = dataSource.getConnection()) {
            if (complete && run.getDirectory().isWholeDirectory()) {
                EmployeeStates.execute(db, "INSERT INTO planned_deactivation (run_id, lucca_id, target_id, reason, change_key, status) "
                        + "SELECT ?, lucca_id, target_id, 'no longer in Lucca', NULL, 'PLANNED' FROM synced_employee e "
                        + "WHERE active AND (last_seen_run_id IS NULL OR last_seen_run_id <> ?) AND NOT EXISTS "
                        + "(SELECT 1 FROM planned_deactivation p WHERE p.run_id = ? AND p.lucca_id = e.lucca_id)",
                        new Object[]{run.getId(), run.getId(), run.getId()});
            }
            int planned = count(db, "SELECT COUNT(*) FROM planned_deactivation WHERE run_id = ?", run.getId());
            int approved = approveHeldOf(db, run);
            int active = count(db, "SELECT COUNT(*) FROM synced_employee WHERE active = TRUE", null);
            DeprovisioningGuard.Decision decision = guard.decide(planned - approved, active, complete, run.isApproveDeactivations());
            switch (decision) {
                case HOLD -> {
                    EmployeeStates.execute(db, "UPDATE planned_deactivation SET status = 'HELD' WHERE run_id = ? AND status = 'PLANNED'",
                            new Object[]{run.getId()});
                    run.count(Outcome.HELD_FOR_APPROVAL, planned - approved);
                    run.note((planned - approved) + " deactivations held for approval: more than the guard allows (" + active
                            + " active accounts). Check them, then approve them on the dashboard or run with --approve-deactivations.");
                }
                case READ_INCOMPLETE -> {
                    EmployeeStates.execute(db, "UPDATE planned_deactivation SET status = 'NOT_APPLIED' WHERE run_id = ?", new Object[]{run.getId()});
                    Integer announced = run.getDirectory().getAnnounced();
                    run.note("No one deactivated: the Lucca read was incomplete (" + run.getDirectory().getEmployeesRead()
                            + " read of " + (announced == null ? "an unknown number" : announced) + " announced). " + planned
                            + " planned deactivations, and anyone missing from the read, wait for a complete read.");
                }
                default -> {
                }
            }
            if (approved > 0 && decision != DeprovisioningGuard.Decision.READ_INCOMPLETE) {
                EmployeeStates.execute(db, "UPDATE planned_deactivation SET status = 'PLANNED' WHERE run_id = ? AND status = 'APPROVED'",
                        new Object[]{run.getId()});
                run.note(approved + " deactivations held by run #" + run.getApprovedRunId() + " applied as approved.");
            }
            return decision;
        }
    }

    /**
     * Marks the deactivations of this run that an approved run held as approved: the guard weighs only the others.
     * Someone held then who is no longer planned (back in Lucca, say) is not deactivated.
     *
     * @return how many were approved
     */
    private static int approveHeldOf(Connection db, SyncRun run) throws SQLException {
        if (run.getApprovedRunId() == null) {
            return 0;
        }
        try (PreparedStatement update = db.prepareStatement("UPDATE planned_deactivation p SET status = 'APPROVED' "
                + "WHERE p.run_id = ? AND EXISTS (SELECT 1 FROM planned_deactivation h "
                + "WHERE h.run_id = ? AND h.status = 'HELD' AND h.lucca_id = p.lucca_id)")) {
            update.setLong(1, run.getId());
            update.setLong(2, run.getApprovedRunId());
            return update.executeUpdate();
        }
    }

    /** The deactivations of this run that the guard let through. */
    public List<PlannedDeactivation> toApply(SyncRun run) throws SQLException {
        return withStatus(run.getId(), "PLANNED", Integer.MAX_VALUE);
    }

    /** The first deactivations of a run the guard held for approval. */
    public List<PlannedDeactivation> held(long runId, int most) throws SQLException {
        return withStatus(runId, "HELD", most);
    }

    private List<PlannedDeactivation> withStatus(long runId, String status, int most) throws SQLException {
        List<PlannedDeactivation> deactivations = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "SELECT p.run_id, p.lucca_id, p.target_id, p.reason, p.change_key, e.employee_number, e.user_name, e.display_name "
                             + "FROM planned_deactivation p LEFT JOIN synced_employee e ON e.lucca_id = p.lucca_id "
                             + "WHERE p.run_id = ? AND p.status = ? ORDER BY p.lucca_id")) {
            select.setLong(1, runId);
            select.setString(2, status);
            select.setMaxRows(most);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    deactivations.add(new PlannedDeactivation(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getString(7), row.getString(8)));
                }
            }
        }
        return deactivations;
    }

    private static int count(Connection db, String sql, Long runId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            if (runId != null) {
                select.setLong(1, runId);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
