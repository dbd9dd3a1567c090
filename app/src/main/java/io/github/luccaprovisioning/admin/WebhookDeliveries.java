package io.github.luccaprovisioning.admin;

import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.state.IntegrityConstraint;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lucca webhook deliveries already synced ({@code lucca_webhook_delivery}): Lucca makes up to 5 attempts of a
 * delivery, and the same one is synced once. A delivery counts as handled only once its run completed with the
 * employee read and the target's confirmation of every write, so that an attempt of a delivery whose sync failed is
 * synced again, not taken for a duplicate (Lucca attempts again only when our 202 did not reach it; a sync that
 * fails after the 202 is left to the next full run). Kept {@link #KEPT} days, well past Lucca's last attempt.
 */
public final class WebhookDeliveries {

    static final Duration KEPT = Duration.ofDays(30);

    private final Jdbi jdbi;

    public WebhookDeliveries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether this delivery was synced already (a delivery without a key never counts as such). */
    public boolean handled(WebhookDelivery delivery) {
        if (delivery.key() == null) {
            return false;
        }
        return jdbi.withHandle(db -> db.createQuery("SELECT 1 FROM lucca_webhook_delivery WHERE delivery_key = ?")
                .bind(0, delivery.key()).mapTo(int.class).findFirst()).isPresent();
    }

    /**
     * After the delivery's run: records it as handled when the run completed, not as a dry run, with the employee
     * read from Lucca and no failure; otherwise leaves it for the next attempt.
     *
     * @return whether it was recorded
     */
    public boolean ended(WebhookDelivery delivery, SyncRun run) {
        boolean confirmed = run.getStatus() == SyncRun.Status.COMPLETED && !run.isDryRun() && run.getDirectory().isComplete();
        if (delivery.key() == null || !confirmed) {
            return false;
        }
        Instant now = Instant.now();
        try {
            jdbi.useHandle(db -> {
                db.execute("DELETE FROM lucca_webhook_delivery WHERE handled_at < ?", Timestamp.from(now.minus(KEPT)));
                db.execute("INSERT INTO lucca_webhook_delivery (delivery_key, run_id, handled_at) VALUES (?, ?, ?)",
                        delivery.key(), run.getId(), Timestamp.from(now));
            });
            return true;
        } catch (JdbiException e) {
            // another replica recorded the delivery first
            if (IntegrityConstraint.violatedBy(e)) {
                return false;
            }
            throw e;
        }
    }
}
