package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import vn.canhgac.server.store.ViolationCount;
import vn.canhgac.server.store.ViolationFilter;
import vn.canhgac.server.store.ViolationReportStore;
import vn.canhgac.server.store.ViolationRow;

/**
 * Reads {@code violations} joined to {@code agents} (unit, host) and, for rows only, to
 * {@code events} (the payload).
 *
 * <p>Implementation notes. Summaries are GROUP BY queries, so a report of a million rows never
 * counts in Java. Rows come in keyset pages ordered by (occurred_at, event_id): the
 * {@code violations_occurred} index (occurred_at, then the rowid, which is event_id) gives that
 * order without sorting (INDEXED BY, and CROSS JOIN to keep violations the outer loop: with agents
 * outside, SQLite would sort everything after the page's start for every page), and each page is one short read, so an export never pins one of the
 * four read connections for minutes. The filter's highest event id keeps every query of one
 * report on the same set of rows.
 */
public final class SqliteViolationReportStore implements ViolationReportStore {
    private static final String FROM = " FROM violations v JOIN agents a ON a.id = v.agent_id";

    private final SqliteConnections db;

    SqliteViolationReportStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public long highestEventId() {
        return db.read("read the highest violation id (table violations)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(event_id), 0) FROM violations");
                 ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        });
    }

    @Override
    public List<ViolationCount> countByUnit(ViolationFilter filter) {
        return grouped("count violations per unit", "a.unit", filter, " GROUP BY a.unit ORDER BY n DESC, a.unit");
    }

    @Override
    public List<ViolationCount> countByType(ViolationFilter filter) {
        return grouped("count violations per type", "v.type", filter, " GROUP BY v.type ORDER BY n DESC, v.type");
    }

    @Override
    public List<ViolationCount> countBySeverity(ViolationFilter filter) {
        return grouped("count violations per severity", "CAST(v.severity AS TEXT)", filter, " GROUP BY v.severity ORDER BY v.severity DESC");
    }

    @Override
    public List<ViolationCount> countByBucket(ViolationFilter filter, Bucket bucket, ZoneOffset offset) {
        // Local time as seconds since the epoch; SQLite's date functions then work in that local calendar.
        String local = "v.occurred_at / 1000 + " + offset.getTotalSeconds();
        String key = switch (bucket) {
            case DAY -> "date(" + local + ", 'unixepoch')";
            // 'weekday 0' moves forward to Sunday (or stays on it); six days back is that week's Monday.
            case WEEK -> "date(" + local + ", 'unixepoch', 'weekday 0', '-6 days')";
            case MONTH -> "date(" + local + ", 'unixepoch', 'start of month')";
        };
        return grouped("count violations per " + bucket.name().toLowerCase(Locale.ROOT), key, filter,
                " GROUP BY k ORDER BY k");
    }

    @Override
    public List<ViolationRow> page(ViolationFilter filter, ViolationRow after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one row (got limit " + limit + ")");
        }
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT v.event_id, v.occurred_at, a.unit, a.hostname, v.agent_id, v.type, v.severity,"
                + " e.payload FROM violations v INDEXED BY violations_occurred CROSS JOIN agents a ON a.id = v.agent_id"
                + " CROSS JOIN events e ON e.id = v.event_id");
        // One lower bound on occurred_at only: given two, SQLite may start the index scan at the period's start on every page.
        where(sql, parameters, filter, after == null ? filter.from() : after.occurredAt());
        if (after != null) {
            sql.append(" AND (v.occurred_at > ? OR v.event_id > ?)");
            parameters.addAll(List.of(millis(after.occurredAt()), after.eventId()));
        }
        sql.append(" ORDER BY v.occurred_at, v.event_id LIMIT ?");
        parameters.add(limit);
        return db.read("read a page of violations (tables violations, agents, events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                Rows.bind(select, parameters);
                return rows(select, limit);
            }
        });
    }

    private static List<ViolationRow> rows(PreparedStatement select, int limit) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<ViolationRow> page = new ArrayList<>(limit);
            while (rows.next()) {
                String hostname = rows.getString(4);
                page.add(new ViolationRow(rows.getLong(1), Rows.instant(rows, "occurred_at"), rows.getString(3),
                        hostname == null ? "" : hostname, rows.getString(5), rows.getString(6), rows.getInt(7), rows.getString(8)));
            }
            return page;
        }
    }

    private List<ViolationCount> grouped(String action, String keyExpression, ViolationFilter filter, String tail) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + keyExpression + " AS k, COUNT(*) AS n" + FROM);
        where(sql, parameters, filter, filter.from());
        sql.append(tail);
        return db.read(action + " (tables violations, agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                Rows.bind(select, parameters);
                return counts(select);
            }
        });
    }

    private static List<ViolationCount> counts(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<ViolationCount> counts = new ArrayList<>();
            while (rows.next()) {
                if (rows.getLong(2) > 0) {
                    counts.add(new ViolationCount(rows.getString(1), rows.getLong(2)));
                }
            }
            return List.copyOf(counts);
        }
    }

    /** The filter's conditions, with rows from {@code from} on (the period's start, or a later page's). */
    private static void where(StringBuilder sql, List<Object> parameters, ViolationFilter filter, Instant from) {
        Objects.requireNonNull(filter, "filter");
        // "+v.event_id": the bound must not be served from the rowid, or SQLite reads every row up to it and sorts them for each page.
        sql.append(" WHERE +v.event_id <= ? AND v.occurred_at >= ? AND v.occurred_at < ?");
        parameters.addAll(List.of(filter.highestEventId(), millis(from), millis(filter.until())));
        sql.append(" AND a.unit IN ").append(Rows.inList(filter.units(), parameters));
        if (!filter.types().isEmpty()) {
            sql.append(" AND v.type IN ").append(Rows.inList(filter.types(), parameters));
        }
        if (!filter.severities().isEmpty()) {
            sql.append(" AND v.severity IN ").append(Rows.inList(filter.severities(), parameters));
        }
    }
}
