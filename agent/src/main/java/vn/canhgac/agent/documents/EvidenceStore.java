package vn.canhgac.agent.documents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The agent's local evidence store: opaque reference → host path, for documents reported to the
 * server without their path (a file name can itself reveal a secret). An inspector at the machine
 * turns a reference from a violation back into the path with {@code canhgac-agent evidence show REF}.
 *
 * <p>A reference is an HMAC-SHA-256 of the path under a key generated on this machine and kept
 * only here: stable for the same path (so repeated reports of one document share a reference),
 * and not a hash anyone could check guessed file names against. The file is owner-only. It also
 * remembers what was last reported for each reference, so a rescan reports only changes.
 */
public final class EvidenceStore implements AutoCloseable {

    /** One document the server knows by reference. */
    public record Evidence(String reference, String path, Instant firstSeen, Instant lastSeen, String lastReported) {}

    private static final String REMEDY = "check the agent's state directory; evidence.db must be readable by the agent only";
    private static final int REFERENCE_BYTES = 12;

    private final Connection connection;
    private final Clock clock;
    private final Mac mac;

    private EvidenceStore(Connection connection, Clock clock, byte[] key) {
        this.connection = connection;
        this.clock = clock;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256, which every Java platform must provide", e);
        }
    }

    /** Opens the store for the agent, creating it (owner-only, with a fresh key) if needed. */
    public static EvidenceStore open(Path file, Clock clock) {
        Connection connection = StateFiles.openOwnerOnly(file);
        try {
            byte[] key = StateFiles.call("open the evidence store " + file, REMEDY, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("""
                            CREATE TABLE IF NOT EXISTS evidence (
                                reference     TEXT PRIMARY KEY,
                                path          TEXT NOT NULL,
                                first_seen    TEXT NOT NULL,
                                last_seen     TEXT NOT NULL,
                                last_reported TEXT)""");
                    statement.execute("CREATE TABLE IF NOT EXISTS reference_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL)");
                }
                byte[] existing = readKey(connection);
                if (existing != null) {
                    return existing;
                }
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reference_key (id, key) VALUES (1, ?)")) {
                    insert.setBytes(1, fresh);
                    insert.executeUpdate();
                }
                return fresh;
            });
            return new EvidenceStore(connection, clock, key);
        } catch (RuntimeException e) {
            StateFiles.closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Looks a reference up without creating or changing anything: what the {@code evidence show}
     * command does, as root, at the machine.
     */
    public static Optional<Evidence> lookup(Path file, String reference) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no evidence store at " + file + " (is --state-dir the agent's state directory?)");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": the evidence store is readable by the agent's owner only"
                    + " (run as root)");
        }
        try (Connection connection = StateFiles.call("open " + file, REMEDY,
                () -> DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro"))) {
            return StateFiles.call("read " + file, REMEDY, () -> find(connection, reference));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /** The reference for a host path, recording the path (and when it was seen) for {@code evidence show}. */
    public String reference(String hostPath) {
        byte[] digest;
        synchronized (mac) {
            digest = mac.doFinal(hostPath.getBytes(StandardCharsets.UTF_8));
        }
        String reference = "doc-" + HexFormat.of().formatHex(digest, 0, REFERENCE_BYTES);
        String now = clock.instant().toString();
        StateFiles.call("record evidence", REMEDY, () -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO evidence (reference, path, first_seen, last_seen) VALUES (?, ?, ?, ?)
                    ON CONFLICT (reference) DO UPDATE SET last_seen = excluded.last_seen""")) {
                upsert.setString(1, reference);
                upsert.setString(2, hostPath);
                upsert.setString(3, now);
                upsert.setString(4, now);
                return upsert.executeUpdate();
            }
        });
        return reference;
    }

    /** What was last reported about a reference ("violation:&lt;sha256&gt;", "marked:…", "unreadable:…"), if anything. */
    public Optional<String> lastReported(String reference) {
        return StateFiles.call("read evidence", REMEDY, () -> find(connection, reference).map(Evidence::lastReported));
    }

    public void reported(String reference, String state) {
        StateFiles.call("record evidence", REMEDY, () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE evidence SET last_reported = ? WHERE reference = ?")) {
                update.setString(1, state);
                update.setString(2, reference);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        StateFiles.closeQuietly(connection);
    }

    private static Optional<Evidence> find(Connection connection, String reference) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT path, first_seen, last_seen, last_reported FROM evidence WHERE reference = ?")) {
            query.setString(1, reference);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Evidence(reference, row.getString(1), Instant.parse(row.getString(2)),
                        Instant.parse(row.getString(3)), row.getString(4)));
            }
        }
    }

    private static byte[] readKey(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery("SELECT key FROM reference_key WHERE id = 1")) {
            return row.next() ? row.getBytes(1) : null;
        }
    }
}
