package vn.canhgac.agent.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One event waiting in the outbox for the server's acknowledgement.
 *
 * @param sequence the agent-wide sequence number: strictly increasing, never reused, the key
 *     the server stores idempotently on
 * @param severity 0..5 with the wire enum's numbering (0 unspecified, 1 info, ..., 4 high,
 *     5 critical)
 * @param payloadJson the event body as a JSON document
 */
public record OutboxEvent(
        long sequence, Instant occurredAt, String type, int severity, String payloadJson) {

    public OutboxEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
