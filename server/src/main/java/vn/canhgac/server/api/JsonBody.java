package vn.canhgac.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A request body that must be a JSON object with known fields, read field by field so that each
 * error names its field: {@code unknown field "rol"}, {@code role must be a string (got number)}.
 */
final class JsonBody {
    private static final int MAX_LIST = 100;

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * @param fields  the fields this request may have
     * @param example a complete body, shown when there is none or it is not an object
     */
    static JsonBody parse(ObjectMapper mapper, Buffer body, Set<String> fields, String example) {
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("the request body must be a JSON object like " + example);
        }
        JsonNode root;
        try {
            root = mapper.readTree(body.toString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object like " + example);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\"; this request takes the fields "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
        return new JsonBody(root);
    }

    String required(String field) {
        return optional(field).orElseThrow(() -> ApiException.badRequest(field + " is required"));
    }

    Optional<String> optional(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string (got " + type(value) + ")");
        }
        return Optional.of(value.textValue());
    }

    /** A list of strings; empty when absent. */
    List<String> list(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(field + " must be a list of strings (got " + type(value) + ")");
        }
        if (value.size() > MAX_LIST) {
            throw ApiException.badRequest(field + " may hold at most " + MAX_LIST + " entries (got " + value.size() + ")");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be a list of strings (got a " + type(item) + " in it)");
            }
            items.add(item.textValue());
        }
        return List.copyOf(items);
    }

    private static String type(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
