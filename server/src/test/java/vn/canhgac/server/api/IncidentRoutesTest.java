package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.TestViolations;

/**
 * Incidents and retention over the real API: Sở Nội vụ's agent a1 has incident 1 (USB) and 2
 * (documents), Tân Lập's agent b1 has incident 3. Officer lan and inspector minh belong to Sở Nội vụ.
 */
class IncidentRoutesTest {
    @TempDir
    Path dir;

    private ApiFixture api;
    private String officer;
    private String inspector;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        TestViolations.enroll(api.database.agents(), "a1", TestUnits.SO_NOI_VU);
        TestViolations.enroll(api.database.agents(), "b1", TestUnits.TAN_LAP);
        store("a1", TestViolations.usb(1, api.clock.instant(), "usb.storage=block", "S1"),
                TestViolations.document(2, api.clock.instant(), 5, "ref-1"));
        store("b1", TestViolations.usb(1, api.clock.instant(), "usb.storage=block", "S9"));
        officer = api.user("lan", Role.SECURITY_OFFICER, TestUnits.SO_NOI_VU);
        inspector = api.user("minh", Role.INSPECTOR, TestUnits.SO_NOI_VU);
        api.user("hoa", Role.SECURITY_OFFICER, TestUnits.TAN_LAP);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anOfficerListsOnlyTheIncidentsOfTheirUnits() throws Exception {
        JsonNode all = json(api.get("/api/v1/incidents"));
        JsonNode own = json(api.get("/api/v1/incidents", officer));

        assertEquals(3, all.get("incidents").size());
        assertEquals(List.of(1L, 2L), ids(own));
        JsonNode first = own.get("incidents").get(0);
        assertEquals("usb.violation:usb.storage=block", first.get("rule").textValue());
        assertEquals("open", first.get("status").textValue());
        assertEquals("high", first.get("highestSeverity").textValue());
        assertEquals(api.clock.instant().plus(Duration.ofHours(24)).toString(), first.get("deadlineAt").textValue());
        assertEquals(false, first.get("overdue").booleanValue());
        assertTrue(first.get("owner").isNull());
    }

    @Test
    void listFiltersByUnitStatusAgentAndOverdue() throws Exception {
        api.incidents.acknowledge("admin", api.incidents.find(2).orElseThrow());
        api.clock.advance(Duration.ofHours(25));
        api.relogin();

        assertEquals(List.of(3L), ids(json(api.get("/api/v1/incidents?unit=" + enc(TestUnits.TAN_LAP)))));
        assertEquals(List.of(2L), ids(json(api.get("/api/v1/incidents?status=acknowledged"))));
        assertEquals(List.of(1L, 2L), ids(json(api.get("/api/v1/incidents?agent=a1"))));
        assertEquals(List.of(1L, 2L, 3L), ids(json(api.get("/api/v1/incidents?overdue=true"))));
        assertEquals(List.of(1L), ids(json(api.get("/api/v1/incidents?limit=1"))));
        assertEquals(List.of(3L), ids(json(api.get("/api/v1/incidents?after=2"))));
        assertEquals("status must be one of open, acknowledged, resolved, false-positive (got \"closed\")",
                error(api.get("/api/v1/incidents?status=closed")));
        assertEquals("overdue must be true or false (got \"yes\")", error(api.get("/api/v1/incidents?overdue=yes")));
    }

    @Test
    void anOfficerAskingForAnotherUnitOrItsIncidentGetsTheSameAnswerAsForNothingAndItIsAudited() throws Exception {
        HttpResponse<String> otherUnit = api.get("/api/v1/incidents?unit=" + enc(TestUnits.TAN_LAP), officer);
        HttpResponse<String> otherIncident = api.get("/api/v1/incidents/3", officer);
        HttpResponse<String> noIncident = api.get("/api/v1/incidents/99", officer);
        HttpResponse<String> ackOther = api.post("/api/v1/incidents/3/acknowledge", "{}", officer);

        assertEquals(404, otherUnit.statusCode());
        assertEquals(404, otherIncident.statusCode());
        assertEquals(404, ackOther.statusCode());
        assertEquals(error(noIncident).replace("99", "3"), error(otherIncident));
        List<AuditEntry> denied = api.audited("access.denied");
        assertEquals(List.of("unit:" + TestUnits.TAN_LAP, "incident:3", "incident:3"), denied.stream().map(AuditEntry::target).toList());
        assertEquals(IncidentStatus.OPEN, api.incidents.find(3).orElseThrow().status());
    }

    @Test
    void anInspectorReadsIncidentsOfTheirUnitsButChangesNothing() throws Exception {
        assertEquals(List.of(1L, 2L), ids(json(api.get("/api/v1/incidents", inspector))));
        assertEquals(200, api.get("/api/v1/incidents/1", inspector).statusCode());
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(api.post("/api/v1/incidents/1/acknowledge", "{}", inspector));
        refused.add(api.post("/api/v1/incidents/1/assign", "{\"owner\":\"lan\"}", inspector));
        refused.add(api.post("/api/v1/incidents/1/resolve", "{\"note\":\"x\"}", inspector));
        refused.add(api.post("/api/v1/incidents/1/false-positive", "{\"note\":\"x\"}", inspector));
        refused.add(api.post("/api/v1/incidents/1/notes", "{\"text\":\"x\"}", inspector));
        refused.add(api.post("/api/v1/retention/purge", "{}", inspector));
        refused.add(api.get("/api/v1/retention/purge-preview", inspector));

        for (HttpResponse<String> response : refused) {
            assertEquals(403, response.statusCode(), response.body());
            assertTrue(error(response).startsWith("an account with role inspector may not "), response.body());
        }
        assertEquals(7, api.audited("access.denied").size());
        assertEquals(IncidentStatus.OPEN, api.incidents.find(1).orElseThrow().status());
        assertEquals(List.of(), api.database.incidents().notes(1));
    }

