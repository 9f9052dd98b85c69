package vn.canhgac.server.soc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import vn.canhgac.server.store.StoredEvent;
import vn.canhgac.server.store.UnitEvent;

/** An event as the SOC sees it in JSON: the syslog MSG of rfc5424-sd and each element of an https-json batch. */
final class EventJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    static ObjectNode of(UnitEvent unitEvent) {
        StoredEvent event = unitEvent.event();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", event.id());
        node.put("agent", event.agentId());
        node.put("unit", unitEvent.unit());
        node.put("sequence", event.sequence());
        node.put("type", event.type());
        node.put("severity", event.severity());
        node.put("occurredAt", event.occurredAt().toString());
        node.put("receivedAt", event.receivedAt().toString());
        node.set("payload", payload(event.payloadJson()));
        return node;
    }

    static String text(UnitEvent event) {
        try {
            return MAPPER.writeValueAsString(of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.event().id() + " as JSON", e);
        }
    }

    /** The agent's payload is JSON by contract; one that is not is passed on as a string rather than dropped. */
    private static JsonNode payload(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(json);
        }
    }
}
