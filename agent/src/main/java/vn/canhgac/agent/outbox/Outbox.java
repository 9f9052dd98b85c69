package vn.canhgac.agent.outbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;
import vn.canhgac.protocol.FrameLimits;

/**
 * The agent's durable queue of events: every event is written here before anything is sent,
 * and deleted only once the server has acknowledged it.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Once {@link #append} returns {@link AppendResult.Stored}, the event survives a kill -9
 *       and a power loss: SQLite WAL with {@code synchronous=FULL} syncs the log on every
 *       commit.
 *   <li>Sequences are strictly increasing and never reused, even after the newest events are
 *       acknowledged and the file is reopened: the last assigned sequence is kept in
 *       {@code outbox_state}, not derived from the rows that remain (the same row keeps the
 *       event count and the drop counters).
 *   <li>A full outbox drops the new event, never an old one, and never silently: the
 *       persisted dropped counter grows, and the next {@link #acknowledge} that frees room
 *       appends one {@value #DROPPED_EVENT_TYPE} event saying how many were lost.
 *   <li>A file that is not a readable outbox (random bytes, another program's database, a
 *       newer agent's schema) is refused with {@link OutboxException} before anything is
 *       written to it.
 * </ul>
 *
 * <p>Implementation notes: one JDBC connection guarded by one lock, so a collector thread and
 * the channel may call any method concurrently; calls are serialized. Each append is one
 * {@code BEGIN IMMEDIATE} transaction (taking the write lock up front, so two processes on the
 * same file wait on {@code busy_timeout} instead of failing on a lock upgrade) and costs one
 * fsync. Counting, dropping and the drop report happen inside that transaction, so a crash
 * can neither lose a count nor report the same drops twice.
 */
public final class Outbox implements AutoCloseable {

    /** Type of the event that reports dropped events; see the class comment. */
    public static final String DROPPED_EVENT_TYPE = "agent.outbox.dropped";
    /** Severity of the drop report: HIGH, because evidence was lost. */
    public static final int DROPPED_EVENT_SEVERITY = 4;

    static final int SCHEMA_VERSION = 1;
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    static final int MAX_TYPE_LENGTH = 128;

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String CREATE_EVENT_TABLE = """
            CREATE TABLE outbox_event (
                sequence     INTEGER PRIMARY KEY,
                occurred_at  TEXT    NOT NULL,
                type         TEXT    NOT NULL,
                severity     INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 5),
                payload_json TEXT    NOT NULL
            ) STRICT""";
    private static final String CREATE_STATE_TABLE = """
            CREATE TABLE outbox_state (
                id                     INTEGER PRIMARY KEY CHECK (id = 1),
                last_sequence          INTEGER NOT NULL,
                event_count            INTEGER NOT NULL,
                dropped_total          INTEGER NOT NULL,
                reported_dropped_total INTEGER NOT NULL
            ) STRICT""";

    /** What became of an appended event. */
    public sealed interface AppendResult {
        /** Stored durably under this sequence. */
        record Stored(long sequence) implements AppendResult {}

        /** Not stored: the outbox was full. {@code droppedTotal} counts every drop so far. */
        record Dropped(long droppedTotal) implements AppendResult {}
    }

    private final Path file;
    private final long capacity;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    private Outbox(Path file, long capacity, Clock clock, Connection connection) {
        this.file = file;
        this.capacity = capacity;
        this.clock = clock;
        this.connection = connection;
    }

