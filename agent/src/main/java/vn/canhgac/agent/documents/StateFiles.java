package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite files of the document scanner in the agent's state directory. They hold host paths, and
 * a path can name a secret, so each file is created readable by its owner only (SQLite gives its
 * -wal and -shm files the same mode).
 */
final class StateFiles {

    private StateFiles() {}

    static Connection openOwnerOnly(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // Reopened after a restart: the mode it was created with stands.
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the state directory's ACL protects it instead.
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage()
                    + " (check that the agent's state directory is writable)", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + file + " as SQLite: " + e.getMessage()
                    + " (move the file aside if it is damaged; it is rebuilt on the next scan)", e);
        }
    }

    /** Work on a connection that may fail with SQL; see {@link #call}. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs SQL work, turning a failure into one that names the file's role and what to do. */
    static <T> T call(String what, String remedy, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage() + " (" + remedy + ")", e);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing after a failure or at shutdown: there is nothing left to save.
        }
    }
}
