package vn.canhgac.server.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Column conversions shared by the SQLite stores: times are epoch milliseconds, absent values NULL. */
final class Rows {
    private Rows() {}

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static Optional<String> optionalString(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static void setOptionalInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, millis(value.get()));
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    static void setOptionalString(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    /**
     * {@code (?, ?, …)} for {@code values}, sorted so that the same set always gives the same
     * statement, and adds them to {@code parameters}. An empty set gives {@code (NULL)}, which
     * matches nothing: an empty scope must never mean "everything", and {@code IN ()} is not SQL.
     */
    static <T extends Comparable<? super T>> String inList(Set<T> values, List<Object> parameters) {
        parameters.addAll(values.stream().sorted().toList());
        return "(" + (values.isEmpty() ? "NULL" : String.join(", ", Collections.nCopies(values.size(), "?"))) + ")";
    }

    /** Binds {@code parameters} to the statement's placeholders, in order. */
    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
