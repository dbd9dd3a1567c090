-- Version 2: what the admin API looks up. The last error of each managed employee is found by Lucca id.
CREATE INDEX run_error_by_lucca_id ON run_error (lucca_id, id);
