package vn.canhgac.server.store;

import java.time.Instant;

/** One violation with its agent's unit and host and the event's payload (the evidence, JSON); {@code hostname} is "" before the first hello. */
public record ViolationRow(long eventId, Instant occurredAt, String unit, String hostname, String agentId, String type, int severity,
                           String payloadJson) {}
