-- Import roles this service manages: the declaration (desired state) and what IAM answered.
CREATE TABLE import_role (
	role_name                varchar(64)   PRIMARY KEY,
	application_id           varchar(64),
	access                   varchar(32)   NOT NULL,
	s3_locations             jsonb         NOT NULL DEFAULT '[]',
	kms_key_arns             jsonb         NOT NULL DEFAULT '[]',
	description              varchar(1000),
	tags                     jsonb         NOT NULL DEFAULT '{}',
	path                     varchar(512)  NOT NULL,
	permissions_boundary_arn varchar(2048),
	arn                      varchar(2048),
	role_id                  varchar(128),
	adopted                  boolean       NOT NULL DEFAULT false,
	iam_created_at           timestamptz,
	declared_at              timestamptz   NOT NULL,
	declared_by              varchar(256)  NOT NULL,
	last_changed_at          timestamptz
);

-- IAM role names are unique regardless of letter case.
CREATE UNIQUE INDEX import_role_name_ci ON import_role (lower(role_name));

-- Every change request for an import role: who, what, the IAM calls made with their AWS
-- request ids, and the result.
CREATE TABLE import_role_change (
	id          bigserial     PRIMARY KEY,
	role_name   varchar(64)   NOT NULL,
	request     varchar(16)   NOT NULL,
	caller      varchar(256)  NOT NULL,
	declaration jsonb,
	iam_calls   jsonb         NOT NULL DEFAULT '[]',
	outcome     varchar(16)   NOT NULL,
	error       jsonb,
	recorded_at timestamptz   NOT NULL
);

CREATE INDEX import_role_change_role ON import_role_change (lower(role_name), recorded_at);
