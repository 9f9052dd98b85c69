package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.canhgac.server.incidents.IncidentRules;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.NewEvent;

/**
 * Files newly stored violation events into {@code violations} and into incidents, inside the
 * event store's group-commit transaction: a violation and the incident it raised or joined
 * become durable together, before the agent is acknowledged.
 *
 * <p>Implementation notes. A violation is filed from the stored row, not from the batch, and
 * only when it has no {@code violations} row yet: a redelivered event is neither counted twice
 * nor filed under a payload other than the one held. New violations are grouped by (agent,
 * rule key) first, so a burst (a document scan that finds fifty marked files) costs one incident
 * lookup and one update, not fifty. The partial unique index {@code incidents_live} makes "the
 * live incident of (agent, rule)" a single index probe, and guarantees there is never a second one.
 */
final class ViolationFiling {
    static final String VIOLATION_SUFFIX = ".violation";
    static final String LIVE = "('open', 'acknowledged')";

    private final IncidentRules rules;

    ViolationFiling(IncidentRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    private record Filed(long eventId, String agentId, String type, int severity, long occurredAt) {}

    private record Key(String agentId, String rule) {}

    void file(Connection connection, List<AgentBatch> batches, Instant receivedAt) throws SQLException {
        Map<Key, List<Filed>> groups = newViolations(connection, batches);
        if (groups.isEmpty()) {
            return;
        }
        try (PreparedStatement findLive = connection.prepareStatement(
                     "SELECT id FROM incidents WHERE agent_id = ? AND rule = ? AND status IN " + LIVE);
             PreparedStatement join = connection.prepareStatement("UPDATE incidents SET violation_count = violation_count + ?,"
                     + " first_seen_at = MIN(first_seen_at, ?), last_seen_at = MAX(last_seen_at, ?),"
                     + " highest_severity = MAX(highest_severity, ?), updated_at = ? WHERE id = ?");
             PreparedStatement raise = connection.prepareStatement("INSERT INTO incidents (agent_id, unit, rule, type, status,"
                     + " created_at, deadline_at, first_seen_at, last_seen_at, violation_count, highest_severity, updated_at)"
                     + " SELECT id, unit, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ? FROM agents WHERE id = ?");
             PreparedStatement lastId = connection.prepareStatement("SELECT last_insert_rowid()");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO violations"
                     + " (event_id, agent_id, type, severity, occurred_at, incident_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            long now = millis(receivedAt);
            for (Map.Entry<Key, List<Filed>> group : groups.entrySet()) {
                List<Filed> violations = group.getValue();
                long first = violations.stream().mapToLong(Filed::occurredAt).min().orElseThrow();
                long last = violations.stream().mapToLong(Filed::occurredAt).max().orElseThrow();
                int severity = violations.stream().mapToInt(Filed::severity).max().orElseThrow();
                Long incident = liveIncident(findLive, group.getKey());
                if (incident != null) {
                    join.setInt(1, violations.size());
                    join.setLong(2, first);
                    join.setLong(3, last);
                    join.setInt(4, severity);
                    join.setLong(5, now);
                    join.setLong(6, incident);
                    join.executeUpdate();
                } else {
                    raise.setString(1, group.getKey().rule());
                    raise.setString(2, violations.getFirst().type());
                    raise.setLong(3, now);
                    raise.setLong(4, millis(rules.deadlineFor(receivedAt)));
                    raise.setLong(5, first);
                    raise.setLong(6, last);
                    raise.setInt(7, violations.size());
                    raise.setInt(8, severity);
                    raise.setLong(9, now);
                    raise.setString(10, group.getKey().agentId());
                    raise.executeUpdate();
                    incident = singleLong(lastId);
                }
                for (Filed violation : violations) {
                    insert.setLong(1, violation.eventId());
                    insert.setString(2, violation.agentId());
                    insert.setString(3, violation.type());
                    insert.setInt(4, violation.severity());
                    insert.setLong(5, violation.occurredAt());
                    insert.setLong(6, incident);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** The batches' violation events that are stored and not filed yet, grouped by (agent, rule key) in arrival order. */
    private static Map<Key, List<Filed>> newViolations(Connection connection, List<AgentBatch> batches) throws SQLException {
        Map<Key, List<Filed>> groups = new LinkedHashMap<>();
        PreparedStatement select = null;
        try {
            for (AgentBatch batch : batches) {
                for (NewEvent event : batch.events()) {
                    if (!event.type().endsWith(VIOLATION_SUFFIX)) {
                        continue;
                    }
                    if (select == null) {
                        select = connection.prepareStatement("SELECT id, type, severity, occurred_at, payload FROM events e"
                                + " WHERE agent_id = ? AND sequence = ? AND substr(type, -" + VIOLATION_SUFFIX.length() + ") = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM violations v WHERE v.event_id = e.id)");
                    }
                    select.setString(1, batch.agentId());
                    select.setLong(2, event.sequence());
                    select.setString(3, VIOLATION_SUFFIX);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) {
                            String type = row.getString("type");
                            Filed filed = new Filed(row.getLong("id"), batch.agentId(), type, row.getInt("severity"), row.getLong("occurred_at"));
                            groups.computeIfAbsent(new Key(batch.agentId(), IncidentRules.ruleKey(type, row.getString("payload"))),
                                    key -> new ArrayList<>()).add(filed);
                        }
                    }
                }
            }
        } finally {
            if (select != null) {
                select.close();
            }
        }
        return groups;
    }

    private static Long liveIncident(PreparedStatement findLive, Key key) throws SQLException {
        findLive.setString(1, key.agentId());
        findLive.setString(2, key.rule());
        try (ResultSet row = findLive.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    private static long singleLong(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
