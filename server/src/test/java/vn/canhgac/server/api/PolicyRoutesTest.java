package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.policy.PolicyDocuments;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.testing.TestUnits;

/**
 * The policy routes over real HTTPS and SQLite: lan is an officer of Sở Nội vụ (with its sub-unit
 * Phòng An ninh), minh its inspector, hoa an officer of UBND xã Tân Lập.
 */
class PolicyRoutesTest {
    private static final String SUB_UNIT = "Phòng An ninh";

    @TempDir
    Path dir;

    private ApiFixture api;
    private String lan;
    private String minh;
    private String hoa;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        api.units.create(SUB_UNIT, Optional.of(TestUnits.SO_NOI_VU));
        api.enrolled("a2", SUB_UNIT, "secret-workstation", "2a");
        api.enrolled("b1", TestUnits.TAN_LAP, "mdm-host", "3a");
        lan = api.user("lan", Role.SECURITY_OFFICER, TestUnits.SO_NOI_VU);
        minh = api.user("minh", Role.INSPECTOR, TestUnits.SO_NOI_VU);
        hoa = api.user("hoa", Role.SECURITY_OFFICER, TestUnits.TAN_LAP);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad YAML       | 'usb:\n\tstorage: block\n'                                           | 7 | ''",
            "unknown key    | 'usb:\n  storage: block\n  storag: allow\n'                         | 8 | usb.storag",
            "wrong type     | 'documents:\n  maxFileSizeMb: [1, 2]\n'                               | 7 | documents.maxFileSizeMb",
            "impossible value | 'usb:\n  storage: blok\n'                                          | 7 | usb.storage"})
    void aBrokenPolicyIsRefusedWithItsLineAndField(String kind, String body, int line, String field) throws Exception {
        String document = header() + body.replace("\\n", "\n");

        HttpResponse<String> refused = api.post("/api/v1/policies/validate", document, minh);

        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode problem = json(refused);
        assertEquals(line, problem.get("line").intValue(), refused.body());
        assertEquals(field, problem.get("field").textValue(), refused.body());
        assertTrue(problem.get("error").textValue().startsWith("policy line " + line + ": "), refused.body());
        assertFalse(problem.get("reason").textValue().isEmpty());
    }

    @Test
    void aBrokenPolicyIsNotPublished() throws Exception {
        HttpResponse<String> refused = publish(PolicyDocuments.text("co-ban", "blok"), "thử", lan);

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("usb.storage", json(refused).get("field").textValue());
        assertEquals("{\"policies\":[]}", api.get("/api/v1/policies").body());
    }

    @Test
    void aValidDocumentIsSummarised() throws Exception {
        HttpResponse<String> valid = api.post("/api/v1/policies/validate", PolicyDocuments.text("co-ban", "read-only"), minh);

        assertEquals(200, valid.statusCode(), valid.body());
        assertEquals("co-ban", json(valid).get("name").textValue());
        assertEquals("read-only", json(valid).get("usbStorage").textValue());
    }

    @Test
    void aPublishStoresARevisionAndAuditsIt() throws Exception {
        HttpResponse<String> first = publish(PolicyDocuments.text("co-ban", "block"), "Lần đầu", lan);
        HttpResponse<String> second = publish(PolicyDocuments.text("co-ban", "read-only"), "Cho đọc USB", lan);

        assertEquals(201, second.statusCode(), second.body());
        assertEquals(2, json(second).get("revision").longValue());
        assertTrue(json(second).get("version").longValue() > json(first).get("version").longValue());
        AuditEntry published = api.audited("policy.published").getLast();
        assertEquals("lan", published.actor());
        assertEquals("policy:co-ban", published.target());
        for (String detail : List.of("\"revision\":2", "\"version\":" + json(second).get("version").longValue(), "\"comment\":\"Cho đọc USB\"",
                "\"sha256\":\"" + json(second).get("sha256").textValue() + "\"")) {
            assertTrue(published.details().contains(detail), published.details() + " has " + detail);
        }
        JsonNode shown = json(api.get("/api/v1/policies/co-ban", lan));
        assertEquals(2, shown.get("revisions").size());
        assertEquals("Lần đầu", shown.get("revisions").get(0).get("comment").textValue());
        JsonNode document = json(api.get("/api/v1/policies/co-ban/revisions/1", minh));
        assertEquals(PolicyDocuments.text("co-ban", "block"), document.get("document").textValue());
    }

    @Test
    void aPublishNeedsAComment() throws Exception {
        HttpResponse<String> refused = api.post("/api/v1/policies", PolicyDocuments.text("co-ban", "block"), lan);

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("comment is required"), refused.body());
    }

    @Test
    void anInspectorCannotPublishAndTheRefusalIsAudited() throws Exception {
        HttpResponse<String> refused = publish(PolicyDocuments.text("co-ban", "block"), "thử", minh);

        assertEquals(403, refused.statusCode(), refused.body());
        AuditEntry denied = api.audited("access.denied").getLast();
        assertEquals("minh", denied.actor());
        assertTrue(denied.details().contains("publish policies"), denied.details());
        assertTrue(api.policies.policies().isEmpty());
    }

    @Test
    void anOfficerOfOneUnitCannotAssignToAnotherAndTheRefusalIsAudited() throws Exception {
        publish(PolicyDocuments.text("co-ban", "block"), "thử", lan);

        HttpResponse<String> refused = assign(TestUnits.TAN_LAP, null, "co-ban", lan);

        assertEquals(404, refused.statusCode(), refused.body());
        AuditEntry denied = api.audited("access.denied").getLast();
        assertEquals("lan", denied.actor());
        assertEquals("unit:" + TestUnits.TAN_LAP, denied.target());
        assertTrue(api.policies.assignments().isEmpty());
        assertEquals(200, assign(SUB_UNIT, "secret-workstation", "co-ban", lan).statusCode());
        assertEquals("policy.assigned", api.audited("policy.assigned").getLast().action());
    }

    @Test
    void anOfficerCannotPublishAPolicyAssignedOutsideTheirUnits() throws Exception {
        publish(PolicyDocuments.text("chung", "block"), "thử", api.credential);
        assertEquals(200, assign(TestUnits.TAN_LAP, null, "chung", api.credential).statusCode());
        assertEquals(200, assign(TestUnits.SO_NOI_VU, null, "chung", api.credential).statusCode());

        HttpResponse<String> refused = publish(PolicyDocuments.text("chung", "allow"), "mở", lan);

        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("outside yours"), refused.body());
        assertEquals("policy:chung", api.audited("access.denied").getLast().target());
        assertEquals(1, api.policies.revisions("chung").size());
    }

    @Test
    void aPolicyAssignedOnlyToAnotherUnitIsHiddenLikeAMissingOne() throws Exception {
        publish(PolicyDocuments.text("tan-lap", "block"), "thử", hoa);
        assertEquals(200, assign(TestUnits.TAN_LAP, null, "tan-lap", hoa).statusCode());

        HttpResponse<String> hidden = api.get("/api/v1/policies/tan-lap", lan);

        assertEquals(404, hidden.statusCode());
        assertEquals(api.get("/api/v1/policies/khong-co", lan).body().replace("khong-co", "tan-lap"), hidden.body());
        assertEquals("{\"policies\":[]}", api.get("/api/v1/policies", lan).body());
        assertEquals(1, json(api.get("/api/v1/policies", hoa)).get("policies").size());
    }

    @Test
    void theEffectivePolicyOfAnAgentNamesTheAssignmentItComesFrom() throws Exception {
        publish(PolicyDocuments.text("co-ban", "block"), "thử", lan);
        publish(PolicyDocuments.text("may-mat", "block"), "thử", lan);
        assign(TestUnits.SO_NOI_VU, null, "co-ban", lan);
        assign(TestUnits.SO_NOI_VU, "secret-workstation", "may-mat", lan);

        JsonNode effective = json(api.get("/api/v1/agents/a2/policy", minh));

        assertEquals("may-mat", effective.get("policy").textValue());
        assertEquals(TestUnits.SO_NOI_VU, effective.get("fromUnit").textValue());
        assertEquals("secret-workstation", effective.get("fromRole").textValue());
        assertEquals(0, effective.get("runningVersion").longValue());
        assertTrue(effective.get("lagging").booleanValue());
        assertEquals(PolicyDocuments.text("may-mat", "block"), effective.get("document").textValue());
        assertEquals(404, api.get("/api/v1/agents/a2/policy", hoa).statusCode());
    }

    @Test
    void laggingListsTheAgentsThatDoNotRunTheirEffectiveRevision() throws Exception {
        long version = json(publish(PolicyDocuments.text("co-ban", "block"), "thử", api.credential)).get("version").longValue();
        assign(TestUnits.SO_NOI_VU, null, "co-ban", api.credential);
        assign(TestUnits.TAN_LAP, null, "co-ban", api.credential);
        api.database.policies().recordRunning(java.util.Map.of("b1", version), api.clock.instant());

        JsonNode lagging = json(api.get("/api/v1/policy-lagging"));
        JsonNode ofLan = json(api.get("/api/v1/policy-lagging?unit=" + URLEncoder.encode(SUB_UNIT, StandardCharsets.UTF_8), lan));

        assertEquals(1, lagging.get("agents").size(), lagging.toString());
        assertEquals("a2", lagging.get("agents").get(0).get("agentId").textValue());
        assertEquals(version, lagging.get("agents").get(0).get("effectiveVersion").longValue());
        assertEquals(0, lagging.get("agents").get(0).get("runningVersion").longValue());
        assertEquals(1, ofLan.get("agents").size());
        assertEquals(0, json(api.get("/api/v1/policy-lagging", hoa)).get("agents").size());
    }

    @Test
    void anAssignmentIsRemovedAndTheRemovalAudited() throws Exception {
        publish(PolicyDocuments.text("co-ban", "block"), "thử", lan);
        assign(TestUnits.SO_NOI_VU, null, "co-ban", lan);

        HttpResponse<String> removed = api.send("DELETE", "/api/v1/policy-assignments?unit="
                + URLEncoder.encode(TestUnits.SO_NOI_VU, StandardCharsets.UTF_8), null, lan);
        HttpResponse<String> again = api.send("DELETE", "/api/v1/policy-assignments?unit="
                + URLEncoder.encode(TestUnits.SO_NOI_VU, StandardCharsets.UTF_8), null, lan);

        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(404, again.statusCode());
        assertTrue(api.policies.assignments().isEmpty());
        assertTrue(api.audited("policy.unassigned").getLast().details().contains("\"policy\":\"co-ban\""));
    }

    private HttpResponse<String> publish(String document, String comment, String bearer) {
        return api.postBytes("/api/v1/policies?comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8),
                document.getBytes(StandardCharsets.UTF_8), bearer);
    }

    private HttpResponse<String> assign(String unit, String role, String policy, String bearer) throws Exception {
        java.util.Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("unit", unit);
        if (role != null) {
            body.put("role", role);
        }
        body.put("policy", policy);
        return api.post("/api/v1/policy-assignments", ApiJson.mapper().writeValueAsString(body), bearer);
    }

    private static String header() {
        return "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: co-ban\n  description: thử\n";
    }
}
