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
import vn.canhgac.server.store.EnrollmentToken;
import vn.canhgac.server.store.TokenRedemption;
import vn.canhgac.server.store.TokenStore;

/** Enrolment tokens in the {@code enrollment_tokens} table. Times are kept to the millisecond. */
public final class SqliteTokenStore implements TokenStore {
    private static final String COLUMNS =
            "id, secret_hash, unit, role, created_at, expires_at, used_at, used_by_agent_id, revoked_at";

    private final SqliteConnections db;

    SqliteTokenStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public void insert(EnrollmentToken token) {
        Objects.requireNonNull(token, "token");
        db.write("store enrolment token " + token.id() + " (table enrollment_tokens)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO enrollment_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, token.id());
                insert.setString(2, token.secretHash());
                insert.setString(3, token.unit());
                insert.setString(4, token.role());
                insert.setLong(5, millis(token.createdAt()));
                insert.setLong(6, millis(token.expiresAt()));
                Rows.setOptionalInstant(insert, 7, token.usedAt());
                Rows.setOptionalString(insert, 8, token.usedByAgentId());
                Rows.setOptionalInstant(insert, 9, token.revokedAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<EnrollmentToken> find(String id) {
        Objects.requireNonNull(id, "id");
        return db.read("read enrolment token " + id + " (table enrollment_tokens)",
                connection -> findBy(connection, "id", id));
    }

    @Override
    public List<EnrollmentToken> list() {
        return db.read("list enrolment tokens (table enrollment_tokens)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM enrollment_tokens ORDER BY created_at DESC, id");
                 ResultSet rows = select.executeQuery()) {
                List<EnrollmentToken> tokens = new ArrayList<>();
                while (rows.next()) {
                    tokens.add(token(rows));
                }
                return List.copyOf(tokens);
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        return db.write("revoke enrolment token " + id + " (table enrollment_tokens)", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE enrollment_tokens SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL")) {
                update.setLong(1, millis(at));
                update.setString(2, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Atomic because the check and the update run in one write transaction, begun IMMEDIATE:
     * SQLite's write lock is held from before the read until the commit, so neither another
     * thread (they queue on the single writer) nor another process can slip in between.
     */
    @Override
    public TokenRedemption redeem(String secretHash, String agentId, Instant now) {
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(now, "now");
        return db.write("redeem an enrolment token for agent " + agentId + " (table enrollment_tokens)", connection -> {
            Optional<EnrollmentToken> found = findBy(connection, "secret_hash", secretHash);
            if (found.isEmpty()) {
                return new TokenRedemption.Unknown();
            }
            EnrollmentToken token = found.get();
            if (token.usedAt().isPresent()) {
                return new TokenRedemption.AlreadyUsed(token.usedAt().get());
            }
            if (token.revokedAt().isPresent()) {
                return new TokenRedemption.Revoked(token.revokedAt().get());
            }
            if (!now.isBefore(token.expiresAt())) {
                return new TokenRedemption.Expired(token.expiresAt());
            }
            Instant usedAt = Instant.ofEpochMilli(millis(now));
            markUsed(connection, token.id(), usedAt, agentId);
            return new TokenRedemption.Redeemed(new EnrollmentToken(token.id(), token.secretHash(), token.unit(),
                    token.role(), token.createdAt(), token.expiresAt(), Optional.of(usedAt), Optional.of(agentId),
                    Optional.empty()));
        });
    }

    private static void markUsed(Connection connection, String id, Instant usedAt, String agentId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE enrollment_tokens SET used_at = ?, used_by_agent_id = ? WHERE id = ?")) {
            update.setLong(1, millis(usedAt));
            update.setString(2, agentId);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    private static Optional<EnrollmentToken> findBy(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM enrollment_tokens WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(token(rows)) : Optional.empty();
            }
        }
    }

    private static EnrollmentToken token(ResultSet row) throws SQLException {
        return new EnrollmentToken(
                row.getString("id"),
                row.getString("secret_hash"),
                row.getString("unit"),
                row.getString("role"),
                Rows.instant(row, "created_at"),
                Rows.instant(row, "expires_at"),
                Rows.optionalInstant(row, "used_at"),
                Rows.optionalString(row, "used_by_agent_id"),
                Rows.optionalInstant(row, "revoked_at"));
    }
}
