package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import vn.canhgac.server.store.Account;
import vn.canhgac.server.store.AccountStore;

/** Accounts in {@code accounts}, their unit scopes in {@code account_units}, recovery codes in {@code recovery_codes}. */
public final class SqliteAccountStore implements AccountStore {
    private static final String COLUMNS = "username, role, password_hash, totp_secret, totp_last_step, created_at, created_by,"
            + " failed_attempts, failures_since, locked_at, lock_reason, last_login_at";

    private final SqliteConnections db;

    SqliteAccountStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public boolean insert(Account account, List<String> recoveryCodeHashes) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(recoveryCodeHashes, "recoveryCodeHashes");
        return db.write("store account " + account.username() + " (tables accounts, account_units, recovery_codes)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, account.username());
                insert.setString(2, account.role());
                insert.setString(3, account.passwordHash());
                insert.setBytes(4, account.totpSecret());
                insert.setLong(5, account.totpLastStep());
                insert.setLong(6, millis(account.createdAt()));
                insert.setString(7, account.createdBy());
                insert.setInt(8, account.failedAttempts());
                Rows.setOptionalInstant(insert, 9, account.failuresSince());
                Rows.setOptionalInstant(insert, 10, account.lockedAt());
                Rows.setOptionalString(insert, 11, account.lockReason());
                Rows.setOptionalInstant(insert, 12, account.lastLoginAt());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement unit = connection.prepareStatement("INSERT INTO account_units (username, unit) VALUES (?, ?)")) {
                for (String name : account.units()) {
                    unit.setString(1, account.username());
                    unit.setString(2, name);
                    unit.addBatch();
                }
                unit.executeBatch();
            }
            try (PreparedStatement code = connection.prepareStatement("INSERT INTO recovery_codes (username, code_hash) VALUES (?, ?)")) {
                for (String hash : recoveryCodeHashes) {
                    code.setString(1, account.username());
                    code.setString(2, hash);
                    code.addBatch();
                }
                code.executeBatch();
            }
            return true;
        });
    }

    @Override
    public Optional<Account> find(String username) {
        Objects.requireNonNull(username, "username");
        return db.read("read account " + username + " (tables accounts, account_units)", connection -> find(connection, username));
    }

    @Override
    public List<Account> list() {
        return db.read("list accounts (tables accounts, account_units)", connection -> {
            Map<String, Set<String>> units = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT username, unit FROM account_units");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    units.computeIfAbsent(rows.getString("username"), name -> new HashSet<>()).add(rows.getString("unit"));
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM accounts ORDER BY username");
                 ResultSet rows = select.executeQuery()) {
                List<Account> accounts = new ArrayList<>();
                while (rows.next()) {
                    accounts.add(account(rows, units.getOrDefault(rows.getString("username"), Set.of())));
                }
                return List.copyOf(accounts);
            }
        });
    }

    /** Two statements in one transaction: count (restarting an old window), then lock once the count reaches the limit. */
    @Override
    public Optional<Account> recordFailure(String username, Instant at, Instant windowStart, int limit, String lockReason) {
        Objects.requireNonNull(username, "username");
        return db.write("count a failed login of " + username + " (table accounts)", connection -> {
            try (PreparedStatement count = connection.prepareStatement("UPDATE accounts SET"
                    + " failed_attempts = CASE WHEN failures_since IS NULL OR failures_since <= ? THEN 1 ELSE failed_attempts + 1 END,"
                    + " failures_since = CASE WHEN failures_since IS NULL OR failures_since <= ? THEN ? ELSE failures_since END"
                    + " WHERE username = ?");
                 PreparedStatement lock = connection.prepareStatement("UPDATE accounts SET locked_at = ?, lock_reason = ?"
                         + " WHERE username = ? AND locked_at IS NULL AND failed_attempts >= ?")) {
                count.setLong(1, millis(windowStart));
                count.setLong(2, millis(windowStart));
                count.setLong(3, millis(at));
                count.setString(4, username);
                if (count.executeUpdate() == 0) {
                    return Optional.empty();
                }
                lock.setLong(1, millis(at));
                lock.setString(2, lockReason);
                lock.setString(3, username);
                lock.setInt(4, limit);
                lock.executeUpdate();
            }
            return find(connection, username);
        });
    }

    @Override
    public boolean recordLogin(String username, Instant at, OptionalLong totpStep) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(totpStep, "totpStep");
        return db.write("record a login of " + username + " (table accounts)", connection -> {
            String sql = "UPDATE accounts SET failed_attempts = 0, failures_since = NULL, last_login_at = ?"
                    + (totpStep.isPresent() ? ", totp_last_step = ?" : "")
                    + " WHERE username = ? AND locked_at IS NULL" + (totpStep.isPresent() ? " AND totp_last_step < ?" : "");
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                update.setLong(index++, millis(at));
                if (totpStep.isPresent()) {
                    update.setLong(index++, totpStep.getAsLong());
                }
                update.setString(index++, username);
                if (totpStep.isPresent()) {
                    update.setLong(index, totpStep.getAsLong());
                }
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean useRecoveryCode(String username, String codeHash, Instant at) {
        return db.write("use a recovery code of " + username + " (table recovery_codes)", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE recovery_codes SET used_at = ? WHERE username = ? AND code_hash = ? AND used_at IS NULL")) {
                update.setLong(1, millis(at));
                update.setString(2, username);
                update.setString(3, codeHash);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int unusedRecoveryCodes(String username) {
        return db.read("count the recovery codes of " + username + " (table recovery_codes)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM recovery_codes WHERE username = ? AND used_at IS NULL")) {
                select.setString(1, username);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public boolean lock(String username, Instant at, String reason) {
        return db.update("lock account " + username + " (table accounts)", "UPDATE accounts SET locked_at = ?, lock_reason = ?"
                + " WHERE username = ? AND locked_at IS NULL", millis(at), reason, username) == 1;
    }

    @Override
    public boolean unlock(String username) {
        return db.update("unlock account " + username + " (table accounts)", "UPDATE accounts SET locked_at = NULL, lock_reason = NULL,"
                + " failed_attempts = 0, failures_since = NULL WHERE username = ? AND locked_at IS NOT NULL", username) == 1;
    }

    @Override
    public void setPasswordHash(String username, String passwordHash) {
        db.update("change the password of " + username + " (table accounts)", "UPDATE accounts SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    private static Optional<Account> find(Connection connection, String username) throws SQLException {
        Set<String> units = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT unit FROM account_units WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    units.add(rows.getString("unit"));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(account(rows, units)) : Optional.empty();
            }
        }
    }

    private static Account account(ResultSet row, Set<String> units) throws SQLException {
        return new Account(
                row.getString("username"),
                row.getString("role"),
                row.getString("password_hash"),
                row.getBytes("totp_secret"),
                row.getLong("totp_last_step"),
                Rows.instant(row, "created_at"),
                row.getString("created_by"),
                row.getInt("failed_attempts"),
                Rows.optionalInstant(row, "failures_since"),
                Rows.optionalInstant(row, "locked_at"),
                Rows.optionalString(row, "lock_reason"),
                Rows.optionalInstant(row, "last_login_at"),
                units);
    }
}
