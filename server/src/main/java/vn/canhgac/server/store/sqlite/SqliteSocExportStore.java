package vn.canhgac.server.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import vn.canhgac.server.store.SocCursor;
import vn.canhgac.server.store.SocExportStore;
import vn.canhgac.server.store.SocFilter;
import vn.canhgac.server.store.UnitEvent;

/**
 * SOC export cursors in {@code soc_cursors}; events are read from {@code events} joined with the
 * agent's unit. A filter becomes SQL (severity and GLOB on the type), so pages hold only what
 * a destination receives.
 */
public final class SqliteSocExportStore implements SocExportStore {
    private static final String EVENT_COLUMNS = "e.id AS id, e.agent_id AS agent_id, e.sequence AS sequence,"
            + " e.occurred_at AS occurred_at, e.received_at AS received_at, e.type AS type, e.severity AS severity,"
            + " e.payload AS payload, a.unit AS unit";

    private final SqliteConnections db;

    SqliteSocExportStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public SocCursor cursor(String destination, long startAfterId, Instant at) {
        Objects.requireNonNull(destination, "destination");
        return db.write("read or create the cursor of SOC destination " + destination + " (table soc_cursors)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO soc_cursors"
                    + " (destination, last_event_id, sent, updated_at) VALUES (?, ?, 0, ?)")) {
                insert.setString(1, destination);
                insert.setLong(2, startAfterId);
                insert.setLong(3, Rows.millis(at));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT last_event_id, sent FROM soc_cursors WHERE destination = ?")) {
                select.setString(1, destination);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new SocCursor(destination, row.getLong("last_event_id"), row.getLong("sent"));
                }
            }
        });
    }

    @Override
    public void advance(String destination, long lastEventId, long delivered, Instant at) {
        Objects.requireNonNull(destination, "destination");
        db.write("advance the cursor of SOC destination " + destination + " to event " + lastEventId + " (table soc_cursors)",
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE soc_cursors SET last_event_id = ?,"
                            + " sent = sent + ?, updated_at = ? WHERE destination = ? AND last_event_id < ?")) {
                        update.setLong(1, lastEventId);
                        update.setLong(2, delivered);
                        update.setLong(3, Rows.millis(at));
                        update.setString(4, destination);
                        update.setLong(5, lastEventId);
                        return update.executeUpdate();
                    }
                });
    }

    @Override
    public long newestEventId() {
        return db.read("read the newest event id (table events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM events");
                 ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        });
    }

    @Override
    public List<UnitEvent> page(long afterId, long upToId, SocFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
        }
        String sql = "SELECT " + EVENT_COLUMNS + " FROM events e JOIN agents a ON a.id = e.agent_id"
                + " WHERE e.id > ? AND e.id <= ?" + filterSql(filter) + " ORDER BY e.id LIMIT ?";
        return db.read("read events after " + afterId + " for SOC export (tables events, agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                select.setLong(index++, afterId);
                select.setLong(index++, upToId);
                index = bindFilter(select, index, filter);
                select.setInt(index, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<UnitEvent> events = new ArrayList<>();
                    while (rows.next()) {
                        events.add(new UnitEvent(SqliteEventStore.event(rows), rows.getString("unit")));
                    }
                    return List.copyOf(events);
                }
            }
        });
    }

    @Override
    public long countPending(long afterId, SocFilter filter) {
        Objects.requireNonNull(filter, "filter");
        String sql = "SELECT COUNT(*) FROM events e WHERE e.id > ?" + filterSql(filter);
        return db.read("count events after " + afterId + " for SOC export (table events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, afterId);
                bindFilter(select, 2, filter);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0;
                }
            }
        });
    }

    private static String filterSql(SocFilter filter) {
        String sql = " AND e.severity >= ?";
        if (!filter.typeGlobs().isEmpty()) {
            sql += " AND (" + String.join(" OR ", Collections.nCopies(filter.typeGlobs().size(), "e.type GLOB ?")) + ")";
        }
        return sql;
    }

    private static int bindFilter(PreparedStatement select, int first, SocFilter filter) throws SQLException {
        int index = first;
        select.setInt(index++, filter.minSeverity());
        for (String glob : filter.typeGlobs()) {
            select.setString(index++, glob);
        }
        return index;
    }
}
