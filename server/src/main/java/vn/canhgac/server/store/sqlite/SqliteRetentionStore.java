package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import vn.canhgac.server.store.RetentionStore;

/**
 * The retention purge on SQLite.
 *
 * <p>Implementation notes. Finding old events is a scan by id on a read connection, which in WAL
 * mode never holds up the writer; only the deletion of one small batch of ids runs under the
 * write lock, and it checks again, inside its transaction, that each event is still old and not
 * evidence of a live incident: an incident resolved or joined between the scan and the delete is
 * judged as it stands then. {@code received_at} has
 * no index: an index would cost every ingested event a second B-tree insert, for a job that runs
 * once a day. The AUTOINCREMENT ids mean deleting old rows never lets an id be handed out again.
 */
public final class SqliteRetentionStore implements RetentionStore {
    /** The violations whose event must stay: those filed into a live incident. */
    private static final String EVIDENCE = "SELECT v.event_id FROM violations v JOIN incidents i ON i.id = v.incident_id"
            + " WHERE i.status IN " + ViolationFiling.LIVE;

    private final SqliteConnections db;

    SqliteRetentionStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public List<Long> receivedBefore(Instant cutoff, long afterId, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.read("find events received before " + cutoff + " (table events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM events WHERE id > ? AND received_at < ? ORDER BY id LIMIT ?")) {
                select.setLong(1, afterId);
                select.setLong(2, millis(cutoff));
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<Long> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                    return List.copyOf(ids);
                }
            }
        });
    }

    @Override
    public Purged purge(List<Long> eventIds, Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (eventIds.isEmpty()) {
            return Purged.NONE;
        }
        String ids = String.join(", ", Collections.nCopies(eventIds.size(), "?"));
        String old = "SELECT id FROM events WHERE id IN (" + ids + ") AND received_at < ?";
        return db.write("purge " + eventIds.size() + " events received before " + cutoff + " (tables events, violations)", connection -> {
            long stillOld;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM (" + old + ")")) {
                bind(count, eventIds, cutoff);
                stillOld = single(count);
            }
            int violations;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM violations WHERE event_id IN (" + old + ")"
                    + " AND event_id NOT IN (" + EVIDENCE + ")")) {
                bind(delete, eventIds, cutoff);
                violations = delete.executeUpdate();
            }
            int events;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE id IN (" + old + ")"
                    + " AND id NOT IN (SELECT event_id FROM violations)")) {
                bind(delete, eventIds, cutoff);
                events = delete.executeUpdate();
            }
            return new Purged(events, violations, stillOld - events);
        });
    }

    @Override
    public Purged preview(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.read("count events received before " + cutoff + " (tables events, violations, incidents)", connection -> {
            long old = count(connection.prepareStatement("SELECT COUNT(*) FROM events WHERE received_at < ?"), cutoff);
            long oldViolations = count(connection.prepareStatement("SELECT COUNT(*) FROM violations v JOIN events e ON e.id = v.event_id"
                    + " WHERE e.received_at < ?"), cutoff);
            long kept = count(connection.prepareStatement("SELECT COUNT(*) FROM events e WHERE e.received_at < ?"
                    + " AND e.id IN (" + EVIDENCE + ")"), cutoff);
            return new Purged(old - kept, oldViolations - kept, kept);
        });
    }

    private static long count(PreparedStatement statement, Instant cutoff) throws SQLException {
        try (statement) {
            statement.setLong(1, millis(cutoff));
            return single(statement);
        }
    }

    private static void bind(PreparedStatement statement, List<Long> eventIds, Instant cutoff) throws SQLException {
        for (int i = 0; i < eventIds.size(); i++) {
            statement.setLong(i + 1, eventIds.get(i));
        }
        statement.setLong(eventIds.size() + 1, millis(cutoff));
    }

    private static long single(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
