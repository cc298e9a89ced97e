-- Imports whose checks are done and that wait to be submitted, oldest first: what the
-- submitter claims, and what the poller asks about ("does an import wait for a slot?")
-- on every tick.
CREATE INDEX endpoint_import_ready ON endpoint_import (seq)
    WHERE ready AND (state = 'QUEUED' OR (state = 'SUBMITTING' AND in_flight_since IS NULL));
