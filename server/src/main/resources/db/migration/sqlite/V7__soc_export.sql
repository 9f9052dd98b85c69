-- Canh Gác server schema, SOC export (SQLite): one durable cursor per export destination.
-- Events are never copied into a queue: each destination remembers the id of the last event it
-- has forwarded (or passed over as filtered out) and pages through events with a larger id.
-- events.id is AUTOINCREMENT, so ids only grow and a cursor never skips an event stored later.
CREATE TABLE soc_cursors (
    destination   TEXT    NOT NULL PRIMARY KEY,
    last_event_id INTEGER NOT NULL CHECK (last_event_id >= 0),
    -- Events delivered to this destination since its cursor was created.
    sent          INTEGER NOT NULL DEFAULT 0 CHECK (sent >= 0),
    updated_at    INTEGER NOT NULL
);
