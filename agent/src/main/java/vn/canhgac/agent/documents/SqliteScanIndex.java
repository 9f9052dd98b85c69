package vn.canhgac.agent.documents;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's {@link ScanIndex}: one SQLite file in the state directory, owner-only. Rows are
 * looked up one by one (the index of a large home folder does not fit a small agent heap), and
 * writes are committed in batches. A scanner with different rules ({@link #SCANNER_VERSION})
 * starts from an empty index, so improved detection reaches every file.
 *
 * <p>Implementation notes: one connection, used by the collector's scan thread only.
 */
public final class SqliteScanIndex implements ScanIndex {

    /** Bump when detection changes, so documents judged by older rules are read again. */
    static final String SCANNER_VERSION = "1";
    private static final int BATCH = 256;
    private static final String REMEDY = "the index is a cache: deleting documents-index.db in the state directory is safe";

    private final Connection connection;
    private long pass;
    private int pending;

    private SqliteScanIndex(Connection connection) {
        this.connection = connection;
    }

    public static SqliteScanIndex open(Path file) {
        Connection connection = StateFiles.openOwnerOnly(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS scanned (
                        path         TEXT PRIMARY KEY,
                        size         INTEGER NOT NULL,
                        modified_ns  INTEGER NOT NULL,
                        file_key     TEXT    NOT NULL,
                        outcome      TEXT    NOT NULL,
                        level        TEXT,
                        declassified INTEGER NOT NULL,
                        location     TEXT,
                        message      TEXT,
                        sha256       TEXT,
                        seen_pass    INTEGER NOT NULL)""");
            statement.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            SqliteScanIndex index = new SqliteScanIndex(connection);
            if (!SCANNER_VERSION.equals(index.meta("scanner_version"))) {
                statement.execute("DELETE FROM scanned");
                index.setMeta("scanner_version", SCANNER_VERSION);
            }
            String pass = index.meta("pass");
            index.pass = pass == null ? 0 : Long.parseLong(pass);
            connection.setAutoCommit(false);
            return index;
        } catch (SQLException | RuntimeException e) {
            StateFiles.closeQuietly(connection);
            throw failure("open the document index " + file, e);
        }
    }

    @Override
    public void beginPass() {
        pass++;
        run(() -> setMeta("pass", Long.toString(pass)));
    }

    @Override
    public Optional<ScannedDocument> lookup(String hostPath, Fingerprint fingerprint) {
        return call(() -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT size, modified_ns, file_key, outcome, level, declassified, location, message, sha256
                    FROM scanned WHERE path = ?""")) {
                query.setString(1, hostPath);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Fingerprint stored = new Fingerprint(row.getLong(1), row.getLong(2), row.getString(3));
                    ScannedDocument document = new ScannedDocument(hostPath, row.getLong(1), outcome(row), row.getString(9));
                    try (PreparedStatement seen = connection.prepareStatement("UPDATE scanned SET seen_pass = ? WHERE path = ?")) {
                        seen.setLong(1, pass);
                        seen.setString(2, hostPath);
                        seen.executeUpdate();
                    }
                    batched();
                    return stored.equals(fingerprint) ? Optional.of(document) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void store(Fingerprint fingerprint, ScannedDocument document) {
        run(() -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT OR REPLACE INTO scanned
                    (path, size, modified_ns, file_key, outcome, level, declassified, location, message, sha256, seen_pass)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, document.hostPath());
                insert.setLong(2, fingerprint.size());
                insert.setLong(3, fingerprint.modifiedNanos());
                insert.setString(4, fingerprint.fileKey());
                switch (document.outcome()) {
                    case ReadOutcome.Clean c -> insert.setString(5, "clean");
                    case ReadOutcome.Marked m -> {
                        insert.setString(5, "marked");
                        insert.setString(6, m.level().name());
                        insert.setInt(7, m.declassified() ? 1 : 0);
                        insert.setString(8, m.location());
                    }
                    case ReadOutcome.Unreadable u -> {
                        insert.setString(5, "unreadable");
                        insert.setString(9, u.message());
                    }
                }
                if (!(document.outcome() instanceof ReadOutcome.Marked)) {
                    insert.setInt(7, 0);
                }
                insert.setString(10, document.sha256());
                insert.setLong(11, pass);
                insert.executeUpdate();
            }
            batched();
        });
    }

    @Override
    public void endPass(boolean complete) {
        run(() -> {
            if (complete) {
                try (PreparedStatement forget = connection.prepareStatement("DELETE FROM scanned WHERE seen_pass < ?")) {
                    forget.setLong(1, pass);
                    forget.executeUpdate();
                }
            }
            connection.commit();
            pending = 0;
        });
    }

    @Override
    public List<ScannedDocument> marked() {
        return call(() -> {
            List<ScannedDocument> marked = new ArrayList<>();
            try (Statement query = connection.createStatement();
                 ResultSet row = query.executeQuery("""
                         SELECT size, modified_ns, file_key, outcome, level, declassified, location, message, sha256, path
                         FROM scanned WHERE outcome = 'marked' ORDER BY path""")) {
                while (row.next()) {
                    marked.add(new ScannedDocument(row.getString(10), row.getLong(1), outcome(row), row.getString(9)));
                }
            }
            return marked;
        });
    }

    @Override
    public void close() {
        try {
            connection.commit();
        } catch (SQLException e) {
            // Nothing to keep: the index is a cache and is rebuilt by the next pass.
        }
        StateFiles.closeQuietly(connection);
    }

    private static ReadOutcome outcome(ResultSet row) throws SQLException {
        return switch (row.getString(4)) {
            case "marked" -> new ReadOutcome.Marked(Level.valueOf(row.getString(5)), row.getInt(6) == 1, row.getString(7));
            case "unreadable" -> new ReadOutcome.Unreadable(row.getString(8));
            default -> new ReadOutcome.Clean();
        };
    }

    private void batched() throws SQLException {
        if (++pending >= BATCH) {
            connection.commit();
            pending = 0;
        }
    }

    private String meta(String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.executeUpdate();
        }
    }

    private <T> T call(StateFiles.SqlWork<T> work) {
        return StateFiles.call("use the document index", REMEDY, work);
    }

    private void run(SqlAction action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static IllegalStateException failure(String what, Exception e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage() + " (" + REMEDY + ")", e);
    }
}
