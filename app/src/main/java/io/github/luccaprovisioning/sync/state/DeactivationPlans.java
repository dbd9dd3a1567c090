package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.Employment;

import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.DeprovisioningGuard;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.List;

/**
 * The deactivations of a run ({@code planned_deactivation}). Leavers are planned while the directory streams by,
 * people who vanished from Lucca once the read is over; the {@link DeprovisioningGuard} then decides, for all of
 * them at once, whether they are applied or held.
 */
public final class DeactivationPlans {

    private final Jdbi jdbi;
    private final DeprovisioningGuard guard;

    public DeactivationPlans(Jdbi jdbi, DeprovisioningGuard guard) {
        this.jdbi = jdbi;
        this.guard = guard;
    }

    /** Plans the deactivation of a leaver, or of someone who fell out of scope (no change key then). */
    public void planDeactivation(SyncRun run, Account account, JsonNode employee, String changeKey) {
        String reason = Employment.hasLeft(employee, LocalDate.now()) ? "contract ended on " + Employment.contractEnd(employee)
                : "no longer in scope";
        jdbi.useHandle(db -> db.execute("INSERT INTO planned_deactivation (run_id, lucca_id, target_id, reason, change_key, status) "
                + "VALUES (?, ?, ?, ?, ?, 'PLANNED')", run.getId(), employee.path("id").asText(), account.targetId(), reason, changeKey));
    }

    /**
     * Adds who vanished from a complete read of the whole directory (never after the read of one employee, a webhook
     * run's), then lets the guard decide. Held and doubtful deactivations are
     * counted and explained on the run; they are planned again at the next run.
     */
    public DeprovisioningGuard.Decision review(SyncRun run) {
        boolean complete = run.getDirectory().isComplete();
        return jdbi.withHandle(db -> {
            if (complete && run.getDirectory().isWholeDirectory()) {
                db.execute("INSERT INTO planned_deactivation (run_id, lucca_id, target_id, reason, change_key, status) "
                        + "SELECT ?, lucca_id, target_id, 'no longer in Lucca', NULL, 'PLANNED' FROM synced_employee e "
                        + "WHERE active AND (last_seen_run_id IS NULL OR last_seen_run_id <> ?) AND NOT EXISTS "
                        + "(SELECT 1 FROM planned_deactivation p WHERE p.run_id = ? AND p.lucca_id = e.lucca_id)",
                        run.getId(), run.getId(), run.getId());
            }
            int planned = count(db, "SELECT COUNT(*) FROM planned_deactivation WHERE run_id = ?", run.getId());
            int approved = approveHeldOf(db, run);
            int active = count(db, "SELECT COUNT(*) FROM synced_employee WHERE active = TRUE", null);
            DeprovisioningGuard.Decision decision = guard.decide(planned - approved, active, complete, run.isApproveDeactivations());
            switch (decision) {
                case HOLD -> {
                    db.execute("UPDATE planned_deactivation SET status = 'HELD' WHERE run_id = ? AND status = 'PLANNED'", run.getId());
                    run.count(Outcome.HELD_FOR_APPROVAL, planned - approved);
                    run.note((planned - approved) + " deactivations held for approval: more than the guard allows (" + active
                            + " active accounts). Check them, then approve them on the dashboard or run with --approve-deactivations.");
                }
                case READ_INCOMPLETE -> {
                    db.execute("UPDATE planned_deactivation SET status = 'NOT_APPLIED' WHERE run_id = ?", run.getId());
                    Integer announced = run.getDirectory().getAnnounced();
                    run.note("No one deactivated: the Lucca read was incomplete (" + run.getDirectory().getEmployeesRead()
                            + " read of " + (announced == null ? "an unknown number" : announced) + " announced). " + planned
                            + " planned deactivations, and anyone missing from the read, wait for a complete read.");
                }
                default -> {
                }
            }
            if (approved > 0 && decision != DeprovisioningGuard.Decision.READ_INCOMPLETE) {
                db.execute("UPDATE planned_deactivation SET status = 'PLANNED' WHERE run_id = ? AND status = 'APPROVED'", run.getId());
                run.note(approved + " deactivations held by run #" + run.getApprovedRunId() + " applied as approved.");
            }
            return decision;
        });
    }

    /**
     * Marks the deactivations of this run that an approved run held as approved: the guard weighs only the others.
     * Someone held then who is no longer planned (back in Lucca, say) is not deactivated.
     *
     * @return how many were approved
     */
    private static int approveHeldOf(Handle db, SyncRun run) {
        if (run.getApprovedRunId() == null) {
            return 0;
        }
        return db.createUpdate("UPDATE planned_deactivation p SET status = 'APPROVED' "
                        + "WHERE p.run_id = ? AND EXISTS (SELECT 1 FROM planned_deactivation h "
                        + "WHERE h.run_id = ? AND h.status = 'HELD' AND h.lucca_id = p.lucca_id)")
                .bind(0, run.getId()).bind(1, run.getApprovedRunId().longValue())
                .execute();
    }

    /** The deactivations of this run that the guard let through. */
    public List<PlannedDeactivation> toApply(SyncRun run) {
        return withStatus(run.getId(), "PLANNED", Integer.MAX_VALUE);
    }

    /** The first deactivations of a run the guard held for approval. */
    public List<PlannedDeactivation> held(long runId, int most) {
        return withStatus(runId, "HELD", most);
    }

    private List<PlannedDeactivation> withStatus(long runId, String status, int most) {
        return jdbi.withHandle(db -> db.createQuery(
                        "SELECT p.run_id, p.lucca_id, p.target_id, p.reason, p.change_key, e.employee_number, e.user_name, e.display_name "
                                + "FROM planned_deactivation p LEFT JOIN synced_employee e ON e.lucca_id = p.lucca_id "
                                + "WHERE p.run_id = ? AND p.status = ? ORDER BY p.lucca_id")
                .bind(0, runId).bind(1, status).setMaxRows(most)
                .map((row, context) -> new PlannedDeactivation(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8)))
                .list());
    }

    private static int count(Handle db, String sql, Long runId) {
        return (runId == null ? db.createQuery(sql) : db.createQuery(sql).bind(0, runId.longValue())).mapTo(int.class).one();
    }
}
