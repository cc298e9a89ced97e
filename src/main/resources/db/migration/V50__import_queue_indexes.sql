-- The queries the submitter and the pre-flight checks run before every step, which read
-- the whole backlog without these: with 34,000 imports queued each took 20-40 ms, and a
-- backlog drained at 30 imports/s, slower as it grew.

-- Imports holding a job slot: counted before each submission; in-doubt submissions among them.
CREATE INDEX endpoint_import_slots ON endpoint_import (seq)
    WHERE state = 'RUNNING' OR (state = 'SUBMITTING' AND in_flight_since IS NOT NULL);

-- Imports still waiting for their checks before submission, oldest first.
CREATE INDEX endpoint_import_unchecked ON endpoint_import (seq) WHERE state = 'QUEUED' AND NOT ready;
