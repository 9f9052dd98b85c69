package vn.canhgac.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.RawSql;

/** The chain over a real SQLite file, tampered with the way someone holding the file would: plain SQL. */
class AuditLogTest {
    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private Path file;
    private SqliteDatabase db;
    private AuditLog audit;

    @BeforeEach
    void open() {
        file = dir.resolve("canhgac.db");
        db = SqliteDatabase.open(file);
        audit = new AuditLog(db.audit(), clock);
        for (int i = 1; i <= 5; i++) {
            audit.record("lan", "token.issued", "token:t" + i, Map.of("unit", "Sở Nội vụ", "n", i));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void entriesChainFromTheGenesisHash() {
        List<AuditEntry> entries = audit.list(0, 100);

        assertEquals(5, entries.size());
        assertEquals(AuditEntry.GENESIS, entries.getFirst().prevHash());
        for (int i = 1; i < entries.size(); i++) {
            assertEquals(i + 1, entries.get(i).seq());
            assertEquals(entries.get(i - 1).hash(), entries.get(i).prevHash());
        }
        assertEquals("{\"n\":1,\"unit\":\"Sở Nội vụ\"}", entries.getFirst().details());
    }

    @Test
    void anUntouchedLogVerifiesWithItsHead() {
        AuditLog.Verification result = audit.verify();

        assertTrue(result.intact());
        assertEquals(5, result.entries());
        assertEquals(audit.list(4, 1).getFirst(), result.head().orElseThrow());
    }

    @Test
    void anEmptyLogVerifies() throws SQLException {
        sql("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log");

        AuditLog.Verification result = audit.verify();

        assertTrue(result.intact());
        assertEquals(0, result.entries());
    }

    @Test
    void anEditedEntryIsNamed() throws SQLException {
        sql("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");

        AuditLog.Verification result = audit.verify();

        assertEquals(new AuditLog.Problem(3, "its content does not match its hash: the entry was edited"), result.problem().orElseThrow());
        assertEquals(2, result.entries());
    }

    @Test
    void anEditedEntryWithARecomputedHashIsCaughtByTheNextLink() throws SQLException {
        AuditEntry third = audit.list(2, 1).getFirst();
        String forged = AuditEntry.chainHash(3, third.at(), third.actor(), third.action(), "token:forged", third.details(), third.prevHash());
        sql("DROP TRIGGER audit_log_no_update",
                "UPDATE audit_log SET target = 'token:forged', hash = '" + forged + "' WHERE seq = 3");

        AuditLog.Problem problem = audit.verify().problem().orElseThrow();

        assertEquals(4, problem.seq());
        assertTrue(problem.reason().startsWith("its prev_hash does not match the hash of entry 3"), problem.reason());
    }

    @Test
    void aDeletedEntryIsNamed() throws SQLException {
        sql("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 2");

        AuditLog.Problem problem = audit.verify().problem().orElseThrow();

        assertEquals(new AuditLog.Problem(3, "expected entry 2 but found entry 3: entries 2..2 were deleted"), problem);
    }

    @Test
    void aSwappedPairIsNamed() throws SQLException {
        sql("DROP TRIGGER audit_log_no_update",
                "UPDATE audit_log SET seq = -1 WHERE seq = 2",
                "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = -1");

        AuditLog.Problem problem = audit.verify().problem().orElseThrow();

        assertEquals(2, problem.seq());
        assertTrue(problem.reason().startsWith("its prev_hash does not match the hash of entry 1"), problem.reason());
    }

    @Test
    void theServerItselfCannotChangeOrDeleteAnEntry() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = connection.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate("UPDATE audit_log SET actor = 'x'"));
            SQLException delete = assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_log"));

            assertTrue(update.getMessage().contains("audit_log is append-only"), update.getMessage());
            assertTrue(delete.getMessage().contains("audit_log is append-only"), delete.getMessage());
        }
        assertTrue(audit.verify().intact());
    }

    @Test
    void appendsFromTwoDatabaseHandlesKeepOneChain() {
        try (SqliteDatabase other = SqliteDatabase.open(file)) {
            AuditLog console = new AuditLog(other.audit(), clock);
            for (int i = 0; i < 10; i++) {
                audit.record("lan", "agent.revoked", "agent:a" + i, Map.of());
                console.record("console", "user.unlocked", "user:lan", Map.of());
            }
        }

        assertTrue(audit.verify().intact());
        assertEquals(25, audit.verify().entries());
    }

    @Test
    void actionsMustBeDottedLowerCase() {
        for (String bad : new String[] {"login", "Login.Failed", "login failed", "", "login."}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> audit.record("lan", bad, "-", Map.of()));
            assertTrue(error.getMessage().startsWith("an audit action must be dotted lower-case"), error.getMessage());
        }
    }

    @Test
    void oversizedDetailsAreRefusedRatherThanStored() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> audit.record("lan", "report.exported", "-", Map.of("rows", "x".repeat(10_000))));

        assertTrue(error.getMessage().contains("at most 8192 are kept"), error.getMessage());
        assertEquals(5, audit.verify().entries());
    }

    @Test
    void aStoreFailureIsNotSwallowed() {
        db.close();

        assertThrows(StoreException.class, () -> audit.record("lan", "token.issued", "-", Map.of()));
    }

    private void sql(String... statements) throws SQLException {
        RawSql.execute(file, statements);
    }
}
