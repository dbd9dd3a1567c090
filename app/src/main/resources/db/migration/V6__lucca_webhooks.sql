-- Version 6: near-real-time sync from Lucca webhooks (POST /webhooks/lucca). A webhook run syncs one employee:
-- the history shows which one.
ALTER TABLE sync_run ADD COLUMN lucca_id VARCHAR(64);

-- The deliveries whose sync the target confirmed, so that Lucca's repeated attempts of the same delivery (up to 5)
-- sync the employee once; a delivery whose sync failed is not here, and the next attempt syncs again. Kept 30 days.
CREATE TABLE lucca_webhook_delivery (
    delivery_key VARCHAR(255) NOT NULL PRIMARY KEY,
    run_id       BIGINT       NOT NULL,
    handled_at   TIMESTAMP    NOT NULL
);
CREATE INDEX lucca_webhook_delivery_by_time ON lucca_webhook_delivery (handled_at);
