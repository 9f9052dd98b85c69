-- Canh Gác server schema, version 1 (SQLite).
-- Every time is epoch milliseconds, UTC. An absent optional value is NULL.

CREATE TABLE units (
    name       TEXT    NOT NULL PRIMARY KEY,
    created_at INTEGER NOT NULL
);

CREATE TABLE enrollment_tokens (
    id               TEXT    NOT NULL PRIMARY KEY,
    secret_hash      TEXT    NOT NULL UNIQUE,
    unit             TEXT    NOT NULL REFERENCES units (name),
    role             TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    used_at          INTEGER,
    -- No foreign key: the token is redeemed before the agent row exists.
    used_by_agent_id TEXT,
    revoked_at       INTEGER,
    CHECK (used_at IS NULL OR revoked_at IS NULL),
    CHECK ((used_at IS NULL) = (used_by_agent_id IS NULL))
);

CREATE TABLE agents (
    id                    TEXT    NOT NULL PRIMARY KEY,
    unit                  TEXT    NOT NULL REFERENCES units (name),
    role                  TEXT    NOT NULL,
    certificate_serial    TEXT    NOT NULL,
    certificate_not_after INTEGER NOT NULL,
    enrolled_at           INTEGER NOT NULL,
    last_seen_at          INTEGER,
    -- Facts arrive with the first hello; hostname NOT NULL means all of them are present.
    hostname              TEXT,
    os_name               TEXT,
    os_version            TEXT,
    kernel                TEXT,
    architecture          TEXT,
    agent_version         TEXT,
    revoked_at            INTEGER,
    highest_sequence      INTEGER NOT NULL DEFAULT 0,
    dropped_events_total  INTEGER NOT NULL DEFAULT 0,
    outbox_backlog        INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX agents_unit ON agents (unit);

CREATE TABLE certificates (
    serial     TEXT    NOT NULL PRIMARY KEY,
    agent_id   TEXT    NOT NULL REFERENCES agents (id),
    not_before INTEGER NOT NULL,
    not_after  INTEGER NOT NULL,
    der        BLOB    NOT NULL,
    revoked_at INTEGER
);

CREATE INDEX certificates_agent ON certificates (agent_id);

-- AUTOINCREMENT so that an id is never handed out twice, even after old events are deleted:
-- exporters page through events by id and must never see an id go backwards.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id    TEXT    NOT NULL REFERENCES agents (id),
    sequence    INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    severity    INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 5),
    payload     TEXT    NOT NULL,
    -- Exactly-once storage: a redelivered (agent, sequence) pair is ignored by INSERT OR IGNORE.
    UNIQUE (agent_id, sequence)
);

CREATE INDEX events_agent_occurred ON events (agent_id, occurred_at);

CREATE TABLE violations (
    event_id    INTEGER NOT NULL PRIMARY KEY REFERENCES events (id),
    agent_id    TEXT    NOT NULL REFERENCES agents (id),
    type        TEXT    NOT NULL,
    severity    INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL
);

CREATE INDEX violations_agent_occurred ON violations (agent_id, occurred_at);
CREATE INDEX violations_occurred ON violations (occurred_at);
