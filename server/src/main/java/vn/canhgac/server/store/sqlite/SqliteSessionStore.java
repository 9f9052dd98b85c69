package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.server.store.Session;
import vn.canhgac.server.store.SessionStore;

/** Login sessions in the {@code sessions} table. */
public final class SqliteSessionStore implements SessionStore {

    private final SqliteConnections db;

    SqliteSessionStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public void insert(Session session) {
        Objects.requireNonNull(session, "session");
        db.write("store a session of " + session.username() + " (table sessions)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions"
                    + " (token_hash, username, created_at, last_used_at, expires_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, session.tokenHash());
                insert.setString(2, session.username());
                insert.setLong(3, millis(session.createdAt()));
                insert.setLong(4, millis(session.lastUsedAt()));
                insert.setLong(5, millis(session.expiresAt()));
                Rows.setOptionalInstant(insert, 6, session.endedAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Session> find(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return db.read("read a session (table sessions)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT token_hash, username, created_at, last_used_at,"
                    + " expires_at, ended_at FROM sessions WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Session(rows.getString("token_hash"), rows.getString("username"),
                            Rows.instant(rows, "created_at"), Rows.instant(rows, "last_used_at"), Rows.instant(rows, "expires_at"),
                            Rows.optionalInstant(rows, "ended_at")));
                }
            }
        });
    }

    @Override
    public void touch(String tokenHash, Instant at) {
        db.update("record the use of a session (table sessions)", "UPDATE sessions SET last_used_at = MAX(last_used_at, ?) WHERE token_hash = ?",
                millis(at), tokenHash);
    }

    @Override
    public boolean end(String tokenHash, Instant at) {
        return db.update("end a session (table sessions)", "UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                millis(at), tokenHash) == 1;
    }

    @Override
    public int endAll(String username, Instant at, Optional<String> keepTokenHash) {
        return db.update("end the sessions of " + username + " (table sessions)", "UPDATE sessions SET ended_at = ?"
                + " WHERE username = ? AND ended_at IS NULL AND token_hash <> ?", millis(at), username, keepTokenHash.orElse(""));
    }

    @Override
    public int deleteFinishedBefore(Instant before) {
        long cutoff = millis(before);
        return db.update("delete finished sessions (table sessions)", "DELETE FROM sessions WHERE expires_at < ? OR ended_at < ?", cutoff, cutoff);
    }

}
