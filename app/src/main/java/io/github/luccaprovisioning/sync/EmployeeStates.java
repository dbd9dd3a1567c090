package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.scim.ScimUsers;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What the target confirmed for each Lucca employee ({@code synced_employee}): the account's id, whether it is
 * active, its manager link, and the change key of the last version the target accepted.
 */
public final class EmployeeStates {

    private static final String UPDATE_SYNCED = "UPDATE synced_employee SET target_id = ?, employee_number = ?, "
            + "user_name = ?, display_name = ?, active = ?, cost_center = ?, change_key = ?, manager_lucca_id = ?, "
            + "manager_target_id = ?, last_run_id = ?, last_synced_at = ?, last_seen_run_id = ? WHERE lucca_id = ?";
    private static final String INSERT_SYNCED = "INSERT INTO synced_employee (target_id, employee_number, user_name, "
            + "display_name, active, cost_center, change_key, manager_lucca_id, manager_target_id, last_run_id, "
            + "last_synced_at, last_seen_run_id, lucca_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbi jdbi;

    public EmployeeStates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The sync state of this Lucca employee, or null when the sync never dealt with them. */
    public Account accountOf(JsonNode luccaEmployee) {
        return jdbi.withHandle(db -> db.createQuery("SELECT target_id, active, manager_target_id FROM synced_employee WHERE lucca_id = ?")
                .bind(0, luccaEmployee.path("id").asText())
                .map((row, context) -> new Account(row.getString(1), row.getBoolean(2), row.getString(3)))
                .findFirst().orElse(null));
    }

    /**
     * The active account of this employee's manager, when the target already has it: a new account is created with
     * its manager then, and the second pass has nothing left to do for it.
     */
    public String managerAccountOf(JsonNode luccaEmployee) {
        JsonNode manager = luccaEmployee.path("manager").path("id");
        if (manager.isMissingNode() || manager.isNull() || manager.asText().equals(luccaEmployee.path("id").asText())) {
            return null;
        }
        return jdbi.withHandle(db -> db.createQuery(
                        "SELECT target_id FROM synced_employee WHERE lucca_id = ? AND active = TRUE AND target_id IS NOT NULL")
                .bind(0, manager.asText())
                .mapTo(String.class)
                .findFirst().orElse(null));
    }

    /**
     * The change key the target last confirmed for each of the page's employees the sync knows, by Lucca id: one
     * query for the page.
     */
    public Map<String, String> confirmedChangeKeys(JsonNode page) {
        Map<String, String> keys = new HashMap<>();
        if (page.isEmpty()) {
            return keys;
        }
        jdbi.useHandle(db -> bindIds(db.createQuery("SELECT lucca_id, change_key FROM synced_employee "
                        + "WHERE lucca_id IN (" + placeholders(page) + ")"), 0, page)
                .map((row, context) -> new String[]{row.getString(1), row.getString(2)})
                .forEach(key -> keys.put(key[0], key[1])));
        return keys;
    }

    /** Notes that this page of the Lucca read listed these employees: who is never listed in a complete read has left. */
    public void markSeen(SyncRun run, JsonNode page) {
        if (page.isEmpty()) {
            return;
        }
        // one statement for the page: a batch of one update per employee costs the database a statement each
        jdbi.useHandle(db -> bindIds(db.createUpdate("UPDATE synced_employee SET last_seen_run_id = ? WHERE lucca_id IN ("
                        + placeholders(page) + ")").bind(0, run.getId()), 1, page)
                .execute());
    }

    /** "?, ?, ?": one parameter per employee of the page. */
    private static String placeholders(JsonNode page) {
        return String.join(", ", Collections.nCopies(page.size(), "?"));
    }

    /** Binds the page's Lucca ids to the {@link #placeholders}, which start at parameter {@code first} (counted from 0). */
    private static <S extends SqlStatement<S>> S bindIds(S statement, int first, JsonNode page) {
        int parameter = first;
        for (JsonNode employee : page) {
            statement.bind(parameter++, employee.path("id").asText());
        }
        return statement;
    }

