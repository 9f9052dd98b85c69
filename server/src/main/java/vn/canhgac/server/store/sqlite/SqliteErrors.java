package vn.canhgac.server.store.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import vn.canhgac.server.store.StoreException;

/** Turns driver errors into {@link StoreException}s that say what failed, on which file, and what to do. */
final class SqliteErrors {
    private SqliteErrors() {}

    static StoreException translate(String action, Path file, SQLException error) {
        return new StoreException("could not " + action + " in " + file + ": " + error.getMessage()
                + "; " + advice(file, error), error);
    }

    /** Finds the SQLite error inside a wrapper (Flyway wraps driver errors in its own exceptions). */
    static SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    static String advice(Path file, SQLException error) {
        if (!(error instanceof SQLiteException sqlite)) {
            return "see the cause for details";
        }
        // The extended result code keeps the primary code in its low byte.
        int primary = sqlite.getResultCode().code & 0xff;
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return "another process holds the database lock; make sure only one server uses this data directory, then retry";
        }
        if (primary == SQLiteErrorCode.SQLITE_READONLY.code || primary == SQLiteErrorCode.SQLITE_PERM.code
                || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code || primary == SQLiteErrorCode.SQLITE_AUTH.code) {
            return "check that the server's user can read and write " + file + " and its directory";
        }
        if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return file + " is damaged or is not a Canh Gác database: restore it from a backup,"
                    + " or move it aside to start with an empty one";
        }
        if (primary == SQLiteErrorCode.SQLITE_FULL.code || primary == SQLiteErrorCode.SQLITE_IOERR.code) {
            return "check free space and the health of the disk that holds " + file;
        }
        if (primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
            return "the data conflicts with what is already stored (nothing was changed)";
        }
        return "see the cause for details";
    }
}
