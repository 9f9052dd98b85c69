package vn.canhgac.server.store;

import java.time.Instant;

/** An event as stored; {@code id} grows with every stored event and is never reused. */
public record StoredEvent(long id, String agentId, long sequence, Instant occurredAt, Instant receivedAt, String type,
                          int severity, String payloadJson) {}
