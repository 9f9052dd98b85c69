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
                    String concrete = path.getKey().replace("{id}", "no-such-id").replace("{username}", "no-such-user")
                            .replace("{name}", "no-such-policy").replace("{revision}", "1");
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

        assertEquals(new TreeSet<>(Set.of("GET /api/v1/health", "GET /api/v1/openapi.yaml",
                "POST /api/v1/sessions", "GET /api/v1/sessions/current", "DELETE /api/v1/sessions/current",
                "GET /api/v1/units", "POST /api/v1/units",
                "GET /api/v1/users", "POST /api/v1/users", "POST /api/v1/users/{username}/lock", "POST /api/v1/users/{username}/unlock",
                "PUT /api/v1/users/{username}/password",
                "POST /api/v1/tokens", "GET /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
                "GET /api/v1/agents", "GET /api/v1/agents/{id}", "POST /api/v1/agents/{id}/revoke", "POST /api/v1/agents/{id}/move",
                "POST /api/v1/agents/{id}/resend-inventory",
                "GET /api/v1/events", "GET /api/v1/audit", "GET /api/v1/audit/verify", "POST /api/v1/imports",
                "POST /api/v1/policies/validate", "GET /api/v1/policies", "POST /api/v1/policies", "GET /api/v1/policies/{name}",
                "GET /api/v1/policies/{name}/revisions/{revision}", "GET /api/v1/policy-assignments", "POST /api/v1/policy-assignments",
                "DELETE /api/v1/policy-assignments", "GET /api/v1/policy-lagging", "GET /api/v1/agents/{id}/policy",
                "POST /api/v1/policies/dry-run", "GET /api/v1/soc/destinations",

                "GET /api/v1/incidents", "GET /api/v1/incidents/{id}", "POST /api/v1/incidents/{id}/acknowledge",
                "POST /api/v1/incidents/{id}/assign", "POST /api/v1/incidents/{id}/resolve", "POST /api/v1/incidents/{id}/false-positive",
                "POST /api/v1/incidents/{id}/notes", "GET /api/v1/retention", "GET /api/v1/retention/purge-preview",
                "POST /api/v1/retention/purge",

                "POST /api/v1/reports", "GET /api/v1/reports/{id}", "GET /api/v1/reports/{id}/file", "GET /api/v1/reports/{id}/manifest",
                "GET /api/v1/server/signing-keys")), documented);
    }

    @Test
    void schemasDescribeExactlyTheFieldsTheServerWrites() throws Exception {
        JsonNode schemas = document().get("components").get("schemas");
        Map<String, Class<? extends Record>> records = Map.ofEntries(
                Map.entry("Error", ApiModel.ErrorBody.class),
                Map.entry("CreatedToken", ApiModel.CreatedToken.class),
                Map.entry("Token", ApiModel.TokenSummary.class),
                Map.entry("Agent", ApiModel.AgentSummary.class),
                Map.entry("CommandSent", ApiModel.CommandSent.class),
                Map.entry("Event", ApiModel.EventSummary.class),
                Map.entry("CreatedSession", ApiModel.CreatedSession.class),
                Map.entry("Session", ApiModel.SessionSummary.class),
                Map.entry("Unit", ApiModel.UnitSummary.class),
                Map.entry("User", ApiModel.UserSummary.class),
                Map.entry("CreatedUser", ApiModel.CreatedUser.class),
                Map.entry("AuditEntry", ApiModel.AuditEntryView.class),
                Map.entry("AuditVerification", ApiModel.AuditVerification.class),
                Map.entry("ImportReport", ApiModel.ImportReport.class),
                Map.entry("PolicyProblem", PolicyApiModel.PolicyProblem.class),
                Map.entry("ValidatedPolicy", PolicyApiModel.ValidatedPolicy.class),
                Map.entry("PublishedPolicy", PolicyApiModel.PublishedPolicy.class),
                Map.entry("PolicySummary", PolicyApiModel.PolicySummary.class),
                Map.entry("PolicyRevision", PolicyApiModel.RevisionSummary.class),
                Map.entry("PolicyDetails", PolicyApiModel.PolicyDetails.class),
                Map.entry("PolicyDocument", PolicyApiModel.PolicyDocument.class),
                Map.entry("PolicyAssignment", PolicyApiModel.AssignmentView.class),
                Map.entry("PolicyAssignmentChange", PolicyApiModel.AssignmentChange.class),
                Map.entry("EffectivePolicy", PolicyApiModel.EffectivePolicyView.class),
                Map.entry("LaggingAgent", PolicyApiModel.LaggingAgent.class),
                Map.entry("DryRunResult", ApiModel.DryRunResult.class),
                Map.entry("DryRunSection", ApiModel.DryRunSection.class),
                Map.entry("DryRunFinding", ApiModel.DryRunFinding.class),
                Map.entry("SocDestinations", ApiModel.SocDestinations.class),
                Map.entry("SocDestinationView", ApiModel.SocDestinationView.class),

                Map.entry("Incident", ApiModel.IncidentSummary.class),
                Map.entry("IncidentNote", ApiModel.IncidentNoteView.class),
                Map.entry("IncidentDetails", ApiModel.IncidentDetails.class),
                Map.entry("Retention", ApiModel.RetentionView.class),
                Map.entry("PurgeReport", ApiModel.PurgeReport.class),

                Map.entry("ReportStatus", ApiModel.ReportStatus.class),
                Map.entry("SigningKeys", ApiModel.SigningKeysBody.class));
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
