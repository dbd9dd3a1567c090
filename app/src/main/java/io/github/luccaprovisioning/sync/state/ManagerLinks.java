package io.github.luccaprovisioning.sync.state;

import io.github.luccaprovisioning.sync.SyncRun;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The second pass: once everyone of the run has an account, each active employee's manager link is compared with
 * the manager's account. Only links that changed, or that cannot be made, come back; nothing is walked up the
 * hierarchy, so a manager cycle in Lucca cannot loop.
 */
public final class ManagerLinks {

    private final Jdbi jdbi;

    public ManagerLinks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The links to review, in groups of at most {@code groupSize}, in the order of the employees' Lucca ids. */
    public List<List<ManagerLink>> toReview(SyncRun run, int groupSize) {
        List<List<ManagerLink>> groups = new ArrayList<>();
        List<ManagerLink> links = new ArrayList<>();
        // the links stream by: only those to review are kept
        try (Handle db = jdbi.open();
             ResultIterator<ManagerLink> all = db.createQuery(
                             "SELECT e.lucca_id, e.target_id, e.employee_number, e.user_name, e.display_name, e.manager_lucca_id, "
                                     + "e.manager_target_id, m.target_id, m.active FROM synced_employee e "
                                     + "LEFT JOIN synced_employee m ON m.lucca_id = e.manager_lucca_id "
                                     + "WHERE e.active = TRUE AND e.last_seen_run_id = ? ORDER BY e.lucca_id")
                     .bind(0, run.getId()).map((row, context) -> link(row)).iterator()) {
            while (all.hasNext()) {
                ManagerLink link = all.next();
                if (link.changed() || link.warning() != null) {
                    if (links.size() == groupSize) {
                        groups.add(links);
                        links = new ArrayList<>();
                    }
                    links.add(link);
                }
            }
        }
        if (!links.isEmpty()) {
            groups.add(links);
        }
        return groups;
    }

    private static ManagerLink link(ResultSet row) throws SQLException {
        String luccaId = row.getString(1);
        String managerLuccaId = row.getString(6);
        String managerAccount = row.getString(8);
        boolean managerActive = row.getBoolean(9);
        String wanted = null;
        String warning = null;
        if (managerLuccaId != null && !managerLuccaId.equals(luccaId)) {
            if (managerAccount == null) {
                warning = "manager #" + managerLuccaId + " has no account in the target (out of scope, failed or unknown): manager left empty";
            } else if (!managerActive) {
                warning = "manager #" + managerLuccaId + " has left: manager left empty";
            } else {
                wanted = managerAccount;
            }
        }
        return new ManagerLink(luccaId, row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                managerLuccaId, row.getString(7), wanted, warning);
    }
}
