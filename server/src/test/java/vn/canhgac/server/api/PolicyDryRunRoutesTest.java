package vn.canhgac.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.testing.TestUnits;

class PolicyDryRunRoutesTest {
    static final String POLICY = """
            apiVersion: canhgac/v1
            kind: Policy
            metadata:
              name: chan-usb
            usb:
              storage: block
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        api.enrolled("a1", TestUnits.SO_NOI_VU, "internet-workstation", "0a1b");
        api.enrolled("a2", TestUnits.TAN_LAP, "internet-workstation", "2c");
        flashDrive("a1", 1);
        flashDrive("a2", 1);
        api.clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anAdminSeesWhatThePolicyWouldHaveFlaggedEverywhereAndTheRunIsAudited() throws Exception {
        HttpResponse<String> response = api.post(PolicyDryRunRoutes.PATH + "?days=7", POLICY);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertEquals("chan-usb", result.get("policy").textValue());
        assertEquals(2, result.get("eventsScanned").longValue());
        JsonNode usb = result.get("sections").get(0);
        assertEquals("usb", usb.get("kind").textValue());
        assertEquals(2, usb.get("count").longValue());
        assertEquals("block by usb.storage=block", usb.get("samples").get(0).get("why").textValue());
        List<AuditEntry> audited = api.audited("policy.dry_run");
        assertEquals(1, audited.size());
        assertEquals("policy:chan-usb", audited.getFirst().target());
    }

    @Test
    void anOfficerOnlySeesTheirUnitsAndAnotherUnitIsA404ThatIsAudited() throws Exception {
        String hoa = api.user("hoa", Role.SECURITY_OFFICER, TestUnits.TAN_LAP);

        HttpResponse<String> own = api.post(PolicyDryRunRoutes.PATH + "?days=7", POLICY, hoa);
        HttpResponse<String> other = api.post(PolicyDryRunRoutes.PATH + "?days=7&unit=" + java.net.URLEncoder.encode(TestUnits.SO_NOI_VU,
                java.nio.charset.StandardCharsets.UTF_8), POLICY, hoa);

        assertEquals(200, own.statusCode(), own.body());
        JsonNode usb = JSON.readTree(own.body()).get("sections").get(0);
        assertEquals(1, usb.get("count").longValue());
        assertEquals("a2", usb.get("samples").get(0).get("agentId").textValue());
        assertEquals(404, other.statusCode(), other.body());
        assertTrue(api.audited("access.denied").stream().anyMatch(entry -> entry.actor().equals("hoa")
                && entry.target().equals("unit:" + TestUnits.SO_NOI_VU)));
    }

    @Test
    void aPolicyThatDoesNotValidateIsA400NamingTheLineAndField() throws Exception {
        HttpResponse<String> response = api.post(PolicyDryRunRoutes.PATH + "?days=7", POLICY.replace("storage: block", "storage: blok"));

        assertEquals(400, response.statusCode());
        String error = JSON.readTree(response.body()).get("error").textValue();
        assertTrue(error.startsWith("policy line 6: ") && error.contains("blok"), error);
    }

    @Test
    void daysOutsideOneToAYearAndAnUnknownRoleAre400s() throws Exception {
        assertEquals("days must be between 1 and 365 (got 366)", error(api.post(PolicyDryRunRoutes.PATH + "?days=366", POLICY)));
        assertEquals("days is required: how many days of stored events to judge, 1..365", error(api.post(PolicyDryRunRoutes.PATH, POLICY)));
        assertTrue(error(api.post(PolicyDryRunRoutes.PATH + "?days=7&role=laptop", POLICY)).startsWith("role must be one of"));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("error").textValue();
    }

    private void flashDrive(String agentId, long sequence) {
        api.database.events().storeBatches(List.of(new AgentBatch(agentId, List.of(new NewEvent(sequence, api.clock.instant(),
                "usb.connected", 1, "{\"vendorId\":\"0781\",\"productId\":\"5567\",\"serial\":\"4C53\",\"kinds\":[\"storage\"]}")))),
                api.clock.instant());
    }
}
