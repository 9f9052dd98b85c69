-- Canh Gác server schema, version 2 (SQLite): the unit tree, accounts, sessions and the audit log.
-- Every time is epoch milliseconds, UTC. An absent optional value is NULL.

-- Units form a tree by name: tokens and agents already name their unit, so the name stays the key.
-- Units of version 1 become roots. A unit's parent is set when it is created and never changes,
-- so the tree cannot grow a cycle.
ALTER TABLE units ADD COLUMN parent TEXT REFERENCES units (name);

CREATE INDEX units_parent ON units (parent);

-- Server accounts. password_hash is an Argon2id string ($argon2id$v=19$m=...,t=...,p=...$salt$hash);
-- totp_secret is the RFC 6238 shared secret, which the server must hold in clear to check codes.
CREATE TABLE accounts (
    username        TEXT    NOT NULL PRIMARY KEY,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'security-officer', 'inspector')),
    password_hash   TEXT    NOT NULL,
    totp_secret     BLOB    NOT NULL,
    -- The last TOTP time step accepted: a code is good once, never replayed.
    totp_last_step  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    -- Failed logins counted within a window that starts at the first failure.
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    failures_since  INTEGER,
    locked_at       INTEGER,
    lock_reason     TEXT,
    last_login_at   INTEGER,
    CHECK ((locked_at IS NULL) = (lock_reason IS NULL))
);

-- The units an officer or inspector may see, each with its sub-units. Admins have none: they see all.
CREATE TABLE account_units (
    username TEXT NOT NULL REFERENCES accounts (username),
    unit     TEXT NOT NULL REFERENCES units (name),
    PRIMARY KEY (username, unit)
);

-- One-time recovery codes, SHA-256 of the code (80 random bits: nothing to guess, as for tokens).
CREATE TABLE recovery_codes (
    username  TEXT    NOT NULL REFERENCES accounts (username),
    code_hash TEXT    NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (username, code_hash)
);

-- Bearer sessions; only the SHA-256 of the token is kept.
CREATE TABLE sessions (
    token_hash   TEXT    NOT NULL PRIMARY KEY,
    username     TEXT    NOT NULL REFERENCES accounts (username),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ended_at     INTEGER
);

CREATE INDEX sessions_username ON sessions (username);

-- The hash-chained audit log: hash = SHA-256 over (seq, at, actor, action, target, details, prev_hash),
-- see AuditEntry.chainHash. The triggers keep the server itself from ever changing a row; they do
-- not stop someone holding the file, which is what `canhgacctl audit verify` is for.
CREATE TABLE audit_log (
    seq       INTEGER NOT NULL PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    details   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
