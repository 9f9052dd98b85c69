package vn.canhgac.server.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.server.store.sqlite.Fixtures.T0;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.testing.TestUnits;

class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void reopeningTheFileKeepsTokensAgentsAndEvents() {
        Path file = dir.resolve("canhgac.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            TestUnits.add(db.units(), TestUnits.SO_NOI_VU);
            db.tokens().insert(Fixtures.token("t1", "hash-1"));
            db.agents().insert(Fixtures.agent("a1", "01"));
            db.events().storeBatches(List.of(Fixtures.batch("a1", 1, 10)), T0);
        }
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertEquals(Optional.of(Fixtures.token("t1", "hash-1")), db.tokens().find("t1"));
            assertEquals(Optional.of(Fixtures.withHighestSequence(Fixtures.agent("a1", "01"), 10)), db.agents().find("a1"));
            assertEquals(10, db.events().count(Optional.of("a1")));
        }
    }

    @Test
    void openCreatesMissingParentDirectories() {
        Path file = dir.resolve("data/nested/canhgac.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertEquals(file.toAbsolutePath(), db.file());
        }
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void migrationRunsOnceAcrossReopens() throws SQLException {
        Path file = dir.resolve("canhgac.db");
        for (int i = 0; i < 3; i++) {
            SqliteDatabase.open(file).close();
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            for (String version : List.of("1", "2", "3", "4", "5", "7")) {
                assertTrue(rows.next());
                assertEquals(version, rows.getString("version"));
                assertTrue(rows.getBoolean("success"));
            }
            assertFalse(rows.next(), "each migration must be applied exactly once");
        }
    }

    @Test
    void theFileIsInWalMode() throws SQLException {
        Path file = dir.resolve("canhgac.db");
        SqliteDatabase.open(file).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            assertTrue(rows.next());
            assertEquals("wal", rows.getString(1));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedClearlyAndLeftUntouched() throws Exception {
        Path file = dir.resolve("canhgac.db");
        byte[] content = "server:\n  listen: 127.0.0.1:9443\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);

        StoreException error = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not a SQLite database"), error.getMessage());
        assertTrue(error.getMessage().contains("move the file aside"), error.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(List.of(file), listDirectory(), "no -wal or -shm file may appear beside it");
    }

    @Test
    void aDamagedDatabaseIsRefusedNamingTheFileAndLeftUntouched() throws Exception {
        Path file = dir.resolve("canhgac.db");
        // The SQLite header followed by noise: passes the header check, so SQLite itself must reject it.
        byte[] content = new byte[8192];
        new Random(42).nextBytes(content);
        byte[] header = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, header.length);
        Files.write(file, content);

        StoreException error = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("restore it from a backup"), error.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void aSqliteDatabaseOfAnotherApplicationIsRefusedAndKeepsItsTables() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }

        StoreException error = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));

        assertTrue(error.getMessage().contains("it holds tables of another application"), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
            assertTrue(rows.next());
            assertEquals("customers", rows.getString(1));
            assertFalse(rows.next(), "no Canh Gác table may be added to a foreign database");
        }
    }

    @Test
    void aParentPathThatIsAFileIsReportedAsADirectoryThatCannotBeCreated() throws Exception {
        Path notADirectory = dir.resolve("data");
        Files.writeString(notADirectory, "a file where the data directory should be");

        StoreException error = assertThrows(StoreException.class, () -> SqliteDatabase.open(notADirectory.resolve("canhgac.db")));

        assertTrue(error.getMessage().startsWith("could not create the data directory " + notADirectory), error.getMessage());
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsRefused() throws Exception {
        Path file = Files.createDirectory(dir.resolve("canhgac.db"));

        StoreException error = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));

        assertTrue(error.getMessage().contains("not a regular file"), error.getMessage());
    }

    @Test
    void aClosedDatabaseRefusesReadsAndWritesSayingItIsClosed() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        db.close();
        db.close();

        StoreException read = assertThrows(StoreException.class, () -> db.tokens().list());
        StoreException write = assertThrows(StoreException.class, () -> db.tokens().insert(Fixtures.token("t1", "h")));

        assertTrue(read.getMessage().contains("the database is closed"), read.getMessage());
        assertTrue(write.getMessage().contains("the database is closed"), write.getMessage());
    }

    private List<Path> listDirectory() throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
