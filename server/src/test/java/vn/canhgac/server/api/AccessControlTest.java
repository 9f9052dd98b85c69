package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.error;
import static vn.canhgac.server.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.testing.TestUnits;

/**
 * Who sees and does what over the admin API: an officer of Sở Nội vụ (lan) and its inspector
 * (minh) against an officer of UBND xã Tân Lập (hoa). Sở Nội vụ has a sub-unit, Phòng An ninh.
 */
class AccessControlTest {
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
        Instant now = api.clock.instant();
        api.enrolled("a1", TestUnits.SO_NOI_VU, "internal-workstation", "1a");
        api.enrolled("a2", SUB_UNIT, "internal-workstation", "2a");
        api.enrolled("b1", TestUnits.TAN_LAP, "internal-workstation", "3a");
        api.database.events().storeBatches(List.of(
                new AgentBatch("a2", List.of(new NewEvent(1, now, "usb.connected", 2, "{}"))),
                new AgentBatch("b1", List.of(new NewEvent(1, now, "usb.connected", 2, "{}")))), now);
        lan = api.user("lan", Role.SECURITY_OFFICER, TestUnits.SO_NOI_VU);
        minh = api.user("minh", Role.INSPECTOR, TestUnits.SO_NOI_VU);
        hoa = api.user("hoa", Role.SECURITY_OFFICER, TestUnits.TAN_LAP);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anOfficerSeesTheAgentsOfTheirUnitAndItsSubUnitsOnly() throws Exception {
        assertEquals(List.of("a1", "a2"), ids(api.get("/api/v1/agents", lan), "agents"));
        assertEquals(List.of("b1"), ids(api.get("/api/v1/agents", hoa), "agents"));
        assertEquals(List.of("a1", "a2", "b1"), ids(api.get("/api/v1/agents"), "agents"));
    }

    @Test
    void anAgentOfAnotherUnitIsA404LikeAnUnknownOneAndTheRefusalIsAudited() throws Exception {
        HttpResponse<String> other = api.get("/api/v1/agents/a1", hoa);
        HttpResponse<String> unknown = api.get("/api/v1/agents/nope", hoa);

        assertEquals(404, other.statusCode());
        assertEquals(error(unknown).replace("nope", "a1"), error(other));
        AuditEntry denied = api.audited("access.denied").getLast();
        assertEquals("hoa", denied.actor());
        assertEquals("agent:a1", denied.target());
        assertTrue(denied.details().contains("outside the account's units"), denied.details());
    }

    @Test
    void anOfficerCannotRevokeOrMoveAnAgentOfAnotherUnit() throws Exception {
        assertEquals(404, api.post("/api/v1/agents/a1/revoke", "{}", hoa).statusCode());
        assertEquals(404, api.post("/api/v1/agents/a1/move", "{\"unit\":\"UBND xã Tân Lập\"}", hoa).statusCode());

        assertTrue(api.agents.find("a1").orElseThrow().agent().revokedAt().isEmpty());
        assertEquals(TestUnits.SO_NOI_VU, api.agents.find("a1").orElseThrow().agent().unit());
        assertEquals(2, api.audited("access.denied").size());
    }

    @Test
    void anOfficerCannotCreateATokenForAUnitOutsideTheirs() throws Exception {
        HttpResponse<String> outside = api.post("/api/v1/tokens", "{\"unit\":\"UBND xã Tân Lập\",\"role\":\"mdm-host\"}", lan);
        HttpResponse<String> missing = api.post("/api/v1/tokens", "{\"unit\":\"Sở Tư pháp\",\"role\":\"mdm-host\"}", lan);

        assertEquals(404, outside.statusCode());
        assertTrue(error(outside).startsWith("unit \"UBND xã Tân Lập\" does not exist"), outside.body());
        assertEquals(error(missing).replace("Sở Tư pháp", "UBND xã Tân Lập"), error(outside));
        assertEquals(List.of(), api.tokens.list());
    }

    @Test
    void anOfficerCreatesATokenForASubUnitAndTheIssueIsAudited() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/tokens", "{\"unit\":\"Phòng An ninh\",\"role\":\"secret-workstation\"}", lan);

