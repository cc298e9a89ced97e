-- Audit trail: one row per authenticated mutating API call, whatever its outcome.
CREATE TABLE audit_record (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at      timestamptz   NOT NULL,
    caller           varchar(256)  NOT NULL,
    action           varchar(128)  NOT NULL,
    target           varchar(2048) NOT NULL,
    request_summary  jsonb         NOT NULL,
    status           integer       NOT NULL,
    problem_type     varchar(512),
    aws_request_ids  jsonb         NOT NULL DEFAULT '[]',
    duration_ms      bigint        NOT NULL
);

CREATE INDEX audit_record_caller ON audit_record (caller, id);
CREATE INDEX audit_record_action ON audit_record (action, id);
CREATE INDEX audit_record_target ON audit_record (target, id);
CREATE INDEX audit_record_occurred_at ON audit_record (occurred_at);
