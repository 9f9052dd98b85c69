package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event the server records about an agent (not one the agent sent), such as {@code agent.silent}.
 * Stored in the agent's events with a negative sequence, see {@code V4__agent_status.sql}.
 *
 * @param severity 0..5, the numbers of the protocol's {@code Severity} enum
 */
public record ServerEvent(Instant occurredAt, String type, int severity, String payloadJson) {
    public ServerEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (severity < 0 || severity > 5) {
            throw new IllegalArgumentException("event " + type + ": severity must be 0..5 (got " + severity + ")");
        }
    }
}
