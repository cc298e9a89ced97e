-- How much of an import's files pre-flight validation reads (NONE, SAMPLE or FULL).
ALTER TABLE endpoint_import ADD COLUMN validation text NOT NULL DEFAULT 'SAMPLE';
