package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as received from an agent, before it is stored.
 *
 * @param sequence    the agent's own sequence number, starting at 1
 * @param severity    0..5, the numbers of the protocol's {@code Severity} enum
 * @param payloadJson the event body as JSON text
 */
public record NewEvent(long sequence, Instant occurredAt, String type, int severity, String payloadJson) {
    public NewEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (sequence < 1) {
            throw new IllegalArgumentException("event sequence must be at least 1 (got " + sequence + ")");
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("event " + sequence + ": type must not be blank");
        }
        if (severity < 0 || severity > 5) {
            throw new IllegalArgumentException("event " + sequence + ": severity must be 0..5 (got " + severity + ")");
        }
    }
}
