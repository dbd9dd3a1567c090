package io.github.luccaprovisioning.admin;

import io.github.luccaprovisioning.sync.SyncRun;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lucca webhook deliveries already synced ({@code lucca_webhook_delivery}): Lucca makes up to 5 attempts of a
 * delivery, and the same one is synced once. A delivery counts as handled only once its run completed with the
 * employee read and the target's confirmation of every write, so that a failed one is synced again by the next
 * attempt. Kept {@link #KEPT} days, well past Lucca's last attempt.
 */
public final class WebhookDeliveries {

    static final Duration KEPT = Duration.ofDays(30);
    /** The SQL state class of an integrity constraint violation: another replica recorded the delivery first. */
    private static final String CONSTRAINT_VIOLATION = "23";

    private final DataSource dataSource;

    public WebhookDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this delivery was synced already (a delivery without a key never counts as such). */
    public boolean handled(WebhookDelivery delivery) throws SQLException {
        if (delivery.key() == null) {
            return false;
        }
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT 1 FROM lucca_webhook_delivery WHERE delivery_key = ?")) {
            select.setString(1, delivery.key());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * After the delivery's run: records it as handled when the run completed, not as a dry run, with the employee
     * read from Lucca and no failure; otherwise leaves it for the next attempt.
     *
     * @return whether it was recorded
     */
    public boolean ended(WebhookDelivery delivery, SyncRun run) throws SQLException {
        boolean confirmed = run.getStatus() == SyncRun.Status.COMPLETED && !run.isDryRun() && run.getDirectory().isComplete();
        if (delivery.key() == null || !confirmed) {
            return false;
        }
        Instant now = Instant.now();
        try (Connection db = dataSource.getConnection();
             PreparedStatement prune = db.prepareStatement("DELETE FROM lucca_webhook_delivery WHERE handled_at < ?");
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO lucca_webhook_delivery (delivery_key, run_id, handled_at) VALUES (?, ?, ?)")) {
            prune.setTimestamp(1, Timestamp.from(now.minus(KEPT)));
            prune.executeUpdate();
            insert.setString(1, delivery.key());
            insert.setLong(2, run.getId());
            insert.setTimestamp(3, Timestamp.from(now));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(CONSTRAINT_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }
}
