-- Canh Gác server schema, version 5 (SQLite): incidents raised from violations, and what the
-- retention purge needs. Every time is epoch milliseconds, UTC. An absent optional value is NULL.

-- One incident per (agent, rule) while it is open or acknowledged; a new violation of a closed
-- (resolved or false-positive) incident raises a new one. unit is the agent's unit when the
-- incident was raised: moving the agent later does not move its past incidents.
-- AUTOINCREMENT: an incident's id is quoted in reports and must never be handed out twice.
CREATE TABLE incidents (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id         TEXT    NOT NULL REFERENCES agents (id),
    unit             TEXT    NOT NULL REFERENCES units (name),
    rule             TEXT    NOT NULL,
    type             TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved', 'false-positive')),
    owner            TEXT    REFERENCES accounts (username),
    created_at       INTEGER NOT NULL,
    -- created_at plus the reporting deadline in force when the incident was raised.
    deadline_at      INTEGER NOT NULL,
    resolved_at      INTEGER,
    first_seen_at    INTEGER NOT NULL,
    last_seen_at     INTEGER NOT NULL,
    violation_count  INTEGER NOT NULL CHECK (violation_count >= 1),
    highest_severity INTEGER NOT NULL CHECK (highest_severity BETWEEN 0 AND 5),
    updated_at       INTEGER NOT NULL,
    CHECK ((resolved_at IS NULL) = (status IN ('open', 'acknowledged')))
);

-- At most one live incident per (agent, rule): the ingest path finds it through this index.
CREATE UNIQUE INDEX incidents_live ON incidents (agent_id, rule) WHERE status IN ('open', 'acknowledged');
CREATE INDEX incidents_unit_status ON incidents (unit, status);
CREATE INDEX incidents_status_deadline ON incidents (status, deadline_at);

-- Notes are append-only, like the audit log: what was written about an incident stays written.
CREATE TABLE incident_notes (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    author      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

CREATE TRIGGER incident_notes_no_update BEFORE UPDATE ON incident_notes
BEGIN
    SELECT RAISE(ABORT, 'incident_notes is append-only');
END;

CREATE TRIGGER incident_notes_no_delete BEFORE DELETE ON incident_notes
BEGIN
    SELECT RAISE(ABORT, 'incident_notes is append-only');
END;

-- Each violation stored from version 5 on belongs to exactly one incident. Violations stored
-- before keep NULL: they were never filed, and the purge treats them like those of a closed incident.
ALTER TABLE violations ADD COLUMN incident_id INTEGER REFERENCES incidents (id);

CREATE INDEX violations_incident ON violations (incident_id);
