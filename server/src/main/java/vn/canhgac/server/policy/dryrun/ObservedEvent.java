package vn.canhgac.server.policy.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/** A stored event with what the dry run needs of its agent; {@code payload} is the parsed JSON body. */
public record ObservedEvent(String agentId, String unit, String role, Instant occurredAt, String type, JsonNode payload) {
    public ObservedEvent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
