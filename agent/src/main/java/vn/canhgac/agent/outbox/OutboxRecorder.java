package vn.canhgac.agent.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import vn.canhgac.agent.EventSeverity;

/**
 * Writes an event's details as the outbox's JSON payload and appends it. It does not wake the
 * channel: {@code AgentRuntime.record} does that for collectors, and the channel itself after it
 * handled a policy bundle, which is why this step stands alone.
 */
public final class OutboxRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;

    public OutboxRecorder(Outbox outbox) {
        this.outbox = outbox;
    }

    public Outbox.AppendResult append(String type, EventSeverity severity, Map<String, ?> details) {
        String payload;
        try {
            payload = JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " details cannot be written as JSON: " + e.getMessage(), e);
        }
        return outbox.append(type, severity.number(), payload);
    }
}
