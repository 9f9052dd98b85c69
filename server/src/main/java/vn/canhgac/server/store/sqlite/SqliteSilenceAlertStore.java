package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.server.store.ServerEvent;
import vn.canhgac.server.store.SilenceAlertStore;

/** {@code agents.silence_alerted_at}, changed in the same transaction as the alert event it stands for. */
public final class SqliteSilenceAlertStore implements SilenceAlertStore {

    private final SqliteConnections db;

    SqliteSilenceAlertStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public Map<String, Instant> alerted() {
        return db.read("list silence alerts (table agents)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, silence_alerted_at FROM agents WHERE silence_alerted_at IS NOT NULL ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                Map<String, Instant> alerted = new LinkedHashMap<>();
                while (rows.next()) {
                    alerted.put(rows.getString("id"), Rows.instant(rows, "silence_alerted_at"));
                }
                return Map.copyOf(alerted);
            }
        });
    }

    @Override
    public boolean alertSilent(String agentId, Optional<Instant> lastSeenAt, ServerEvent alert) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(alert, "alert");
        return db.write("store the silence alert of agent " + agentId + " (tables agents, events)", connection -> {
            try (PreparedStatement mark = connection.prepareStatement("UPDATE agents SET silence_alerted_at = ?"
                    + " WHERE id = ? AND silence_alerted_at IS NULL AND revoked_at IS NULL AND last_seen_at IS ?")) {
                mark.setLong(1, millis(alert.occurredAt()));
                mark.setString(2, agentId);
                Rows.setOptionalInstant(mark, 3, lastSeenAt);
                if (mark.executeUpdate() == 0) {
                    return false;
                }
            }
            SqliteEventStore.insertServerEvent(connection, agentId, alert);
            return true;
        });
    }

    @Override
    public boolean alertBack(String agentId, ServerEvent back) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(back, "back");
        return db.write("store the end of agent " + agentId + "'s silence (tables agents, events)", connection -> {
            try (PreparedStatement clear = connection.prepareStatement(
                    "UPDATE agents SET silence_alerted_at = NULL WHERE id = ? AND silence_alerted_at IS NOT NULL")) {
                clear.setString(1, agentId);
                if (clear.executeUpdate() == 0) {
                    return false;
                }
            }
            SqliteEventStore.insertServerEvent(connection, agentId, back);
            return true;
        });
    }
}
