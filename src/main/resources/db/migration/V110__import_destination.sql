-- Where an import goes: Amazon Pinpoint (as before) or Amazon Connect Customer Profiles.
-- A Customer Profiles import has no role and no segment; its settings (domain, field
-- mapping, unique key, data expiry) are one JSON document, and its job reports record
-- counts instead of pieces and failure lines.
ALTER TABLE endpoint_import ADD COLUMN destination text NOT NULL DEFAULT 'PINPOINT';
ALTER TABLE endpoint_import ADD COLUMN customer_profiles jsonb;
ALTER TABLE endpoint_import ADD COLUMN created_records bigint;
ALTER TABLE endpoint_import ADD COLUMN updated_records bigint;
ALTER TABLE endpoint_import ADD COLUMN failed_records bigint;
ALTER TABLE endpoint_import ALTER COLUMN role_arn DROP NOT NULL;
ALTER TABLE endpoint_import DROP CONSTRAINT endpoint_import_one_segment;
ALTER TABLE endpoint_import ADD CONSTRAINT endpoint_import_target CHECK (
    (destination = 'PINPOINT' AND role_arn IS NOT NULL AND customer_profiles IS NULL
        AND (segment_name IS NULL) <> (segment_id IS NULL))
    OR (destination = 'CUSTOMER_PROFILES' AND customer_profiles IS NOT NULL
        AND segment_name IS NULL AND segment_id IS NULL));
CREATE INDEX endpoint_import_destination ON endpoint_import (destination, seq);
