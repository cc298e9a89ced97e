-- Imports: one row per import request, with its submission bookkeeping and the
-- destination job as last observed.
CREATE TABLE endpoint_import (
    id                  uuid PRIMARY KEY,
    seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    application_id      text        NOT NULL,
    s3_url              text        NOT NULL,
    format              text        NOT NULL,
    segment_name        text,
    segment_id          text,
    register_endpoints  boolean     NOT NULL,
    role_name           text,
    role_arn            text        NOT NULL,
    state               text        NOT NULL,
    ready               boolean     NOT NULL,
    requested_by        text        NOT NULL,
    idempotency_key     text,
    request_hash        text        NOT NULL,
    created_at          timestamptz NOT NULL,
    submitted_at        timestamptz,
    completed_at        timestamptz,
    -- submission bookkeeping
    run                 integer     NOT NULL DEFAULT 1,
    attempt_count       integer     NOT NULL DEFAULT 0,
    retry_count         integer     NOT NULL DEFAULT 0,
    in_flight_since     timestamptz,
    next_attempt_at     timestamptz,
    role_refused_since  timestamptz,
    -- the replica that owns the current step (submission, reconciliation or polling)
    lease_owner         text,
    lease_until         timestamptz,
    -- the destination job
    job_id              text,
    job_status          text,
    job_segment_id      text,
    total_pieces        integer,
    completed_pieces    integer,
    failed_pieces       integer,
    total_processed     integer,
    total_failures      integer,
    failures            jsonb,
    job_created_at      timestamptz,
    observed_at         timestamptz,
    next_poll_at        timestamptz,
    error               jsonb,
    CONSTRAINT endpoint_import_state CHECK (state IN ('QUEUED', 'SUBMITTING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT endpoint_import_one_segment CHECK ((segment_name IS NULL) <> (segment_id IS NULL)),
    CONSTRAINT endpoint_import_idempotency UNIQUE (requested_by, idempotency_key),
    -- a destination job belongs to at most one import, even when two replicas reconcile
    CONSTRAINT endpoint_import_job UNIQUE (application_id, job_id)
);

CREATE INDEX endpoint_import_pending ON endpoint_import (seq) WHERE state IN ('QUEUED', 'SUBMITTING');
CREATE INDEX endpoint_import_running ON endpoint_import (next_poll_at) WHERE state = 'RUNNING';
CREATE INDEX endpoint_import_application ON endpoint_import (application_id, seq);
CREATE INDEX endpoint_import_role ON endpoint_import (role_arn) WHERE state IN ('QUEUED', 'SUBMITTING', 'RUNNING');

CREATE TABLE endpoint_import_attempt (
    import_id    uuid        NOT NULL REFERENCES endpoint_import (id) ON DELETE CASCADE,
    number       integer     NOT NULL,
    run          integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    outcome      text        NOT NULL,
    job_id       text,
    job_status   text,
    message      text,
    error_code   text,
    request_id   text,
    PRIMARY KEY (import_id, number)
);
