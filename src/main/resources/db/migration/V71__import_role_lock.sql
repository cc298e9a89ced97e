-- Serialises changes to one role across threads and replicas without holding a database
-- connection or transaction across the IAM calls: a lease row per role name.
CREATE TABLE import_role_lock (
    role_key      text        PRIMARY KEY,
    owner         text        NOT NULL,
    locked_until  timestamptz NOT NULL
);
