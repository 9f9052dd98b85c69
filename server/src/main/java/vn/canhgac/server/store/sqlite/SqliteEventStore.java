package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.EventStore;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.ServerEvent;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.store.StoredEvent;

/**
 * Events in the {@code events} table; events whose type ends with {@code .violation} are also
 * filed in {@code violations} and into incidents ({@link ViolationFiling}).
 *
 * <p>Implementation notes. Exactly-once storage rests on UNIQUE(agent_id, sequence) and
 * INSERT OR IGNORE: a redelivered event is skipped by SQLite itself, so the channel may resend
 * freely. The agent's highest sequence, the events and the violations change in one
 * transaction (with the incidents they raise or join), so an acknowledgement computed from {@code agents.highest_sequence} never
 * covers an event that is not durably stored. Speed comes from one prepared INSERT reused
 * through addBatch/executeBatch inside that single transaction.
 */
public final class SqliteEventStore implements EventStore {
    private static final int EXECUTE_EVERY = 1000;
    private static final String COLUMNS = "id, agent_id, sequence, occurred_at, received_at, type, severity, payload";

    private final SqliteConnections db;
    private final ViolationFiling filing;

    SqliteEventStore(SqliteConnections db, ViolationFiling filing) {
        this.db = db;
        this.filing = filing;
    }