    @Test
    void showReturnsTheIncidentItsNotesAndItsViolationsWithTheirEvidence() throws Exception {
        assertEquals(201, api.post("/api/v1/incidents/2/notes", "{\"text\":\"Đã gọi cho người dùng\"}", officer).statusCode());

        JsonNode details = json(api.get("/api/v1/incidents/2", inspector));

        assertEquals("document.violation", details.get("incident").get("rule").textValue());
        assertEquals("critical", details.get("incident").get("highestSeverity").textValue());
        assertEquals("Đã gọi cho người dùng", details.get("notes").get(0).get("text").textValue());
        assertEquals("lan", details.get("notes").get(0).get("author").textValue());
        JsonNode violation = details.get("violations").get(0);
        assertEquals("ref-1", violation.get("payload").get("ref").textValue(), "the payload names the evidence record");
        assertEquals(TestUnits.SO_NOI_VU, violation.get("unit").textValue());
    }

    @Test
    void anOfficerHandlesAnIncidentFromAcknowledgementToResolution() throws Exception {
        JsonNode acknowledged = json(api.post("/api/v1/incidents/1/acknowledge", "{}", officer));
        JsonNode assigned = json(api.post("/api/v1/incidents/1/assign", "{\"owner\":\"lan\"}", officer));
        HttpResponse<String> noNote = api.post("/api/v1/incidents/1/resolve", "{\"note\":\"  \"}", officer);
        HttpResponse<String> missing = api.post("/api/v1/incidents/1/resolve", "{}", officer);
        JsonNode resolved = json(api.post("/api/v1/incidents/1/resolve", "{\"note\":\"Đã thu hồi USB\"}", officer));
        HttpResponse<String> again = api.post("/api/v1/incidents/1/acknowledge", "{}", officer);

        assertEquals("acknowledged", acknowledged.get("status").textValue());
        assertEquals("lan", assigned.get("owner").textValue());
        assertEquals(400, noNote.statusCode());
        assertEquals("this change needs a note saying how it was resolved", error(noNote));
        assertEquals(400, missing.statusCode());
        assertEquals("note is required", error(missing));
        assertEquals("resolved", resolved.get("status").textValue());
        assertTrue(!resolved.get("resolvedAt").isNull());
        assertEquals(409, again.statusCode());
        assertEquals(List.of("incident.status_changed", "incident.assigned", "incident.status_changed"),
                api.database.audit().list(0, 1000).stream().map(AuditEntry::action).filter(a -> a.startsWith("incident.")).toList());
    }

    @Test
    void anIncidentIsAssignedOnlyToAnOfficerOrAdminWhoSeesItsUnit() throws Exception {
        HttpResponse<String> toInspector = api.post("/api/v1/incidents/1/assign", "{\"owner\":\"minh\"}", officer);
        HttpResponse<String> toOtherUnit = api.post("/api/v1/incidents/1/assign", "{\"owner\":\"hoa\"}", officer);
        HttpResponse<String> toNobody = api.post("/api/v1/incidents/1/assign", "{\"owner\":\"nobody\"}", officer);
        HttpResponse<String> toAdmin = api.post("/api/v1/incidents/1/assign", "{\"owner\":\"admin\"}", officer);

        assertEquals(400, toInspector.statusCode());
        assertTrue(error(toInspector).contains("inspectors only read"), toInspector.body());
        assertEquals(400, toOtherUnit.statusCode());
        assertTrue(error(toOtherUnit).startsWith("hoa cannot see unit \"Sở Nội vụ\""), toOtherUnit.body());
        assertEquals(400, toNobody.statusCode());
        assertEquals(200, toAdmin.statusCode(), toAdmin.body());
        assertEquals("admin", api.incidents.find(1).orElseThrow().owner().orElseThrow());
    }

    @Test
    void retentionIsShownToEveryoneAndPurgedByAnAdmin() throws Exception {
        JsonNode settings = json(api.get("/api/v1/retention", inspector));
        api.clock.advance(Duration.ofDays(400));
        api.relogin();
        api.incidents.resolve("admin", api.incidents.find(3).orElseThrow(), "done");
        JsonNode preview = json(api.get("/api/v1/retention/purge-preview"));
        JsonNode purged = json(api.post("/api/v1/retention/purge", "{}"));

        assertEquals(5, settings.get("securityLevel").intValue());
        assertEquals(365, settings.get("eventsDays").intValue());
        assertEquals(true, preview.get("dryRun").booleanValue());
        assertEquals(false, purged.get("dryRun").booleanValue());
        assertEquals(1, purged.get("events").longValue());
        assertEquals(2, purged.get("keptForLiveIncidents").longValue());
        assertEquals(preview.get("events"), purged.get("events"));
        assertEquals(1, api.audited("retention.purged").size());
    }

    private void store(String agent, NewEvent... events) {
        api.database.events().storeBatches(List.of(new AgentBatch(agent, List.of(events))), api.clock.instant());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("incidents").forEach(incident -> ids.add(incident.get("id").longValue()));
        return ids;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return ApiJson.mapper().readTree(response.body());
    }
}
