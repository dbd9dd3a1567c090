package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.scim.BulkAnswer;
import io.github.luccaprovisioning.scim.BulkOutcome;
import io.github.luccaprovisioning.scim.BulkWrite;
import io.github.luccaprovisioning.scim.ScimUsers;
import io.github.luccaprovisioning.sync.SyncRun;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final String UPDATE_MANAGER_LINKED = "UPDATE synced_employee SET manager_target_id = ? WHERE lucca_id = ?";

    /** The Lucca ids one statement takes at the most (groups). */
    private static final int IDS_PER_STATEMENT = 100;

    private final Jdbi jdbi;

    public EmployeeStates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The active account this employee's manager got earlier in this run, one call at a time, or null: a new account
     * is created with its manager then, and the second pass has nothing left to do for it. The accounts of earlier
     * runs, and of a page written in bulk, are in the page's read ({@link #accountsOf}).
     */
    public String managerAccountOf(SyncRun run, JsonNode luccaEmployee) {
        String manager = managerIdOf(luccaEmployee);
        return manager == null ? null : run.accountRecordedFor(manager);
    }

    /** The Lucca id of the employee's manager, or null when they have none, or manage themselves. */
    private static String managerIdOf(JsonNode luccaEmployee) {
        JsonNode manager = luccaEmployee.path("manager").path("id");
        if (manager.isMissingNode() || manager.isNull() || manager.asText().equals(luccaEmployee.path("id").asText())) {
            return null;
        }
        return manager.asText();
    }

    /**
     * What the sync state holds for the page's employees it knows, the change key the target last confirmed and the
     * account, and their managers' active accounts: a query for each hundred of them (groups), where planning each
     * employee would ask for their own row, and creating each their manager's.
     */
    public PageAccounts accountsOf(JsonNode page) {
        Map<String, String> changeKeys = new HashMap<>();
        Map<String, Account> accounts = new HashMap<>();
        Map<String, String> managerAccounts = new HashMap<>();
        if (page.isEmpty()) {
            return new PageAccounts(changeKeys, accounts, managerAccounts);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode employee : page) {
            ids.add(employee.path("id").asText());
            String manager = managerIdOf(employee);
            if (manager != null) {
                ids.add(manager);
            }
        }
        jdbi.useHandle(db -> {
            for (List<String> group : groups(ids)) {
                bindIds(db.createQuery("SELECT lucca_id, change_key, target_id, active, manager_target_id "
                                + "FROM synced_employee WHERE lucca_id IN (" + placeholders(group.size()) + ")"), 0, group)
                        .map((row, context) -> new StoredRow(row.getString(1), row.getString(2),
                                new Account(row.getString(3), row.getBoolean(4), row.getString(5))))
                        .forEach(stored -> {
                            changeKeys.put(stored.luccaId(), stored.changeKey());
                            accounts.put(stored.luccaId(), stored.account());
                        });
            }
        });
        for (JsonNode employee : page) {
            Account manager = accounts.get(managerIdOf(employee));
            if (manager != null && manager.active() && manager.targetId() != null) {
                managerAccounts.put(employee.path("id").asText(), manager.targetId());
            }
        }
        return new PageAccounts(changeKeys, accounts, managerAccounts);
    }

    /** An employee's row as {@link #accountsOf} reads it. */
    private record StoredRow(String luccaId, String changeKey, Account account) {
    }

    /** Notes that this page of the Lucca read listed these employees: who is never listed in a complete read has left. */
    public void markSeen(SyncRun run, JsonNode page) {
        if (page.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(page.size());
        page.forEach(employee -> ids.add(employee.path("id").asText()));
        // one statement for each group of the page, in one transaction: a batch of one update per employee costs the
        // database a statement each
        jdbi.useTransaction(db -> {
            for (List<String> group : groups(ids)) {
                bindIds(db.createUpdate("UPDATE synced_employee SET last_seen_run_id = ? WHERE lucca_id IN ("
                        + placeholders(group.size()) + ")").bind(0, run.getId()), 1, group).execute();
            }
        });
    }

    /**
     * The ids in groups of at most {@link #IDS_PER_STATEMENT}, one statement each: H2's time for an IN list grows with
     * the square of its length (2,000 ids: 40 to 70 ms in one statement, 8 ms in groups of 100).
     */
    private static List<List<String>> groups(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> groups = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
            groups.add(all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT)));
        }
        return groups;
    }

    /** "?, ?, ?": one parameter per Lucca id. */
    private static String placeholders(int ids) {
        return String.join(", ", Collections.nCopies(ids, "?"));
    }

    /** Binds the Lucca ids to the {@link #placeholders}, which start at parameter {@code first} (counted from 0). */
    private static <S extends SqlStatement<S>> S bindIds(S statement, int first, Collection<String> ids) {
        int parameter = first;
        for (String id : ids) {
            statement.bind(parameter++, id);
        }
        return statement;
    }

    /**
     * Records what the target just confirmed for an employee; called only after its success answer.
     *
     * @param known the state the sync had for them ({@link #accountsOf}), null when it had none: their row is then
     *              inserted at once, rather than after an update that finds nothing (the first sync of a directory)
     */
    public void recordSynced(SyncRun run, JsonNode employee, Account known, ObjectNode scimUser, String targetId,
                             String changeKey) {
        jdbi.useHandle(db -> upsert(db, syncedValues(run, employee, scimUser, targetId, changeKey), known != null));
        if (targetId != null && scimUser.path("active").asBoolean()) {
            run.accountRecorded(employee.path("id").asText(), targetId);
        }
    }

    /**
     * Records what the target confirmed in one bulk answer, as {@link #recordSynced} and {@link #recordManagerLinked}
     * do after a single call: one batch of statements for the whole answer, in one transaction, where each employee
     * would cost a statement and a commit of their own.
     *
     * @param synced         the creations and replacements the answer confirmed ({@link BulkAnswer#synced()})
     * @param managersLinked the manager links it confirmed ({@link BulkAnswer#managersLinked()})
     */
    public void recordSyncedInBulk(SyncRun run, List<BulkOutcome> synced, List<ManagerLink> managersLinked) {
        if (synced.isEmpty() && managersLinked.isEmpty()) {
            return;
        }
        List<Object[]> links = managersLinked.stream()
                .map(link -> new Object[]{link.wantedManagerTargetId(), link.luccaId()}).toList();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> known = new ArrayList<>();
        List<Object[]> unknown = new ArrayList<>();
        for (BulkOutcome confirmed : synced) {
            BulkWrite write = confirmed.write();
            Object[] values = syncedValues(run, write.employee(), write.scimUser(), confirmed.targetId(), write.changeKey());
            rows.add(values);
            (write.account() != null ? known : unknown).add(values);
        }
        jdbi.useHandle(db -> {
            try {
                db.useTransaction(transaction -> {
                    int[] updated = executeBatch(transaction, UPDATE_SYNCED, known);
                    for (int i = 0; i < updated.length; i++) {
                        if (updated[i] == 0) {
                            unknown.add(known.get(i));
                        }
                    }
                    executeBatch(transaction, INSERT_SYNCED, unknown);
                    executeBatch(transaction, UPDATE_MANAGER_LINKED, links);
                });
            } catch (JdbiException failed) {
                // rolled back
                if (!IntegrityConstraint.violatedBy(failed)) {
                    throw failed;
                }
                // a row expected to be missing was there (the same employee twice in a read whose pages shifted):
                // row by row then, each updated when it is there
                for (Object[] values : rows) {
                    upsert(db, values, true);
                }
                for (Object[] values : links) {
                    db.execute(UPDATE_MANAGER_LINKED, values);
                }
            }
        });
    }

    /** The columns of an employee's row (UPDATE_SYNCED, INSERT_SYNCED) after the target confirmed their user. */
    private static Object[] syncedValues(SyncRun run, JsonNode employee, ObjectNode scimUser, String targetId, String changeKey) {
        JsonNode manager = employee.path("manager").path("id");
        String managerLuccaId = manager.isMissingNode() || manager.isNull() ? null : manager.asText();
        String managerTargetId = scimUser.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText(null);
        return values(run, scimUser, targetId, scimUser.path("active").asBoolean(), changeKey, managerLuccaId, managerTargetId);
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
        jdbi.useHandle(db -> upsert(db, values(run, scimUser, targetId, active != null, recordedKey, null, null), false));
    }

    private static Object[] values(SyncRun run, ObjectNode scimUser, String targetId, boolean active, String changeKey,
                                   String managerLuccaId, String managerTargetId) {
        return new Object[]{
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
    }

    /**
     * Inserts or updates the employee's row. A row expected to be missing is inserted first, and updated after all
     * when it turns out to be there (the same employee twice in a read whose pages shifted).
     */
    private static void upsert(Handle db, Object[] values, boolean rowExpected) {
        if (rowExpected) {
            if (db.execute(UPDATE_SYNCED, values) == 0) {
                db.execute(INSERT_SYNCED, values);
            }
            return;
        }
        try {
            db.execute(INSERT_SYNCED, values);
        } catch (JdbiException alreadyThere) {
            if (!IntegrityConstraint.violatedBy(alreadyThere)) {
                throw alreadyThere;
            }
            db.execute(UPDATE_SYNCED, values);
        }
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
        jdbi.useHandle(db -> db.execute(UPDATE_MANAGER_LINKED, link.wantedManagerTargetId(), link.luccaId()));
    }

    /** One JDBC batch of the statement, a set of values a row. */
    private static int[] executeBatch(Handle db, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        PreparedBatch batch = db.prepareBatch(sql);
        for (Object[] values : rows) {
            for (int i = 0; i < values.length; i++) {
                batch.bind(i, values[i]);
            }
            batch.add();
        }
        return batch.execute();
    }
}