    @Override
    public Map<String, Long> storeBatches(List<AgentBatch> batches, Instant receivedAt) {
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (batches.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> batchMaxima = new LinkedHashMap<>();
        int eventCount = 0;
        for (AgentBatch batch : batches) {
            long max = batch.events().stream().mapToLong(NewEvent::sequence).max().orElse(0);
            batchMaxima.merge(batch.agentId(), max, Math::max);
            eventCount += batch.events().size();
        }
        String action = "store " + eventCount + " events from " + batchMaxima.size() + " agents (tables events, violations, incidents)";
        return db.write(action, connection -> {
            raiseHighestSequences(connection, batchMaxima);
            insertEvents(connection, batches, receivedAt);
            filing.file(connection, batches, receivedAt);
            return highestSequences(connection, batchMaxima.keySet());
        });
    }

    /** Also proves every agent is enrolled before any event is written; one unknown agent fails the whole call. */
    private void raiseHighestSequences(Connection connection, Map<String, Long> batchMaxima) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE agents SET highest_sequence = MAX(highest_sequence, ?) WHERE id = ?")) {
            for (Map.Entry<String, Long> entry : batchMaxima.entrySet()) {
                update.setLong(1, entry.getValue());
                update.setString(2, entry.getKey());
                if (update.executeUpdate() == 0) {
                    throw new StoreException("cannot store events of agent " + entry.getKey() + ": it is not enrolled"
                            + " (no row in table agents of " + db.file() + "); nothing from this call was stored."
                            + " Events are accepted only from enrolled agents");
                }
            }
        }
    }

    private static void insertEvents(Connection connection, List<AgentBatch> batches, Instant receivedAt) throws SQLException {
        long received = millis(receivedAt);
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO events"
                + " (agent_id, sequence, occurred_at, received_at, type, severity, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (AgentBatch batch : batches) {
                for (NewEvent event : batch.events()) {
                    insert.setString(1, batch.agentId());
                    insert.setLong(2, event.sequence());
                    insert.setLong(3, millis(event.occurredAt()));
                    insert.setLong(4, received);
                    insert.setString(5, event.type());
                    insert.setInt(6, event.severity());
                    insert.setString(7, event.payloadJson());
                    insert.addBatch();
                    // Bounded so that a very large call does not hold every bound parameter in memory at once.
                    if (++pending == EXECUTE_EVERY) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static Map<String, Long> highestSequences(Connection connection, Iterable<String> agentIds) throws SQLException {
        Map<String, Long> highest = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT highest_sequence FROM agents WHERE id = ?")) {
            for (String agentId : agentIds) {
                highest.put(agentId, singleLong(select, agentId));
            }
        }
        return Collections.unmodifiableMap(highest);
    }

    /**
     * Stores an event the server records about an agent, inside the caller's write transaction, with
     * the agent's next negative sequence (see {@code V4__agent_status.sql}); returns that sequence.
     * {@code agents.highest_sequence} is left alone: it counts the agent's own events only.
     */
    static long insertServerEvent(Connection connection, String agentId, ServerEvent event) throws SQLException {
        long sequence;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(sequence) FROM events WHERE agent_id = ? AND sequence < 0")) {
            // MIN over no rows is NULL, which getLong reads as 0: the first server event is -1.
            sequence = singleLong(select, agentId) - 1;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events"
                + " (agent_id, sequence, occurred_at, received_at, type, severity, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, agentId);
            insert.setLong(2, sequence);
            insert.setLong(3, millis(event.occurredAt()));
            insert.setLong(4, millis(event.occurredAt()));
            insert.setString(5, event.type());
            insert.setInt(6, event.severity());
            insert.setString(7, event.payloadJson());
            insert.executeUpdate();
        }
        return sequence;
    }

    @Override
    public long highestSequence(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        return db.read("read the highest sequence of agent " + agentId + " (table agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT highest_sequence FROM agents WHERE id = ?")) {
                return singleLong(select, agentId);
            }
        });
    }

    @Override
    public List<StoredEvent> query(EventQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM events WHERE id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.afterId());
        query.agentId().ifPresent(agent -> {
            sql.append(" AND agent_id = ?");
            parameters.add(agent);
        });
        query.units().ifPresent(units ->
                sql.append(" AND agent_id IN (SELECT id FROM agents WHERE unit IN ").append(Rows.inList(units, parameters)).append(")"));
        query.from().ifPresent(from -> {
            sql.append(" AND occurred_at >= ?");
            parameters.add(millis(from));
        });
        query.until().ifPresent(until -> {
            sql.append(" AND occurred_at < ?");
            parameters.add(millis(until));
        });
        query.type().ifPresent(type -> {
            sql.append(" AND type = ?");
            parameters.add(type);
        });
        if (query.violationsOnly()) {
            sql.append(" AND id IN (SELECT event_id FROM violations)");
        }
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(Math.min(query.limit(), EventQuery.MAX_LIMIT));
        return db.read("query events (table events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                Rows.bind(select, parameters);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredEvent> events = new ArrayList<>();
                    while (rows.next()) {
                        events.add(event(rows));
                    }
                    return List.copyOf(events);
                }
            }
        });
    }

    @Override
    public long count(Optional<String> agentId) {
        Objects.requireNonNull(agentId, "agentId");
        return db.read("count events (table events)", connection -> {
            if (agentId.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM events")) {
                    return singleLong(select);
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM events WHERE agent_id = ?")) {
                return singleLong(select, agentId.get());
            }
        });
    }

    @Override
    public long countDistinct(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        return db.read("count distinct sequences of agent " + agentId + " (table events)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(DISTINCT sequence) FROM events WHERE agent_id = ? AND sequence > 0")) {
                return singleLong(select, agentId);
            }
        });
    }

    @Override
    public long countInSequenceRange(String agentId, long first, long last) {
        Objects.requireNonNull(agentId, "agentId");
        return db.read("count events " + first + ".." + last + " of agent " + agentId + " (table events)", connection -> {
            // Answered from the UNIQUE (agent_id, sequence) index alone.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM events WHERE agent_id = ? AND sequence BETWEEN ? AND ?")) {
                select.setString(1, agentId);
                select.setLong(2, first);
                select.setLong(3, last);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0;
                }
            }
        });
    }

    /** Number of events of the agent recorded as violations; for tests and reports. */
    public long countViolations(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        return db.read("count violations of agent " + agentId + " (table violations)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM violations WHERE agent_id = ?")) {
                return singleLong(select, agentId);
            }
        });
    }

    /** The first column of the first row, or 0 when there is no row. */
    private static long singleLong(PreparedStatement select, String... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            select.setString(i + 1, parameters[i]);
        }
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(
                row.getLong("id"),
                row.getString("agent_id"),
                row.getLong("sequence"),
                Rows.instant(row, "occurred_at"),
                Rows.instant(row, "received_at"),
                row.getString("type"),
                row.getInt("severity"),
                row.getString("payload"));
    }
}
