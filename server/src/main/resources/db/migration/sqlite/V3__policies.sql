-- Canh Gác server schema, version 3 (SQLite): policies, their immutable revisions, assignments to
-- units and roles, signed bundles, and the bundle version each agent reports running.
-- Every time is epoch milliseconds, UTC. An absent optional value is NULL.

CREATE TABLE policies (
    name       TEXT    NOT NULL PRIMARY KEY,
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL
);

-- One row per publish. document is the YAML exactly as published; sha256 is over those bytes.
CREATE TABLE policy_revisions (
    policy_name TEXT    NOT NULL REFERENCES policies (name),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    document    BLOB    NOT NULL,
    sha256      TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    comment     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (policy_name, revision)
);

CREATE TRIGGER policy_revisions_no_update BEFORE UPDATE ON policy_revisions
BEGIN
    SELECT RAISE(ABORT, 'policy_revisions are immutable: publish a new revision');
END;

CREATE TRIGGER policy_revisions_no_delete BEFORE DELETE ON policy_revisions
BEGIN
    SELECT RAISE(ABORT, 'policy_revisions are immutable: publish a new revision');
END;

-- role NULL: every machine role of the unit. One assignment per (unit, role); the expression index
-- makes NULL count as one value, which a plain UNIQUE constraint would not.
CREATE TABLE policy_assignments (
    unit        TEXT    NOT NULL REFERENCES units (name),
    role        TEXT,
    policy_name TEXT    NOT NULL REFERENCES policies (name),
    assigned_by TEXT    NOT NULL,
    assigned_at INTEGER NOT NULL
);

CREATE UNIQUE INDEX policy_assignments_unit_role ON policy_assignments (unit, coalesce(role, ''));

-- version is the server-wide bundle serial agents compare: AUTOINCREMENT never hands one out twice.
-- A revision may have several bundles (re-signed with a higher version for agents that run a newer one).
CREATE TABLE policy_bundles (
    version             INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_name         TEXT    NOT NULL,
    revision            INTEGER NOT NULL,
    issued_at           INTEGER NOT NULL,
    ed25519_signature   BLOB    NOT NULL,
    ml_dsa_65_signature BLOB    NOT NULL,
    FOREIGN KEY (policy_name, revision) REFERENCES policy_revisions (policy_name, revision)
);

CREATE INDEX policy_bundles_revision ON policy_bundles (policy_name, revision, version);

-- What the agent last reported running (hello or policy status); 0: no bundle from this server.
ALTER TABLE agents ADD COLUMN policy_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN policy_reported_at INTEGER;
