package vn.canhgac.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import vn.canhgac.server.store.StoreException;

/**
 * The connections to one SQLite file: one writer and a small pool of readers.
 *
 * <p>Implementation notes. SQLite admits one writer at a time, so all writes go through a
 * single connection guarded by {@link #writeLock}; each write is one transaction, begun
 * IMMEDIATE so that it takes the file's write lock up front instead of failing half-way when
 * another process (an admin CLI) writes too. In WAL mode readers never block the writer nor
 * each other, so reads use their own read-only connections from {@link #readers}: the HTTP
 * API keeps answering while the agent channel stores batches. A connection is used by one
 * thread at a time; that is what the lock and the pool guarantee.
 */
final class SqliteConnections implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteConnections.class);

    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final long READ_WAIT_MILLIS = 30_000;

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    private final int readerCount;
    private volatile boolean closed;

    private SqliteConnections(Path file, Connection writer, List<Connection> readers) {
        this.file = file;
        this.writer = writer;
        this.readerCount = readers.size();
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /** Opens the writer, which also switches the file to WAL; call before anything else touches the file. */
    static Connection openWriter(Path file) {
        SQLiteConfig config = baseConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL, not NORMAL: an acknowledged event is deleted from the agent's outbox, so the commit
        // behind an acknowledgement must survive a power cut, not only a killed process (~10% slower).
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return connect(file, config, "open the database");
    }

    /** Takes ownership of {@code writer} and opens {@code readerCount} read-only connections. */
    static SqliteConnections withReaders(Path file, Connection writer, int readerCount) {
        List<Connection> readers = new ArrayList<>(readerCount);
        SQLiteConfig config = baseConfig();
        config.setReadOnly(true);
        try {
            for (int i = 0; i < readerCount; i++) {
                readers.add(connect(file, config, "open a read connection"));
            }
        } catch (StoreException e) {
            readers.forEach(reader -> closeQuietly(reader, e));
            closeQuietly(writer, e);
            throw e;
        }
        return new SqliteConnections(file, writer, readers);
    }

    /** Settings every connection to the file shares, the migration's included. */
    static SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config;
    }

    private static Connection connect(Path file, SQLiteConfig config, String action) {
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw SqliteErrors.translate(action, file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws. */
    <T> T write(String action, SqlWork<T> work) {
        writeLock.lock();
        try {
            requireOpen(action);
            return inTransaction(action, work);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T inTransaction(String action, SqlWork<T> work) {
        try {
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw SqliteErrors.translate(action, file, e);
        }
        try {
            T result = work.run(writer);
            writer.commit();
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw SqliteErrors.translate(action, file, e);
        } catch (RuntimeException | Error e) {
            rollback(e);
            throw e;
        } finally {
            restoreAutoCommit(action);
        }
    }

    private void rollback(Throwable cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void restoreAutoCommit(String action) {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("event=sqlite_autocommit_restore_failed file={} action=\"{}\" error=\"{}\"", file, action, e.getMessage());
        }
    }

    /** Runs one statement with these parameters in its own write transaction; returns the number of rows it changed. */
    int update(String action, String sql, Object... parameters) {
        return write(action, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    update.setObject(i + 1, parameters[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    /** Runs {@code work} on a read-only connection; each statement sees the last committed state. */
    <T> T read(String action, SqlWork<T> work) {
        Connection reader = borrow(action);
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw SqliteErrors.translate(action, file, e);
        } finally {
            readers.add(reader);
        }
    }

    private Connection borrow(String action) {
        requireOpen(action);
        Connection reader;
        try {
            reader = readers.poll(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("could not " + action + " in " + file + ": interrupted while waiting for a read connection", e);
        }
        if (reader == null) {
            throw new StoreException("could not " + action + " in " + file + ": timed out after " + READ_WAIT_MILLIS
                    + "ms waiting for a read connection (pool=" + readerCount + ", idle=0); reads are taking too long,"
                    + " check the disk and the size of queries");
        }
        if (closed) {
            readers.add(reader);
            throw closedError(action);
        }
        return reader;
    }

    private void requireOpen(String action) {
        if (closed) {
            throw closedError(action);
        }
    }

    private StoreException closedError(String action) {
        return new StoreException("could not " + action + " in " + file + ": the database is closed (the server is shutting down)");
    }

    /** Waits for reads in flight to finish, then closes every connection. Idempotent. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(writer, null);
            for (int i = 0; i < readerCount; i++) {
                Connection reader = readers.poll(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (reader == null) {
                    log.warn("event=sqlite_close_timeout file={} waitedMs={} openReaders={}", file, READ_WAIT_MILLIS, readerCount - i);
                    return;
                }
                closeQuietly(reader, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("event=sqlite_close_interrupted file={}", file);
        } finally {
            writeLock.unlock();
        }
    }

    static void closeQuietly(Connection connection, Throwable primary) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                log.warn("event=sqlite_close_failed error=\"{}\"", e.getMessage());
            }
        }
    }
}
