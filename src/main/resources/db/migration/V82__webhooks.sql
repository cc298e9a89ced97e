-- Webhook subscriptions and their deliveries. A delivery row is written by a trigger in the
-- same transaction as its event, so an event committed is an event delivered (at least
-- once), whatever happens to a replica afterwards.
CREATE TABLE webhook (
    id                          uuid        PRIMARY KEY,
    url                         text        NOT NULL,
    description                 text,
    event_types                 jsonb       NOT NULL DEFAULT '[]',
    application_id              text,
    role_events                 boolean     NOT NULL,
    secret                      text        NOT NULL,
    previous_secret             text,
    previous_secret_until       timestamptz,
    enabled                     boolean     NOT NULL DEFAULT true,
    disabled_reason             text,
    created_at                  timestamptz NOT NULL,
    created_by                  text        NOT NULL
);

CREATE TABLE webhook_delivery (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id        uuid        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id          bigint      NOT NULL REFERENCES event_outbox (id) ON DELETE CASCADE,
    event_type        text        NOT NULL,
    status            text        NOT NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    lease_owner       text,
    lease_until       timestamptz,
    last_attempt_at   timestamptz,
    last_status_code  integer,
    last_latency_ms   bigint,
    last_error        text,
    created_at        timestamptz NOT NULL,
    delivered_at      timestamptz,
    CONSTRAINT webhook_delivery_status CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT webhook_delivery_once UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, id);

-- Each new event becomes a delivery for every enabled webhook whose filters it passes.
CREATE FUNCTION webhook_fan_out() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_delivery (webhook_id, event_id, event_type, status, next_attempt_at, created_at)
    SELECT w.id, NEW.id, NEW.type, 'PENDING', NEW.occurred_at, NEW.occurred_at
    FROM webhook w
    WHERE w.enabled
      AND (jsonb_array_length(w.event_types) = 0 OR w.event_types ? NEW.type)
      AND (w.application_id IS NULL OR w.application_id = NEW.application_id)
      AND (w.role_events OR NEW.type NOT LIKE 'io.pinpointimport.import-role.%');
    RETURN NULL;
END $$;

CREATE TRIGGER webhook_fan_out AFTER INSERT ON event_outbox
    FOR EACH ROW EXECUTE FUNCTION webhook_fan_out();
