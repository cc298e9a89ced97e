-- The destination's conflict key of an import's latest attempt: submissions with equal
-- keys cannot be told apart in a job listing, so at most one of them is unresolved.
ALTER TABLE endpoint_import ADD COLUMN conflict_key text;

CREATE INDEX endpoint_import_unresolved ON endpoint_import (conflict_key)
    WHERE state = 'SUBMITTING' AND in_flight_since IS NOT NULL;

-- Jobs the destination has that no import owns: created outside the service, or a twin
-- created after its bounds were exceeded. Active ones count against the job limit.
CREATE TABLE orphan_job (
    application_id  text        NOT NULL,
    job_id          text        NOT NULL,
    job_status      text,
    s3_url          text,
    role_arn        text,
    format          text,
    created_at      timestamptz,
    first_seen_at   timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    ended_at        timestamptz,
    likely_twin_of  uuid,
    PRIMARY KEY (application_id, job_id)
);

CREATE INDEX orphan_job_active ON orphan_job (application_id) WHERE ended_at IS NULL;
