package io.github.luccaprovisioning.admin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The people the integration manages ({@code synced_employee}), searchable by employee number, name or email,
 * each with the error of their latest failed sync when it came after their last successful one.
 */
public final class ManagedEmployees {

    private static final String MATCHES = " WHERE (? IS NULL OR LOWER(employee_number) LIKE ? ESCAPE '\\' "
            + "OR LOWER(display_name) LIKE ? ESCAPE '\\' OR LOWER(user_name) LIKE ? ESCAPE '\\')";

    private final DataSource dataSource;

    public ManagedEmployees(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public EmployeesPage page(String query, String page, String size) throws SQLException {
        Paging paging = Paging.of(page, size, 50);
        String pattern = query == null || query.isBlank() ? null : "%" + escapeLike(query.trim().toLowerCase(Locale.ROOT)) + "%";
        List<ManagedEmployee> employees = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT e.lucca_id, e.employee_number, e.display_name, e.user_name, "
                     + "e.target_id, e.active, e.last_synced_at, (SELECT r.reason FROM run_error r WHERE r.lucca_id = e.lucca_id "
                     + "AND r.severity = 'ERROR' AND r.created_at > e.last_synced_at ORDER BY r.id DESC LIMIT 1) AS last_error "
                     + "FROM synced_employee e" + MATCHES + " ORDER BY e.display_name, e.lucca_id LIMIT ? OFFSET ?")) {
            int next = bindSearch(select, pattern);
            select.setInt(next++, paging.size());
            select.setInt(next, paging.offset());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    employees.add(new ManagedEmployee(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getBoolean(6), RunHistory.time(row.getTimestamp(7)), row.getString(8)));
                }
            }
            return new EmployeesPage(paging.page(), paging.size(), count(db, pattern), employees);
        }
    }

    private static long count(Connection db, String pattern) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT COUNT(*) FROM synced_employee" + MATCHES)) {
            bindSearch(select, pattern);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** @return the next parameter's index */
    private static int bindSearch(PreparedStatement statement, String pattern) throws SQLException {
        for (int i = 1; i <= 4; i++) {
            statement.setString(i, pattern);
        }
        return 5;
    }

    /** A search for "50%" or "a_b" means those characters, not LIKE's wildcards. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * @param targetId  the account in the target; null for a former employee the sync found no account for
     * @param lastError why their latest sync failed, when it failed after their last successful one; else null
     */
    public record ManagedEmployee(String luccaId, String employeeNumber, String name, String email, String targetId,
                                  boolean active, String lastSyncedAt, String lastError) {
    }

    public record EmployeesPage(int page, int size, long total, List<ManagedEmployee> employees) {
    }
}