    /**
     * Opens the outbox at {@code file}, creating it if it does not exist.
     *
     * @param capacity the most events held at once; appends beyond it are dropped and counted
     * @throws OutboxException if the file is corrupt, is not an outbox, was written by a newer
     *     agent, or cannot be created or written; the file is left untouched
     */
    public static Outbox open(Path file, long capacity, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        if (capacity <= 0) {
            throw new IllegalArgumentException(
                    "outbox capacity must be positive (got " + capacity + ")");
        }
        Path absolute = file.toAbsolutePath().normalize();
        checkLocation(absolute);
        Connection connection = connect(absolute);
        try {
            // Everything before configure() only reads, so a file we refuse stays byte-for-byte
            // as it was: switching to WAL would already rewrite its header.
            boolean isNew = checkExistingContent(absolute, connection);
            configure(absolute, connection);
            if (isNew) {
                createSchema(connection);
            } else {
                reconcileState(absolute, connection);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw translate(absolute, "open", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        Outbox outbox = new Outbox(absolute, capacity, clock, connection);
        long size = outbox.size();
        log.info("outbox opened file={} size={} capacity={} lastSequence={} droppedTotal={}",
                absolute, size, capacity, outbox.lastSequence(), outbox.droppedTotal());
        if (size > capacity) {
            log.warn("outbox holds more events than its capacity, new events are dropped until"
                    + " the server acknowledges file={} size={} capacity={}", absolute, size, capacity);
        }
        return outbox;
    }

    /**
     * Stores an event under the next sequence, stamped with the clock's current instant. Never
     * throws because the outbox is full: the event is then dropped and counted instead.
     *
     * @param type dotted event name, such as "usb.connected"
     * @param severity 0..5, the wire enum's numbering
     * @param payloadJson a JSON object of at most {@link FrameLimits#MAX_EVENT_PAYLOAD_BYTES}
     *     bytes in UTF-8
     * @throws IllegalArgumentException if an argument breaks the rules above
     * @throws OutboxException if the disk fails or is full
     */
    public AppendResult append(String type, int severity, String payloadJson) {
        validate(type, severity, payloadJson);
        return inTransaction("append " + type, () -> {
            State state = readState();
            if (state.eventCount() >= capacity) {
                State dropped = state.withDroppedTotal(state.droppedTotal() + 1);
                writeState(dropped);
                logDrop(type, dropped.droppedTotal(),
                        dropped.droppedTotal() - dropped.reportedDroppedTotal());
                return new AppendResult.Dropped(dropped.droppedTotal());
            }
            State stored = insert(state, type, severity, payloadJson);
            writeState(stored);
            return new AppendResult.Stored(stored.lastSequence());
        });
    }

    /**
     * Up to {@code limit} events with a sequence above {@code afterSequence}, oldest first.
     * Nothing is removed; the channel calls {@link #acknowledge} once the server holds them.
     */
    public List<OutboxEvent> peek(long afterSequence, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("peek limit must be positive (got " + limit + ")");
        }
        return withConnection("peek", () -> {
            List<OutboxEvent> events = new ArrayList<>(Math.min(limit, 1024));
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT sequence, occurred_at, type, severity, payload_json
                    FROM outbox_event WHERE sequence > ? ORDER BY sequence LIMIT ?""")) {
                query.setLong(1, afterSequence);
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(new OutboxEvent(
                                rows.getLong(1),
                                Instant.parse(rows.getString(2)),
                                rows.getString(3),
                                rows.getInt(4),
                                rows.getString(5)));
                    }
                }
            }
            return events;
        });
    }

    /**
     * Deletes every event with a sequence at or below {@code upToSequence}: the server holds
     * them. Repeating an acknowledgement is harmless and returns 0. If this frees room and
     * events were dropped since the last report, a {@value #DROPPED_EVENT_TYPE} event is
     * appended in the same transaction, even if that needs one slot over capacity.
     *
     * @return how many events were deleted (the drop report is not counted)
     */
    public int acknowledge(long upToSequence) {
        return inTransaction("acknowledge up to " + upToSequence, () -> {
            int deleted;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM outbox_event WHERE sequence <= ?")) {
                delete.setLong(1, upToSequence);
                deleted = delete.executeUpdate();
            }
            if (deleted == 0) {
                // A repeated acknowledgement: nothing changed, so commit nothing and sync nothing.
                return 0;
            }
            State before = readState();
            State state = before.withEventCount(before.eventCount() - deleted);
            if (state.droppedTotal() > state.reportedDroppedTotal()) {
                state = reportDrops(state);
            }
            writeState(state);
            return deleted;
        });
    }

    /** How many events are waiting. */
    public long size() {
        return withConnection("read event count", () -> readState().eventCount());
    }

    /** Events dropped because the outbox was full, over the life of this file. */
    public long droppedTotal() {
        return withConnection("read dropped total", () -> readState().droppedTotal());
    }

    /** The highest sequence ever assigned, 0 if none; acknowledged events count too. */
    public long lastSequence() {
        return withConnection("read last sequence", () -> readState().lastSequence());
    }

    public Path file() {
        return file;
    }

    /** Closes the database; later calls fail with {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (SQLException e) {
                throw translate(file, "close", e);
            } finally {
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The connection's value of a PRAGMA, for tests that pin the durability settings. */
    String pragma(String name) {
        return withConnection("read pragma " + name, () -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    @Override
    public String toString() {
        return "Outbox[" + file + ", capacity=" + capacity + "]";
    }

    /** Inserts under the next sequence; returns the state to write, which the caller does. */
    private State insert(State state, String type, int severity, String payloadJson)
            throws SQLException {
        long sequence = state.lastSequence() + 1;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_event (sequence, occurred_at, type, severity, payload_json)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setLong(1, sequence);
            insert.setString(2, clock.instant().toString());
            insert.setString(3, type);
            insert.setInt(4, severity);
            insert.setString(5, payloadJson);
            insert.executeUpdate();
        }
        return state.withLastSequence(sequence).withEventCount(state.eventCount() + 1);
    }

    private State reportDrops(State state) throws SQLException {
        long sinceLastReport = state.droppedTotal() - state.reportedDroppedTotal();
        ObjectNode payload = JSON.createObjectNode()
                .put("droppedSinceLastReport", sinceLastReport)
                .put("droppedTotal", state.droppedTotal())
                .put("capacity", capacity);
        State reported = insert(state, DROPPED_EVENT_TYPE, DROPPED_EVENT_SEVERITY, payload.toString())
                .withReportedDroppedTotal(state.droppedTotal());
        log.warn("outbox dropped events reported file={} droppedSinceLastReport={}"
                        + " droppedTotal={} capacity={} sequence={}",
                file, sinceLastReport, state.droppedTotal(), capacity, reported.lastSequence());
        return reported;
    }

    private void logDrop(String type, long droppedTotal, long sinceLastReport) {
        if (sinceLastReport == 1) {
            // Once per episode: a full outbox under load would otherwise log every event.
            log.warn("outbox full, dropping new events until the server acknowledges"
                    + " file={} capacity={} type={} droppedTotal={}", file, capacity, type, droppedTotal);
        } else {
            log.debug("outbox full, event dropped file={} type={} droppedTotal={}",
                    file, type, droppedTotal);
        }
    }

    private State readState() throws SQLException {
        return readState(file, connection);
    }

    private static State readState(Path file, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT last_sequence, event_count, dropped_total, reported_dropped_total
                        FROM outbox_state WHERE id = 1""")) {
            if (!rows.next()) {
                throw new OutboxException("outbox " + file + " has lost its state row (table"
                        + " outbox_state is empty), so sequences cannot be continued safely;"
                        + " move the file aside and restart the agent");
            }
            return new State(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
        }
    }

    private void writeState(State state) throws SQLException {
        writeState(connection, state);
    }

    private static void writeState(Connection connection, State state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE outbox_state SET last_sequence = ?, event_count = ?, dropped_total = ?,
                    reported_dropped_total = ?
                WHERE id = 1""")) {
            update.setLong(1, state.lastSequence());
            update.setLong(2, state.eventCount());
            update.setLong(3, state.droppedTotal());
            update.setLong(4, state.reportedDroppedTotal());
            update.executeUpdate();
        }
    }

    /**
     * The single row of {@code outbox_state}. {@code eventCount} mirrors {@code count(*)} of
     * the event table, kept in the same transactions, because counting 100k rows on every
     * append costs about 10 ms.
     */
    private record State(
            long lastSequence, long eventCount, long droppedTotal, long reportedDroppedTotal) {

        State withLastSequence(long value) {
            return new State(value, eventCount, droppedTotal, reportedDroppedTotal);
        }

        State withEventCount(long value) {
            return new State(lastSequence, value, droppedTotal, reportedDroppedTotal);
        }

        State withDroppedTotal(long value) {
            return new State(lastSequence, eventCount, value, reportedDroppedTotal);
        }

        State withReportedDroppedTotal(long value) {
            return new State(lastSequence, eventCount, droppedTotal, value);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T withConnection(String operation, SqlWork<T> work) {
        lock.lock();
        try {
            if (connection == null) {
                throw new IllegalStateException("outbox " + file + " is closed; cannot " + operation);
            }
            return work.run();
        } catch (SQLException e) {
            throw translate(file, operation, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(String operation, SqlWork<T> work) {
        return withConnection(operation, () -> transaction(connection, work));
    }

    /**
     * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction. Explicit statements rather
     * than {@code setAutoCommit(false)}: with that, the driver begins the next transaction as
     * soon as one commits, which in IMMEDIATE mode holds the write lock between calls.
     */
    private static <T> T transaction(Connection connection, SqlWork<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = work.run();
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR);
                    // the original failure is what the caller needs to see.
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            return result;
        }
    }

    private static void validate(String type, int severity, String payloadJson) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (type.isBlank() || type.length() > MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException("event type must be 1.." + MAX_TYPE_LENGTH
                    + " characters and not blank (got \"" + type + "\")");
        }
        if (severity < 0 || severity > 5) {
            throw new IllegalArgumentException(
                    "event severity must be 0..5 (got " + severity + ") for type " + type);
        }
        int bytes = payloadJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > FrameLimits.MAX_EVENT_PAYLOAD_BYTES) {
            // Stored, it could never be sent: the server refuses it and the queue would jam.
            throw new IllegalArgumentException("event payload of type " + type + " is " + bytes
                    + " bytes, more than the " + FrameLimits.MAX_EVENT_PAYLOAD_BYTES
                    + " the protocol carries; shorten it (hashes instead of contents)");
        }
        JsonNode node;
        try {
            node = JSON.readTree(payloadJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("event payload of type " + type
                    + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("event payload of type " + type
                    + " must be a JSON object (got " + (node == null || node.isMissingNode()
                            ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT))
                    + ")");
        }
    }

    private static void checkLocation(Path file) {
        if (Files.isDirectory(file)) {
            throw new OutboxException("outbox path " + file + " is a directory; point the"
                    + " outbox setting at a file inside it, such as " + file.resolve("outbox.db"));
        }
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new OutboxException("cannot create outbox " + file + ": directory "
                    + directory + " does not exist; create it, writable by the agent's user,"
                    + " or change the outbox path");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new OutboxException("outbox " + file + " is not writable by this process;"
                    + " give the agent's user write permission on it");
        }
        if (!Files.isWritable(directory)) {
            throw new OutboxException("directory " + directory + " of outbox " + file
                    + " is not writable by this process; the write-ahead log needs to create "
                    + file.getFileName() + "-wal and -shm beside it, so give the agent's user"
                    + " write permission on the directory");
        }
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw translate(file, "open", e);
        }
    }

    /**
     * Reads the file and decides whether it is a new outbox (true), our outbox (false), or
     * something to refuse (exception). Reads only.
     */
    private static boolean checkExistingContent(Path file, Connection connection)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // quick_check reads every page, so damage surfaces now, as one clear error, rather
            // than halfway through a drain.
            try (ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
                rows.next();
                String verdict = rows.getString(1);
                if (!"ok".equals(verdict)) {
                    throw corrupt(file, "integrity check failed: " + verdict, null);
                }
            }
            int version;
            try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
                rows.next();
                version = rows.getInt(1);
            }
            TreeSet<String> tables = new TreeSet<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT name FROM sqlite_schema WHERE type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (version == 0 && tables.isEmpty()) {
                return true;
            }
            if (version > SCHEMA_VERSION) {
                throw new OutboxException("outbox " + file + " has schema version " + version
                        + ", written by a newer agent (this one understands up to "
                        + SCHEMA_VERSION + "); run the newer agent, or move the file aside to"
                        + " start an empty outbox");
            }
            if (version != SCHEMA_VERSION
                    || !tables.containsAll(List.of("outbox_event", "outbox_state"))) {
                throw new OutboxException("file " + file + " is an SQLite database but not a"
                        + " Canh Gác outbox (user_version=" + version + ", tables=" + tables
                        + "); it was left untouched; point the outbox setting at another path"
                        + " or move the file aside");
            }
            return false;
        }
    }

    private static void configure(Path file, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                rows.next();
                String mode = rows.getString(1);
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new OutboxException("outbox " + file + " cannot use write-ahead logging"
                            + " (journal_mode stayed " + mode + "); put it on a local file"
                            + " system, not a network share");
                }
            }
            // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss.
            statement.execute("PRAGMA synchronous = FULL");
        }
    }

    private static void createSchema(Connection connection) throws SQLException {
        transaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_EVENT_TABLE);
                statement.execute(CREATE_STATE_TABLE);
                statement.execute("INSERT INTO outbox_state VALUES (1, 0, 0, 0, 0)");
                statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            return null;
        });
    }

    /**
     * Makes the state row agree with the event table once per open, so a row edited by hand
     * can neither make size() lie nor hand out a sequence that is still in the table.
     */
    private static void reconcileState(Path file, Connection connection) throws SQLException {
        transaction(connection, () -> {
            State state = readState(file, connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT count(*), coalesce(max(sequence), 0) FROM outbox_event")) {
                rows.next();
                long count = rows.getLong(1);
                long highest = rows.getLong(2);
                if (count != state.eventCount() || highest > state.lastSequence()) {
                    log.warn("outbox state disagreed with its events and was corrected file={}"
                                    + " eventCount={} actualCount={} lastSequence={} highestSequence={}",
                            file, state.eventCount(), count, state.lastSequence(), highest);
                    writeState(connection, state.withEventCount(count)
                            .withLastSequence(Math.max(highest, state.lastSequence())));
                }
            }
            return null;
        });
    }

    private static OutboxException corrupt(Path file, String detail, Throwable cause) {
        return new OutboxException("outbox " + file + " is not a readable SQLite database ("
                + detail + "); the agent left it untouched. Move it aside (events still in it"
                + " can be salvaged with `sqlite3 " + file + " .recover`) and restart the agent"
                + " to begin a new outbox", cause);
    }

    private static OutboxException translate(Path file, String operation, SQLException e) {
        int primaryCode = (e instanceof SQLiteException sqlite
                ? sqlite.getResultCode().code
                : e.getErrorCode()) & 0xff;
        String detail = e.getMessage();
        return switch (primaryCode) {
            case 11, 26 -> corrupt(file, detail, e); // CORRUPT, NOTADB
            case 3, 8, 14 -> new OutboxException("cannot " + operation + " outbox " + file + ": "
                    + detail + "; check that the file and its directory are writable by the"
                    + " agent's user and the disk is not mounted read-only", e); // PERM, READONLY, CANTOPEN
            case 13 -> new OutboxException("cannot " + operation + " outbox " + file
                    + ": the disk is full (" + detail + "); free space on that disk", e); // FULL
            case 5, 6 -> new OutboxException("cannot " + operation + " outbox " + file
                    + ": locked by another process for more than " + BUSY_TIMEOUT_MILLIS
                    + " ms (" + detail + "); make sure only one agent uses this file", e); // BUSY, LOCKED
            default -> new OutboxException("cannot " + operation + " outbox " + file + ": " + detail, e);
        };
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing outbox connection after a failed open also failed error={}", e.toString());
        }
    }
}
