package vn.canhgac.server.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one connection; {@link SqliteConnections} supplies the connection and the transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
