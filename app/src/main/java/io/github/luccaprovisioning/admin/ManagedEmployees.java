package io.github.luccaprovisioning.admin;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.List;
import java.util.Locale;

/**
 * The people the integration manages ({@code synced_employee}), searchable by employee number, name or email,
 * each with the error of their latest failed sync when it came after their last successful one.
 */
public final class ManagedEmployees {

    /** LIKE's escape character is '!': Jdbi's SQL parser reads a backslash before a quote as an escaped quote. */
    private static final String MATCHES = " WHERE (? IS NULL OR LOWER(employee_number) LIKE ? ESCAPE '!' "
            + "OR LOWER(display_name) LIKE ? ESCAPE '!' OR LOWER(user_name) LIKE ? ESCAPE '!')";

    private final Jdbi jdbi;

    public ManagedEmployees(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public EmployeesPage page(String query, String page, String size) {
        Paging paging = Paging.of(page, size, 50);
        String pattern = query == null || query.isBlank() ? null : "%" + escapeLike(query.trim().toLowerCase(Locale.ROOT)) + "%";
        return jdbi.withHandle(db -> {
            List<ManagedEmployee> employees = bindSearch(db.createQuery("SELECT e.lucca_id, e.employee_number, e.display_name, "
                    + "e.user_name, e.target_id, e.active, e.last_synced_at, (SELECT r.reason FROM run_error r WHERE r.lucca_id = e.lucca_id "
                    + "AND r.severity = 'ERROR' AND r.created_at > e.last_synced_at ORDER BY r.id DESC LIMIT 1) AS last_error "
                    + "FROM synced_employee e" + MATCHES + " ORDER BY e.display_name, e.lucca_id LIMIT ? OFFSET ?"), pattern)
                    .bind(4, paging.size()).bind(5, paging.offset())
                    .map((row, context) -> new ManagedEmployee(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getBoolean(6), RunHistory.time(row.getTimestamp(7)), row.getString(8)))
                    .list();
            long total = bindSearch(db.createQuery("SELECT COUNT(*) FROM synced_employee" + MATCHES), pattern).mapTo(long.class).one();
            return new EmployeesPage(paging.page(), paging.size(), total, employees);
        });
    }

    /** Binds the pattern to the search's four parameters, the first four. */
    private static <S extends SqlStatement<S>> S bindSearch(S statement, String pattern) {
        for (int i = 0; i < 4; i++) {
            statement.bind(i, pattern);
        }
        return statement;
    }

    /** A search for "50%" or "a_b" means those characters, not LIKE's wildcards. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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
