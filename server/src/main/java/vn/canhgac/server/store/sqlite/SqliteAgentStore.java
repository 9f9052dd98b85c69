package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.server.store.AgentFacts;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.AgentStore;
import vn.canhgac.server.store.CertificateSerials;
import vn.canhgac.server.store.IssuedCertificate;
import vn.canhgac.server.store.StoreException;

/** Agents in the {@code agents} table, and the certificates issued to them in {@code certificates}. */
public final class SqliteAgentStore implements AgentStore {
    private static final String COLUMNS = "id, unit, role, certificate_serial, certificate_not_after, enrolled_at,"
            + " last_seen_at, hostname, os_name, os_version, kernel, architecture, agent_version, revoked_at,"
            + " highest_sequence, dropped_events_total, outbox_backlog, policy_version";

    private final SqliteConnections db;

    SqliteAgentStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public void insert(AgentRecord agent) {
        Objects.requireNonNull(agent, "agent");
        String serial = CertificateSerials.normalize(agent.certificateSerial());
        db.write("store agent " + agent.id() + " (table agents)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO agents (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, agent.id());
                insert.setString(2, agent.unit());
                insert.setString(3, agent.role());
                insert.setString(4, serial);
                insert.setLong(5, millis(agent.certificateNotAfter()));
                insert.setLong(6, millis(agent.enrolledAt()));
                Rows.setOptionalInstant(insert, 7, agent.lastSeenAt());
                setFacts(insert, 8, agent.facts());
                Rows.setOptionalInstant(insert, 14, agent.revokedAt());
                insert.setLong(15, agent.highestSequence());
                insert.setLong(16, agent.droppedEventsTotal());
                insert.setLong(17, agent.outboxBacklog());
                insert.setLong(18, agent.policyVersion());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Records a certificate issued to an existing agent (at enrolment or renewal), so it can be revoked with the agent. */
    public void insertCertificate(String serialHex, String agentId, Instant notBefore, Instant notAfter, byte[] der) {
        String serial = CertificateSerials.normalize(serialHex);
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(der, "der");
        db.write("store certificate " + serial + " of agent " + agentId + " (table certificates)", connection -> {
            requireAgent(connection, agentId, "store its certificate");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO certificates (serial, agent_id, not_before, not_after, der) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, serial);
                insert.setString(2, agentId);
                insert.setLong(3, millis(notBefore));
                insert.setLong(4, millis(notAfter));
                insert.setBytes(5, der);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<AgentRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        return db.read("read agent " + id + " (table agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM agents WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(agent(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<AgentRecord> list() {
        return db.read("list agents (table agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM agents ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                List<AgentRecord> agents = new ArrayList<>();
                while (rows.next()) {
                    agents.add(agent(rows));
                }
                return List.copyOf(agents);
            }
        });
    }

    @Override
    public void recordHello(String id, Instant at, AgentFacts facts, long outboxBacklog, long droppedEventsTotal) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(facts, "facts");
        requireCounters(id, outboxBacklog, droppedEventsTotal);
        db.write("record the hello of agent " + id + " (table agents)", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE agents SET last_seen_at = ?,"
                    + " hostname = ?, os_name = ?, os_version = ?, kernel = ?, architecture = ?, agent_version = ?,"
                    + " outbox_backlog = ?, dropped_events_total = ? WHERE id = ?")) {
                update.setLong(1, millis(at));
                setFacts(update, 2, Optional.of(facts));
                update.setLong(8, outboxBacklog);
                update.setLong(9, droppedEventsTotal);
                update.setString(10, id);
                requireOneRow(update.executeUpdate(), id, "record its hello");
            }
            return null;
        });
    }

    @Override
    public void recordHeartbeats(Map<String, Heartbeat> latest) {
        if (latest.isEmpty()) {
            return;
        }
        latest.forEach((id, beat) -> requireCounters(id, beat.outboxBacklog(), beat.droppedEventsTotal()));
        db.write("record the heartbeats of " + latest.size() + " agents (table agents)", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE agents SET last_seen_at = ?, outbox_backlog = ?, dropped_events_total = ? WHERE id = ?")) {
                for (Map.Entry<String, Heartbeat> entry : latest.entrySet()) {
                    update.setLong(1, millis(entry.getValue().at()));
                    update.setLong(2, entry.getValue().outboxBacklog());
                    update.setLong(3, entry.getValue().droppedEventsTotal());
                    update.setString(4, entry.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }


    @Override
    public boolean move(String id, String unit) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unit, "unit");
        return db.update("move agent " + id + " to unit \"" + unit + "\" (table agents)",
                "UPDATE agents SET unit = ? WHERE id = ? AND unit <> ?", unit, id, unit) == 1;
    }

    @Override
    public boolean revoke(String id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        return db.write("revoke agent " + id + " (tables agents, certificates)", connection -> {
            try (PreparedStatement agent = connection.prepareStatement(
                    "UPDATE agents SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
                 PreparedStatement certificates = connection.prepareStatement(
                         "UPDATE certificates SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL")) {
                agent.setLong(1, millis(at));
                agent.setString(2, id);
                if (agent.executeUpdate() == 0) {
                    return false;
                }
                certificates.setLong(1, millis(at));
                certificates.setString(2, id);
                certificates.executeUpdate();
                return true;
            }
        });
    }

    /** Includes the serial on a revoked agent's row too, in case its certificate was never recorded in {@code certificates}. */
    @Override
    public Set<String> revokedCertificateSerials() {
        return db.read("list revoked certificates (tables certificates, agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT serial FROM certificates WHERE revoked_at IS NOT NULL"
                            + " UNION SELECT certificate_serial FROM agents WHERE revoked_at IS NOT NULL");
                 ResultSet rows = select.executeQuery()) {
                Set<String> serials = new HashSet<>();
                while (rows.next()) {
                    serials.add(rows.getString(1));
                }
                return Set.copyOf(serials);
            }
        });
    }

    @Override
    public Optional<IssuedCertificate> findCertificate(String serialHex) {
        String serial = CertificateSerials.normalize(serialHex);
        return db.read("read certificate " + serial + " (table certificates)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT serial, agent_id, not_before, not_after, der, revoked_at FROM certificates WHERE serial = ?")) {
                select.setString(1, serial);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new IssuedCertificate(rows.getString("serial"), rows.getString("agent_id"),
                            Rows.instant(rows, "not_before"), Rows.instant(rows, "not_after"), rows.getBytes("der"),
                            Rows.optionalInstant(rows, "revoked_at")));
                }
            }
        });
    }

    private static void requireCounters(String id, long outboxBacklog, long droppedEventsTotal) {
        if (outboxBacklog < 0 || droppedEventsTotal < 0) {
            throw new IllegalArgumentException("agent " + id + ": outboxBacklog and droppedEventsTotal must not be negative"
                    + " (got " + outboxBacklog + ", " + droppedEventsTotal + ")");
        }
    }

    private void requireOneRow(int updated, String id, String what) {
        if (updated == 0) {
            throw notEnrolled(id, what);
        }
    }

    private void requireAgent(Connection connection, String id, String what) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM agents WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw notEnrolled(id, what);
                }
            }
        }
    }

    private StoreException notEnrolled(String id, String what) {
        return new StoreException("cannot " + what + ": agent " + id + " is not enrolled (no row in table agents of "
                + db.file() + "); enrol the agent first");
    }

    private static void setFacts(PreparedStatement statement, int first, Optional<AgentFacts> facts) throws SQLException {
        String[] values = facts.map(f -> new String[] {
                f.hostname(), f.osName(), f.osVersion(), f.kernel(), f.architecture(), f.agentVersion()})
                .orElse(new String[6]);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(first + i, Types.VARCHAR);
            } else {
                statement.setString(first + i, values[i]);
            }
        }
    }

    private static AgentRecord agent(ResultSet row) throws SQLException {
        Optional<AgentFacts> facts = row.getString("hostname") == null ? Optional.empty() : Optional.of(new AgentFacts(
                row.getString("hostname"),
                row.getString("os_name"),
                row.getString("os_version"),
                row.getString("kernel"),
                row.getString("architecture"),
                row.getString("agent_version")));
        return new AgentRecord(
                row.getString("id"),
                row.getString("unit"),
                row.getString("role"),
                row.getString("certificate_serial"),
                Rows.instant(row, "certificate_not_after"),
                Rows.instant(row, "enrolled_at"),
                Rows.optionalInstant(row, "last_seen_at"),
                facts,
                Rows.optionalInstant(row, "revoked_at"),
                row.getLong("highest_sequence"),
                row.getLong("dropped_events_total"),
                row.getLong("outbox_backlog"),
                row.getLong("policy_version"));
    }
}