        assertEquals(201, created.statusCode(), created.body());
        AuditEntry issued = api.audited("token.issued").getLast();
        assertEquals("lan", issued.actor());
        assertEquals("token:" + json(created).get("id").textValue(), issued.target());
        assertTrue(issued.details().contains("\"unit\":\"Phòng An ninh\""), issued.details());
        assertFalse(issued.details().contains(json(created).get("token").textValue()), "the token secret must stay out of the audit log");
        assertEquals(1, ids(api.get("/api/v1/tokens", lan), "tokens").size());
        assertEquals(0, ids(api.get("/api/v1/tokens", hoa), "tokens").size());
    }

    @Test
    void anInspectorCannotCreateTokensNorRevokeAgentsAndEachRefusalIsAudited() throws Exception {
        HttpResponse<String> token = api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"mdm-host\"}", minh);
        HttpResponse<String> revoke = api.post("/api/v1/agents/a1/revoke", "{}", minh);
        HttpResponse<String> move = api.post("/api/v1/agents/a1/move", "{\"unit\":\"Phòng An ninh\"}", minh);

        for (HttpResponse<String> response : List.of(token, revoke, move)) {
            assertEquals(403, response.statusCode(), response.body());
            assertTrue(error(response).startsWith("an account with role inspector may not "), response.body());
        }
        assertTrue(api.agents.find("a1").orElseThrow().agent().revokedAt().isEmpty());
        List<AuditEntry> denied = api.audited("access.denied");
        assertEquals(3, denied.size());
        assertTrue(denied.stream().allMatch(entry -> entry.actor().equals("minh") && entry.details().contains("role inspector")));
    }

    @Test
    void anInspectorReadsTheAgentsAndEventsOfTheirUnitsButNotTokens() throws Exception {
        assertEquals(List.of("a1", "a2"), ids(api.get("/api/v1/agents", minh), "agents"));
        JsonNode events = json(api.get("/api/v1/events", minh)).get("events");
        assertEquals(1, events.size());
        assertEquals("a2", events.get(0).get("agentId").textValue());
        assertEquals(403, api.get("/api/v1/tokens", minh).statusCode());
    }

    @Test
    void eventsOfAnotherUnitStayHiddenEvenWhenAskedForByAgent() throws Exception {
        assertEquals(0, json(api.get("/api/v1/events?agent=a2", hoa)).get("events").size());
        assertEquals(1, json(api.get("/api/v1/events?agent=b1", hoa)).get("events").size());
    }

    @Test
    void anOfficerMovesAnAgentWithinTheirUnitsAndTheMoveIsAudited() throws Exception {
        HttpResponse<String> moved = api.post("/api/v1/agents/a1/move", "{\"unit\":\"Phòng An ninh\"}", lan);
        HttpResponse<String> outside = api.post("/api/v1/agents/a1/move", "{\"unit\":\"UBND xã Tân Lập\"}", lan);
        HttpResponse<String> again = api.post("/api/v1/agents/a1/move", "{\"unit\":\"Phòng An ninh\"}", lan);

        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(SUB_UNIT, json(moved).get("unit").textValue());
        assertEquals(404, outside.statusCode());
        assertEquals(409, again.statusCode());
        AuditEntry entry = api.audited("agent.moved").getFirst();
        assertEquals("lan", entry.actor());
        assertEquals("agent:a1", entry.target());
        assertEquals("{\"from\":\"Sở Nội vụ\",\"to\":\"Phòng An ninh\"}", entry.details());
    }

    @Test
    void onlyAdminsCreateUnitsAndAccountsAndReadTheAuditLog() throws Exception {
        assertEquals(403, api.post("/api/v1/units", "{\"name\":\"Tổ 2\",\"parent\":\"Sở Nội vụ\"}", lan).statusCode());
        assertEquals(403, api.post("/api/v1/users", "{\"username\":\"x\",\"role\":\"admin\",\"password\":\"correct horse battery staple\"}",
                lan).statusCode());
        assertEquals(403, api.get("/api/v1/users", lan).statusCode());
        assertEquals(403, api.get("/api/v1/audit", minh).statusCode());
        assertEquals(403, api.get("/api/v1/audit/verify", lan).statusCode());

        HttpResponse<String> unit = api.post("/api/v1/units", "{\"name\":\"Tổ 2\",\"parent\":\"Sở Nội vụ\"}");
        assertEquals(201, unit.statusCode(), unit.body());
        assertEquals("unit:Tổ 2", api.audited("unit.created").getLast().target());
    }

    @Test
    void theUnitListShowsTheCallersPartOfTheTree() throws Exception {
        JsonNode units = json(api.get("/api/v1/units", lan)).get("units");

        assertEquals(2, units.size());
        assertEquals(SUB_UNIT, units.get(0).get("name").textValue());
        assertEquals(TestUnits.SO_NOI_VU, units.get(0).get("parent").textValue());
        assertEquals(TestUnits.SO_NOI_VU, units.get(1).get("name").textValue());
        assertEquals(3, json(api.get("/api/v1/units")).get("units").size());
    }

    @Test
    void theAuditLogListsEveryActionAndVerifiesIntact() throws Exception {
        api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"mdm-host\"}", lan);

        JsonNode page = json(api.get("/api/v1/audit?limit=1000"));
        JsonNode verification = json(api.get("/api/v1/audit/verify"));

        List<String> actions = new ArrayList<>();
        page.get("entries").forEach(entry -> actions.add(entry.get("action").textValue()));
        assertTrue(actions.containsAll(List.of("user.created", "login.succeeded", "token.issued")), actions.toString());
        assertTrue(verification.get("intact").booleanValue());
        assertEquals(actions.size(), verification.get("entriesChecked").longValue());
        assertEquals(page.get("entries").get(actions.size() - 1).get("hash").textValue(), verification.get("headHash").textValue());
    }

    private static List<String> ids(HttpResponse<String> response, String field) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        json(response).get(field).forEach(item -> ids.add(item.get("id").textValue()));
        return ids;
    }
}
