package vn.canhgac.server.store;

import java.util.List;
import java.util.Objects;

/** Events received from one agent. */
public record AgentBatch(String agentId, List<NewEvent> events) {
    public AgentBatch {
        Objects.requireNonNull(agentId, "agentId");
        events = List.copyOf(events);
    }
}
