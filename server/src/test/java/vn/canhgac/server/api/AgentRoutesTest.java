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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.v1.ServerCommand;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.AgentFacts;

class AgentRoutesTest {
    private static final AgentFacts FACTS = new AgentFacts("pc-ke-toan-01", "Ubuntu", "24.04", "6.8.0-45-generic", "amd64", "0.1.0");

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        api.enrolled("a1", "Sở Nội vụ", "secret-workstation", "0a1b");
        api.enrolled("a2", "UBND xã Tân Lập", "internet-workstation", "2c");
        api.agents.hello("a1", FACTS, 12, 3);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listShowsEveryAgentWithStatusAndFacts() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/agents");

        assertEquals(200, response.statusCode());
        JsonNode agents = json(response).get("agents");
        assertEquals(2, agents.size());
        JsonNode a1 = agents.get(0);
        assertEquals("a1", a1.get("id").textValue());
        assertEquals("Sở Nội vụ", a1.get("unit").textValue());
        assertEquals("online", a1.get("status").textValue());
        assertFalse(a1.get("connected").booleanValue());
        assertEquals(api.clock.instant(), Instant.parse(a1.get("lastSeenAt").textValue()));
        assertEquals("pc-ke-toan-01", a1.get("hostname").textValue());
        assertEquals("Ubuntu 24.04", a1.get("os").textValue());
        assertEquals("0.1.0", a1.get("agentVersion").textValue());
        assertEquals(12, a1.get("outboxBacklog").longValue());
        assertEquals(3, a1.get("droppedEventsTotal").longValue());
        assertEquals("0a1b", a1.get("certificateSerial").textValue());
        JsonNode a2 = agents.get(1);
        assertEquals("silent", a2.get("status").textValue());
        assertTrue(a2.get("hostname").isNull());
        assertTrue(a2.get("lastSeenAt").isNull());
    }

    @Test
    void theStatusParameterKeepsOnlyAgentsInThatStatusAndEachShowsItsRolesThreshold() throws Exception {
        JsonNode silent = json(api.get("/api/v1/agents?status=silent")).get("agents");
        JsonNode online = json(api.get("/api/v1/agents?status=online")).get("agents");

        assertEquals(1, silent.size());
        assertEquals("a2", silent.get(0).get("id").textValue());
        assertEquals(ApiFixture.SILENT_AFTER.toMinutes(), silent.get(0).get("silentAfterMinutes").longValue());
        assertEquals(0, silent.get(0).get("policyVersion").longValue(), "no policy reported yet");
        assertEquals(1, online.size());
        assertEquals("a1", online.get(0).get("id").textValue());
    }

    @Test
    void anUnknownStatusIsA400NamingTheStatuses() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/agents?status=asleep");

        assertEquals(400, response.statusCode());
        assertEquals("status must be one of online, silent, revoked (got \"asleep\")", error(response));
    }

    @Test
    void anAgentWithALiveConnectionIsListedConnected() throws Exception {
        api.agents.connected("a2");

        JsonNode a2 = json(api.get("/api/v1/agents/a2"));

        assertTrue(a2.get("connected").booleanValue());
        assertEquals("online", a2.get("status").textValue());
    }

    @Test
    void anAgentNotSeenForTheSilentPeriodIsListedSilent() throws Exception {
        api.clock.advance(ApiFixture.SILENT_AFTER.plusSeconds(1));

        assertEquals("silent", json(api.get("/api/v1/agents/a1")).get("status").textValue());
    }

    @Test
    void showAnswersOneAgent() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/agents/a1");

        assertEquals(200, response.statusCode());
        assertEquals("a1", json(response).get("id").textValue());
        assertEquals("6.8.0-45-generic", json(response).get("kernel").textValue());
    }

    @Test
    void showingAnUnknownAgentIsA404() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/agents/nope");

        assertEquals(404, response.statusCode());
        assertTrue(error(response).contains("\"nope\""), response.body());
    }

    @Test
    void revokingAnAgentAnswersItRevokedAndTellsTheChannel() throws Exception {
        List<String> closed = new ArrayList<>();
        api.agents.onRevocation(closed::add);

        HttpResponse<String> response = api.post("/api/v1/agents/a1/revoke", "");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("revoked", json(response).get("status").textValue());
        assertEquals(api.clock.instant(), Instant.parse(json(response).get("revokedAt").textValue()));
        assertTrue(api.agents.isRevokedSerial("0a1b"));
        assertEquals(List.of("a1"), closed);
    }

    @Test
    void resendInventorySendsTheCommandToTheConnectedAgentAndAuditsItsId() throws Exception {
        List<ServerCommand> sent = new ArrayList<>();
        api.agents.attachCommands((agentId, command) -> agentId.equals("a1") && sent.add(command));

        HttpResponse<String> response = api.post("/api/v1/agents/a1/resend-inventory", "");

        assertEquals(202, response.statusCode(), response.body());
        String commandId = json(response).get("commandId").textValue();
        assertEquals(List.of(ServerCommand.newBuilder().setKind(ServerCommand.Kind.RESEND_INVENTORY).setId(commandId).build()), sent);
        assertTrue(api.audited("agent.inventory_requested").getLast().details().contains(commandId));
    }

    @Test
    void resendInventoryToAnAgentThatIsNotConnectedIsAConflictAndQueuesNothing() throws Exception {
        api.agents.attachCommands((agentId, command) -> false);

        HttpResponse<String> response = api.post("/api/v1/agents/a1/resend-inventory", "");

        assertEquals(409, response.statusCode());
        assertTrue(error(response).contains("not connected"), response.body());
        assertTrue(api.audited("agent.inventory_requested").isEmpty());
    }

    @Test
    void anInspectorCannotSendCommands() {
        String inspector = api.user("thanh", Role.INSPECTOR, "Sở Nội vụ");

        assertEquals(403, api.post("/api/v1/agents/a1/resend-inventory", "", inspector).statusCode());
    }

    @Test
    void revokingARevokedAgentIsAConflict() throws Exception {
        api.post("/api/v1/agents/a1/revoke", "");

        HttpResponse<String> again = api.post("/api/v1/agents/a1/revoke", "");

        assertEquals(409, again.statusCode());
        assertTrue(error(again).contains("already revoked"), again.body());
    }

    @Test
    void revokingAnUnknownAgentIsA404() {
        assertEquals(404, api.post("/api/v1/agents/nope/revoke", "").statusCode());
    }
}
