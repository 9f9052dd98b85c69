package vn.canhgac.server.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteDataSource;
import vn.canhgac.server.incidents.IncidentRules;
import vn.canhgac.server.store.StoreException;

/**
 * The embedded SQLite database of one server: a single file (plus its WAL) in the data directory.
 * Opening it brings the schema up to date with Flyway; the stores it hands out are thread-safe
 * and share its connections (see {@link SqliteConnections} for the threading rules).
 */
public final class SqliteDatabase implements AutoCloseable {
    static final String MIGRATIONS = "classpath:db/migration/sqlite";
    /** Flyway's default name for its history table. */
    private static final String SCHEMA_HISTORY = "flyway_schema_history";
    private static final int READERS = 4;
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final SqliteConnections connections;
    private final SqliteTokenStore tokens;
    private final SqliteAgentStore agents;
    private final SqliteEventStore events;
    private final SqliteUnitStore units;
    private final SqliteAccountStore accounts;
    private final SqliteSessionStore sessions;
    private final SqliteAuditStore audit;
    private final SqlitePolicyStore policies;
    private final SqliteSilenceAlertStore silenceAlerts;
    private final SqliteSocExportStore socExport;
    private final SqliteIncidentStore incidents;
    private final SqliteRetentionStore retention;
    private final SqliteViolationReportStore violationReports;

    private SqliteDatabase(SqliteConnections connections, IncidentRules incidentRules) {
        this.connections = connections;
        this.tokens = new SqliteTokenStore(connections);
        this.agents = new SqliteAgentStore(connections);
        this.events = new SqliteEventStore(connections, new ViolationFiling(incidentRules));
        this.units = new SqliteUnitStore(connections);
        this.accounts = new SqliteAccountStore(connections);
        this.sessions = new SqliteSessionStore(connections);
        this.audit = new SqliteAuditStore(connections);
        this.policies = new SqlitePolicyStore(connections);
        this.silenceAlerts = new SqliteSilenceAlertStore(connections);
        this.socExport = new SqliteSocExportStore(connections);
        this.incidents = new SqliteIncidentStore(connections);
        this.retention = new SqliteRetentionStore(connections);
        this.violationReports = new SqliteViolationReportStore(connections);
    }

    /**
     * Opens (creating if needed) the database file and migrates its schema.
     *
     * @throws StoreException if the directory cannot be created, the file is not a SQLite
     *                        database (it is then left untouched), is damaged, or cannot be written
     */
    public static SqliteDatabase open(Path file) {
        return open(file, IncidentRules.defaults());
    }

    /**
     * As {@link #open(Path)}, filing violations into incidents by {@code incidentRules} (the
     * server's configured reporting deadline).
     */
    public static SqliteDatabase open(Path file, IncidentRules incidentRules) {
        Path path = file.toAbsolutePath().normalize();
        createParentDirectories(path);
        requireWritable(path);
        requireSqliteHeader(path);
        Connection writer = SqliteConnections.openWriter(path);
        try {
            requireOwnSchema(path, writer);
            migrate(path);
        } catch (RuntimeException e) {
            SqliteConnections.closeQuietly(writer, e);
            throw e;
        }
        return new SqliteDatabase(SqliteConnections.withReaders(path, writer, READERS), incidentRules);
    }

    public Path file() {
        return connections.file();
    }

    public SqliteTokenStore tokens() {
        return tokens;
    }

    public SqliteAgentStore agents() {
        return agents;
    }

    public SqliteEventStore events() {
        return events;
    }

    public SqliteUnitStore units() {
        return units;
    }

    public SqliteAccountStore accounts() {
        return accounts;
    }

    public SqliteSessionStore sessions() {
        return sessions;
    }

    public SqliteSilenceAlertStore silenceAlerts() {
        return silenceAlerts;
    }

    public SqliteAuditStore audit() {
        return audit;
    }

    public SqlitePolicyStore policies() {
        return policies;
    }

    public SqliteSocExportStore socExport() {
        return socExport;
    }

    public SqliteIncidentStore incidents() {
        return incidents;
    }

    public SqliteRetentionStore retention() {
        return retention;
    }

    public SqliteViolationReportStore violationReports() {
        return violationReports;
    }

    @Override
    public void close() {
        connections.close();
    }

    private static void createParentDirectories(Path file) {
        Path parent = file.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("could not create the data directory " + parent + " for " + file.getFileName()
                    + ": " + e + "; create it yourself or choose another data directory, and make sure the server's user can write there", e);
        }
    }

    private static void requireWritable(Path file) {
        Path parent = file.getParent();
        // SQLite needs the directory too: the -wal and -shm files are created beside the database.
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new StoreException("cannot write the database " + file + ": the file or its directory is not writable"
                    + " by this user; fix the permissions or choose another data directory");
        }
    }

    /**
     * Refuses a non-empty file that does not start with SQLite's header before SQLite opens it,
     * so that a wrong path (a config file, a backup archive) is reported and never modified.
     */
    private static void requireSqliteHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            if (Files.exists(file)) {
                throw new StoreException("cannot open the database " + file + ": it is not a regular file; point the server at a file path");
            }
            return;
        }
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new StoreException("could not read the database " + file + ": " + e
                    + "; check that the server's user can read it", e);
        }
        if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
            throw new StoreException("cannot open the database " + file + ": the file is not a SQLite database"
                    + " (it does not start with the SQLite header); it was left unchanged. Point the server at another"
                    + " data directory, or move the file aside to start with an empty database");
        }
    }

    /**
     * Refuses a SQLite file that holds tables but no schema history: it belongs to another
     * application, and migrating it would mix our tables into its data. Reading the schema
     * also makes a damaged file fail here, clearly, since SQLite opens files lazily.
     */
    private static void requireOwnSchema(Path file, Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) AS tables,"
                     + " count(*) FILTER (WHERE name = '" + SCHEMA_HISTORY + "') AS history"
                     + " FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            rows.next();
            if (rows.getLong("tables") > 0 && rows.getLong("history") == 0) {
                throw new StoreException("cannot open the database " + file + ": it holds tables of another application"
                        + " (no " + SCHEMA_HISTORY + " table); it was left unchanged. Point the server at another data"
                        + " directory, or move the file aside to start with an empty database");
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate("read the database schema", file, e);
        }
    }

    private static void migrate(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource(SqliteConnections.baseConfig());
        dataSource.setUrl("jdbc:sqlite:" + file);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            SQLException cause = SqliteErrors.sqlCause(e);
            String advice = cause != null ? SqliteErrors.advice(file, cause)
                    : "the file may have been changed by hand or by a newer server version; restore it from a backup"
                      + " or run the server version that wrote it";
            throw new StoreException("could not migrate the schema of " + file + ": " + e.getMessage() + "; " + advice, e);
        }
    }
}
