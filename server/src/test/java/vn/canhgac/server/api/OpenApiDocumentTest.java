package vn.canhgac.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps openapi/admin-api.yaml true: its routes exist and its schemas have the fields the server writes. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @TempDir
    Path dir;

    @Test
    void everyDocumentedRouteIsServed() throws Exception {
        JsonNode paths = document().get("paths");
        try (ApiFixture api = ApiFixture.start(dir)) {
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    if (!METHODS.contains(operation.getKey())) {
                        continue;
                    }
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    String concrete = path.getKey().replace("{id}", "no-such-id");
                    HttpResponse<String> response = api.send(method, concrete, method.equals("POST") ? "{}" : null, api.credential);

                    assertNotEquals(405, response.statusCode(), method + " " + concrete);
                    assertFalse(response.body().contains("there is no " + method), method + " " + concrete + ": " + response.body());
                }
            }
        }
    }

    @Test
    void everyDocumentedRouteIsAnOperationWeKnow() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document().get("paths").properties()) {
            path.getValue().properties().stream().filter(e -> METHODS.contains(e.getKey()))
                    .forEach(e -> documented.add(e.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }

        assertEquals(new TreeSet<>(Set.of("GET /api/v1/health", "POST /api/v1/tokens", "GET /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
                "GET /api/v1/agents", "GET /api/v1/agents/{id}", "POST /api/v1/agents/{id}/revoke", "GET /api/v1/events",
                "POST /api/v1/imports")), documented);
    }

    @Test
    void schemasDescribeExactlyTheFieldsTheServerWrites() throws Exception {
        JsonNode schemas = document().get("components").get("schemas");
        Map<String, Class<? extends Record>> records = Map.of(
                "Error", ApiModel.ErrorBody.class,
                "CreatedToken", ApiModel.CreatedToken.class,
                "Token", ApiModel.TokenSummary.class,
                "Agent", ApiModel.AgentSummary.class,
                "Event", ApiModel.EventSummary.class,
                "ImportReport", ApiModel.ImportReport.class);
        for (Map.Entry<String, Class<? extends Record>> entry : records.entrySet()) {
            JsonNode schema = schemas.get(entry.getKey());
            assertNotNull(schema, entry.getKey());
            Set<String> fields = Arrays.stream(entry.getValue().getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
            Set<String> properties = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> required = new HashSet<>();
            schema.get("required").forEach(name -> required.add(name.textValue()));

            assertEquals(fields, properties, entry.getKey() + " properties");
            assertEquals(fields, required, entry.getKey() + " required");
        }
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi/admin-api.yaml")) {
            assertNotNull(in, "openapi/admin-api.yaml is not on the classpath");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
