package vn.canhgac.server.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/** A violation's evidence (the event's JSON payload) shortened to one line for the PDF: {@code key=value, …} of its plain fields. */
final class Evidence {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Evidence() {}

    static String summary(String payloadJson, int maxChars) {
        JsonNode payload;
        try {
            payload = MAPPER.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            // Agents send JSON; anything else is shown as it is rather than dropped.
            return shorten(payloadJson, maxChars);
        }
        if (payload == null || !payload.isObject()) {
            return shorten(payloadJson, maxChars);
        }
        StringBuilder line = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext() && line.length() < maxChars; ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                line.append(line.isEmpty() ? "" : ", ").append(field.getKey()).append('=').append(field.getValue().asText());
            }
        }
        return shorten(line.toString(), maxChars);
    }

    private static String shorten(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }
}
