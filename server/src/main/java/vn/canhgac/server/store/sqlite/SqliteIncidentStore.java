package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.server.store.Incident;
import vn.canhgac.server.store.IncidentNote;
import vn.canhgac.server.store.IncidentQuery;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.store.IncidentStore;
import vn.canhgac.server.store.StoredEvent;

/**
 * Incidents in {@code incidents}, their notes in {@code incident_notes} (append-only by trigger),
 * their violations through {@code violations.incident_id}. Raising and joining happen in
 * {@link ViolationFiling}, inside the event store's transaction.
 */
public final class SqliteIncidentStore implements IncidentStore {
    private static final String COLUMNS = "id, agent_id, unit, rule, type, status, owner, created_at, deadline_at, resolved_at,"
            + " first_seen_at, last_seen_at, violation_count, highest_severity, updated_at";

    private final SqliteConnections db;

    SqliteIncidentStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public List<Incident> list(IncidentQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.afterId());
        query.units().ifPresent(units -> sql.append(" AND unit IN ").append(Rows.inList(units, parameters)));
        query.status().ifPresent(status -> {
            sql.append(" AND status = ?");
            parameters.add(status.wire());
        });
        query.agentId().ifPresent(agent -> {
            sql.append(" AND agent_id = ?");
            parameters.add(agent);
        });
        query.overdueAt().ifPresent(now -> {
            sql.append(" AND status IN " + ViolationFiling.LIVE + " AND deadline_at < ?");
            parameters.add(millis(now));
        });
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(query.limit());
        return db.read("list incidents (table incidents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                Rows.bind(select, parameters);
                return incidents(select);
            }
        });
    }

    @Override
    public Optional<Incident> find(long id) {
        return db.read("read incident " + id + " (table incidents)", connection -> find(connection, id));
    }

    private static Optional<Incident> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id = ?")) {
            select.setLong(1, id);
            return incidents(select).stream().findFirst();
        }
    }

    @Override
    public List<IncidentNote> notes(long incidentId) {
        return db.read("read the notes of incident " + incidentId + " (table incident_notes)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, at, author, text FROM incident_notes WHERE incident_id = ? ORDER BY seq")) {
                select.setLong(1, incidentId);
                try (ResultSet rows = select.executeQuery()) {
                    List<IncidentNote> notes = new ArrayList<>();
                    while (rows.next()) {
                        notes.add(new IncidentNote(incidentId, rows.getInt("seq"), Rows.instant(rows, "at"), rows.getString("author"),
                                rows.getString("text")));
                    }
                    return List.copyOf(notes);
                }
            }
        });
    }

    @Override
    public List<StoredEvent> violations(long incidentId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
        }
        return db.read("read the violations of incident " + incidentId + " (tables violations, events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT e.id, e.agent_id, e.sequence, e.occurred_at,"
                    + " e.received_at, e.type, e.severity, e.payload FROM violations v JOIN events e ON e.id = v.event_id"
                    + " WHERE v.incident_id = ? ORDER BY v.event_id DESC LIMIT ?")) {
                select.setLong(1, incidentId);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredEvent> events = new ArrayList<>();
                    while (rows.next()) {
                        events.add(SqliteEventStore.event(rows));
                    }
                    return List.copyOf(events);
                }
            }
        });
    }

    @Override
    public boolean changeStatus(long id, IncidentStatus from, IncidentStatus to, Instant at, Optional<NoteDraft> note) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
        return db.write("change the status of incident " + id + " to " + to.wire() + " (tables incidents, incident_notes)", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE incidents SET status = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND status = ?")) {
                update.setString(1, to.wire());
                Rows.setOptionalInstant(update, 2, to.live() ? Optional.empty() : Optional.of(at));
                update.setLong(3, millis(at));
                update.setLong(4, id);
                update.setString(5, from.wire());
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            if (note.isPresent()) {
                appendNote(connection, id, note.get());
            }
            return true;
        });
    }

    @Override
    public boolean assign(long id, String owner, Instant at) {
        Objects.requireNonNull(owner, "owner");
        return db.update("assign incident " + id + " to " + owner + " (table incidents)",
                "UPDATE incidents SET owner = ?, updated_at = ? WHERE id = ? AND status IN " + ViolationFiling.LIVE,
                owner, millis(at), id) == 1;
    }

    @Override
    public IncidentNote addNote(long id, NoteDraft note) {
        Objects.requireNonNull(note, "note");
        return db.write("add a note to incident " + id + " (table incident_notes)", connection -> appendNote(connection, id, note));
    }

    private static IncidentNote appendNote(Connection connection, long id, NoteDraft note) throws SQLException {
        int seq;
        try (PreparedStatement last = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM incident_notes WHERE incident_id = ?")) {
            last.setLong(1, id);
            try (ResultSet row = last.executeQuery()) {
                row.next();
                seq = row.getInt(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO incident_notes (incident_id, seq, at, author, text) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setInt(2, seq);
            insert.setLong(3, millis(note.at()));
            insert.setString(4, note.author());
            insert.setString(5, note.text());
            insert.executeUpdate();
        }
        try (PreparedStatement touch = connection.prepareStatement("UPDATE incidents SET updated_at = MAX(updated_at, ?) WHERE id = ?")) {
            touch.setLong(1, millis(note.at()));
            touch.setLong(2, id);
            touch.executeUpdate();
        }
        return new IncidentNote(id, seq, Instant.ofEpochMilli(millis(note.at())), note.author(), note.text());
    }

    private static List<Incident> incidents(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<Incident> incidents = new ArrayList<>();
            while (rows.next()) {
                incidents.add(new Incident(rows.getLong("id"), rows.getString("agent_id"), rows.getString("unit"), rows.getString("rule"),
                        rows.getString("type"), IncidentStatus.parse(rows.getString("status")), Rows.optionalString(rows, "owner"),
                        Rows.instant(rows, "created_at"), Rows.instant(rows, "deadline_at"), Rows.optionalInstant(rows, "resolved_at"),
                        Rows.instant(rows, "first_seen_at"), Rows.instant(rows, "last_seen_at"), rows.getLong("violation_count"),
                        rows.getInt("highest_severity"), Rows.instant(rows, "updated_at")));
            }
            return List.copyOf(incidents);
        }
    }
}