    /**
     * Records what the target just confirmed for an employee; called only after its success answer.
     *
     * @param known the state the sync had for them ({@link #accountOf}), null when it had none: their row is then
     *              inserted at once, rather than after an update that finds nothing (the first sync of a directory)
     */
    public void recordSynced(SyncRun run, JsonNode employee, Account known, ObjectNode scimUser, String targetId,
                             String changeKey) {
        JsonNode manager = employee.path("manager").path("id");
        String managerLuccaId = manager.isMissingNode() || manager.isNull() ? null : manager.asText();
        String managerTargetId = scimUser.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText(null);
        upsert(run, scimUser, targetId, scimUser.path("active").asBoolean(), changeKey, managerLuccaId, managerTargetId,
                known != null);
    }

    /** The cost center a user was given, when the mapping sends one. */
    private static String costCenterOf(ObjectNode scimUser) {
        return scimUser.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("costCenter").asText(null);
    }

    /**
     * Records what the target holds for a former employee the sync meets for the first time: no account, an
     * inactive one (nothing to do, ever again, until they change), or an active one left behind, which stays
     * recorded as active until its deactivation is applied.
     */
    public void recordFormerEmployee(SyncRun run, ObjectNode scimUser, JsonNode foundAccount, String changeKey) {
        Account active = Account.activeFound(foundAccount);
        String targetId = foundAccount == null ? null : ScimUsers.idOf(foundAccount);
        String recordedKey = active == null ? changeKey : "found:" + scimUser.path("externalId").asText();
        // only planned for someone the sync state does not know (ChangePlanner.Action.CHECK_LEAVER)
        upsert(run, scimUser, targetId, active != null, recordedKey, null, null, false);
    }

    /**
     * Inserts or updates the employee's row. A row expected to be missing is inserted first, and updated after all
     * when it turns out to be there (the same employee twice in a read whose pages shifted).
     */
    private void upsert(SyncRun run, ObjectNode scimUser, String targetId, boolean active, String changeKey,
                        String managerLuccaId, String managerTargetId, boolean rowExpected) {
        Object[] values = {
                targetId,
                scimUser.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("employeeNumber").asText(null),
                scimUser.path("userName").asText(),
                scimUser.path("displayName").asText(null),
                active,
                costCenterOf(scimUser),
                changeKey,
                managerLuccaId,
                managerTargetId,
                run.getId(),
                Timestamp.from(Instant.now()),
                run.getId(),
                scimUser.path("externalId").asText()
        };
        jdbi.useHandle(db -> {
            if (rowExpected) {
                if (db.execute(UPDATE_SYNCED, values) == 0) {
                    db.execute(INSERT_SYNCED, values);
                }
                return;
            }
            try {
                db.execute(INSERT_SYNCED, values);
            } catch (JdbiException alreadyThere) {
                // SQLState class 23: integrity constraint violation, here the primary key lucca_id
                String state = alreadyThere.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
                if (state == null || !state.startsWith("23")) {
                    throw alreadyThere;
                }
                db.execute(UPDATE_SYNCED, values);
            }
        });
    }

    /** Records a deactivation the target confirmed; a deleted account is forgotten, so a rehire gets a new one. */
    public void recordDeactivated(SyncRun run, PlannedDeactivation deactivation, boolean deleted) {
        jdbi.useHandle(db -> {
            if (deleted) {
                db.execute("DELETE FROM synced_employee WHERE lucca_id = ?", deactivation.luccaId());
            } else {
                String changeKey = deactivation.changeKey() == null ? "left:" + deactivation.luccaId() : deactivation.changeKey();
                db.execute("UPDATE synced_employee SET active = FALSE, change_key = ?, last_run_id = ?, last_synced_at = ? "
                        + "WHERE lucca_id = ?", changeKey, run.getId(), Timestamp.from(Instant.now()), deactivation.luccaId());
            }
            db.execute("UPDATE planned_deactivation SET status = 'APPLIED' WHERE run_id = ? AND lucca_id = ?",
                    deactivation.runId(), deactivation.luccaId());
        });
    }

    /** Records the manager account the target was just given. */
    public void recordManagerLinked(ManagerLink link) {
        jdbi.useHandle(db -> db.execute("UPDATE synced_employee SET manager_target_id = ? WHERE lucca_id = ?",
                link.wantedManagerTargetId(), link.luccaId()));
    }
}
