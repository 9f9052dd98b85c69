package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.AuditStore;

/**
 * The audit log in the {@code audit_log} table.
 *
 * <p>Implementation notes. Reading the last entry and inserting the next one happen in one write
 * transaction, begun IMMEDIATE: SQLite's write lock is held from the read to the commit, so two
 * appenders (threads of this server, or {@code canhgac-server unlock} in another process) can
 * never chain onto the same entry.
 */
public final class SqliteAuditStore implements AuditStore {
    private static final String COLUMNS = "seq, at, actor, action, target, details, prev_hash, hash";

    private final SqliteConnections db;

    SqliteAuditStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(Instant at, String actor, String action, String target, String details) {
        Objects.requireNonNull(at, "at");
        Instant stored = Instant.ofEpochMilli(millis(at));
        return db.write("append to the audit log (table audit_log)", connection -> {
            long seq = 1;
            String prevHash = AuditEntry.GENESIS;
            try (PreparedStatement last = connection.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                 ResultSet rows = last.executeQuery()) {
                if (rows.next()) {
                    seq = rows.getLong("seq") + 1;
                    prevHash = rows.getString("hash");
                }
            }
            AuditEntry entry = new AuditEntry(seq, stored, actor, action, target, details, prevHash,
                    AuditEntry.chainHash(seq, stored, actor, action, target, details, prevHash));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, entry.seq());
                insert.setLong(2, millis(entry.at()));
                insert.setString(3, entry.actor());
                insert.setString(4, entry.action());
                insert.setString(5, entry.target());
                insert.setString(6, entry.details());
                insert.setString(7, entry.prevHash());
                insert.setString(8, entry.hash());
                insert.executeUpdate();
            }
            return entry;
        });
    }

    @Override
    public List<AuditEntry> list(long afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
        }
        return db.read("read the audit log (table audit_log)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
                select.setLong(1, afterSeq);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rows.next()) {
                        entries.add(new AuditEntry(rows.getLong("seq"), Rows.instant(rows, "at"), rows.getString("actor"),
                                rows.getString("action"), rows.getString("target"), rows.getString("details"),
                                rows.getString("prev_hash"), rows.getString("hash")));
                    }
                    return List.copyOf(entries);
                }
            }
        });
    }
}
