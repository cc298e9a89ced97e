-- A job that completed with failed endpoints is a partial success, not a clean one.
ALTER TABLE endpoint_import DROP CONSTRAINT endpoint_import_state;
ALTER TABLE endpoint_import ADD CONSTRAINT endpoint_import_state
    CHECK (state IN ('QUEUED', 'SUBMITTING', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_SUCCEEDED', 'FAILED', 'CANCELLED'));
