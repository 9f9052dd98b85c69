package vn.canhgac.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.testing.TestUnits;

/** {@code GET /api/v1/soc/destinations}: who may read it; its content is tested with real receivers in soc/. */
class SocRoutesTest {
    @TempDir
    Path directory;
    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(directory);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void adminsAndOfficersReadTheDestinationsEmptyWhenNoneIsConfigured() {
        HttpResponse<String> admin = api.get("/api/v1/soc/destinations");
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals("{\"destinations\":[]}", admin.body());
        String officer = api.user("lan", Role.SECURITY_OFFICER, TestUnits.SO_NOI_VU);
        assertEquals(200, api.get("/api/v1/soc/destinations", officer).statusCode());
    }

    @Test
    void anInspectorIsRefusedAndTheRefusalAudited() {
        String inspector = api.user("minh", Role.INSPECTOR, TestUnits.SO_NOI_VU);
        HttpResponse<String> response = api.get("/api/v1/soc/destinations", inspector);
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("may not read the SOC export status"), response.body());
        assertTrue(api.audited("access.denied").stream().anyMatch(entry -> entry.actor().equals("minh")),
                "the refusal is in the audit log");
    }
}
