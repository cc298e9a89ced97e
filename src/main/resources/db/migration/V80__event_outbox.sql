-- Events outbox: one row per change of an import or an import role, written by triggers in
-- the same transaction as the change, so an event is never missed nor invented.
CREATE SEQUENCE event_outbox_id;

CREATE TABLE event_outbox (
    id              bigint      PRIMARY KEY,
    type            text        NOT NULL,
    subject         text        NOT NULL,
    import_id       uuid,
    application_id  text,
    role_name       text,
    occurred_at     timestamptz NOT NULL,
    data            jsonb       NOT NULL
);

CREATE INDEX event_outbox_occurred_at ON event_outbox (occurred_at);
CREATE INDEX event_outbox_import ON event_outbox (import_id, id) WHERE import_id IS NOT NULL;

-- Appends one event and wakes the listeners. The transaction-scoped lock makes ids follow
-- commit order: a transaction takes its id only after every earlier writer committed, so a
-- reader that saw id N can never later see a smaller one (the stream has no gaps).
CREATE FUNCTION event_outbox_append(p_type text, p_subject text, p_import_id uuid, p_application_id text,
                                    p_role_name text, p_data jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    event_id bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('pinpoint-import.event-outbox'));
    event_id := nextval('event_outbox_id');
    INSERT INTO event_outbox (id, type, subject, import_id, application_id, role_name, occurred_at, data)
    VALUES (event_id, p_type, p_subject, p_import_id, p_application_id, p_role_name, clock_timestamp(), p_data);
    PERFORM pg_notify('pinpoint_import_events', event_id::text);
    RETURN event_id;
END $$;

CREATE FUNCTION event_timestamp(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- An import was stored, changed state, or its job's counters moved.
CREATE FUNCTION endpoint_import_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    event_type text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        event_type := 'submitted';
    ELSIF NEW.state IS DISTINCT FROM OLD.state THEN
        event_type := CASE NEW.state
            WHEN 'QUEUED' THEN 'requeued'
            WHEN 'SUBMITTING' THEN 'submitting'
            WHEN 'RUNNING' THEN 'started'
            WHEN 'SUCCEEDED' THEN 'succeeded'
            WHEN 'PARTIALLY_SUCCEEDED' THEN 'partially-succeeded'
            WHEN 'FAILED' THEN 'failed'
            WHEN 'CANCELLED' THEN 'cancelled'
            ELSE lower(NEW.state) END;
    ELSIF (NEW.job_status, NEW.total_pieces, NEW.completed_pieces, NEW.failed_pieces, NEW.total_processed,
           NEW.total_failures)
          IS DISTINCT FROM (OLD.job_status, OLD.total_pieces, OLD.completed_pieces, OLD.failed_pieces,
           OLD.total_processed, OLD.total_failures) THEN
        event_type := 'progressed';
    ELSE
        RETURN NULL;
    END IF;
    PERFORM event_outbox_append('io.pinpointimport.import.' || event_type, NEW.id::text, NEW.id, NEW.application_id,
        NULL, jsonb_strip_nulls(jsonb_build_object(
            'id', NEW.id,
            'applicationId', NEW.application_id,
            'segmentName', NEW.segment_name,
            'segmentId', coalesce(NEW.segment_id, NEW.job_segment_id),
            'state', NEW.state,
            'previousState', CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END,
            'run', NEW.run,
            'attempts', NEW.attempt_count,
            'jobId', NEW.job_id,
            'jobStatus', NEW.job_status,
            'totalPieces', NEW.total_pieces,
            'completedPieces', NEW.completed_pieces,
            'failedPieces', NEW.failed_pieces,
            'totalProcessed', NEW.total_processed,
            'totalFailures', NEW.total_failures,
            'error', NEW.error,
            'requestedBy', NEW.requested_by,
            'createdAt', event_timestamp(NEW.created_at),
            'submittedAt', event_timestamp(NEW.submitted_at),
            'completedAt', event_timestamp(NEW.completed_at))));
    RETURN NULL;
END $$;

CREATE TRIGGER endpoint_import_event AFTER INSERT OR UPDATE ON endpoint_import
    FOR EACH ROW EXECUTE FUNCTION endpoint_import_event();

-- A change request for an import role ended: created, repaired (IAM changed) or deleted.
CREATE FUNCTION import_role_change_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    event_type text;
BEGIN
    event_type := CASE NEW.outcome
        WHEN 'CREATED' THEN 'created'
        WHEN 'UPDATED' THEN 'repaired'
        WHEN 'DELETED' THEN 'deleted'
        END;
    IF event_type IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM event_outbox_append('io.pinpointimport.import-role.' || event_type, NEW.role_name, NULL,
        NEW.declaration ->> 'applicationId', NEW.role_name, jsonb_strip_nulls(jsonb_build_object(
            'roleName', NEW.role_name,
            'applicationId', NEW.declaration ->> 'applicationId',
            'request', NEW.request,
            'outcome', NEW.outcome,
            'caller', NEW.caller,
            'iamCalls', jsonb_array_length(NEW.iam_calls),
            'recordedAt', event_timestamp(NEW.recorded_at))));
    RETURN NULL;
END $$;

CREATE TRIGGER import_role_change_event AFTER INSERT ON import_role_change
    FOR EACH ROW EXECUTE FUNCTION import_role_change_event();
