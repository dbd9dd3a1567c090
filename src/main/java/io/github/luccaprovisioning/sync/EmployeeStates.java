package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.scim.ScimUserMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * What the target confirmed for each Lucca employee ({@code synced_employee}): its account id, whether it is
 * active, and the change key of the last version it accepted.
 */
public final class EmployeeStates {

    private final DataSource dataSource;

    public EmployeeStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The target's id of this user's account, or null when the target never confirmed one. */
    public String targetIdOf(ObjectNode scimUser) throws SQLException {
        String luccaId = scimUser.path("externalId").asText();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT target_id FROM synced_employee WHERE lucca_id = ?")) {
            select.setString(1, luccaId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** Records what the target just confirmed; called only after its success answer. */
    public void recordSynced(SyncRun run, ObjectNode scimUser, String targetId, String changeKey) throws SQLException {
        ObjectNode enterprise = (ObjectNode) scimUser.path(ScimUserMapper.ENTERPRISE_SCHEMA);
        Object[] values = {
                targetId,
                enterprise.path("employeeNumber").asText(null),
                scimUser.path("userName").asText(),
                scimUser.path("displayName").asText(null),
                scimUser.path("active").asBoolean(),
                changeKey,
                run.getId(),
                Timestamp.from(Instant.now()),
                scimUser.path("externalId").asText()
        };
        try (Connection db = dataSource.getConnection()) {
            int updated = execute(db, "UPDATE synced_employee SET target_id = ?, employee_number = ?, user_name = ?, "
                    + "display_name = ?, active = ?, change_key = ?, last_run_id = ?, last_synced_at = ? WHERE lucca_id = ?", values);
            if (updated == 0) {
                execute(db, "INSERT INTO synced_employee (target_id, employee_number, user_name, display_name, active, "
                        + "change_key, last_run_id, last_synced_at, lucca_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
        }
    }

    /**
     * Drops the idempotent keys of versions the target no longer holds, so the key table keeps one row per
     * employee instead of one per change ever made.
     */
    public int forgetOutdatedChangeKeys() throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement delete = db.createStatement()) {
            return delete.executeUpdate("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE NOT EXISTS "
                    + "(SELECT 1 FROM synced_employee e WHERE e.change_key = CAMEL_MESSAGEPROCESSED.messageId)");
        }
    }

    private static int execute(Connection db, String sql, Object[] values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }
}
