-- synced_employee.change_key is the only record of the version the target confirmed (read per Lucca page, by
-- lucca_id): Camel's idempotent repository, which kept a copy every run had to reconcile, is gone, and so is the
-- index that reconciliation needed.
DROP TABLE CAMEL_MESSAGEPROCESSED;
DROP INDEX synced_employee_by_change_key;
