package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.error;
import static vn.canhgac.server.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.store.TokenRedemption;

class TokenRoutesTest {
    private static final String SO_NOI_VU = "{\"unit\":\"Sở Nội vụ\",\"role\":\"secret-workstation\",\"expires\":\"7d\"}";

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createdTokenCarriesTheSecretTheCaFingerprintAndTheEnrolCommand() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", SO_NOI_VU);

        assertEquals(201, response.statusCode(), response.body());
        JsonNode created = json(response);
        EnrollmentTokenCode code = EnrollmentTokenCode.parse(created.get("token").textValue());
        assertEquals(api.ca.fingerprint(), code.caFingerprintHex());
        assertEquals(Fingerprints.display(api.ca.fingerprint()), created.get("caFingerprint").textValue());
        assertEquals("canhgac-agent enroll --server 127.0.0.1:7444 --token " + created.get("token").textValue(),
                created.get("enrollCommand").textValue());
        assertEquals("Sở Nội vụ", created.get("unit").textValue());
        assertEquals("secret-workstation", created.get("role").textValue());
        assertEquals(api.clock.instant().plus(Duration.ofDays(7)), Instant.parse(created.get("expiresAt").textValue()));
        // The secret in the token is the one the service will redeem.
        assertTrue(api.tokens.redeem(code.secret(), "agent-1") instanceof TokenRedemption.Redeemed);
    }

    @Test
    void aTokenWithoutExpiresIsValidFor24Hours() throws Exception {
        JsonNode created = json(api.post("/api/v1/tokens", "{\"unit\":\"UBND xã Tân Lập\",\"role\":\"mdm-host\"}"));

        assertEquals(api.clock.instant().plus(Duration.ofHours(24)), Instant.parse(created.get("expiresAt").textValue()));
    }

    @Test
    void aListedTokenIsUnusedAndCarriesNoSecret() throws Exception {
        JsonNode created = json(api.post("/api/v1/tokens", SO_NOI_VU));
        String secret = EnrollmentTokenCode.parse(created.get("token").textValue()).secret();

        HttpResponse<String> list = api.get("/api/v1/tokens");

        assertEquals(200, list.statusCode());
        JsonNode token = json(list).get("tokens").get(0);
        assertEquals(created.get("id").textValue(), token.get("id").textValue());
        assertEquals("unused", token.get("state").textValue());
        assertTrue(token.get("usedAt").isNull());
        assertFalse(token.has("token"));
        assertFalse(list.body().contains(secret));
        assertFalse(list.body().contains(TokenService.hash(secret)));
    }

    @Test
    void theSecretNeverReachesTheLog() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            JsonNode created = json(api.post("/api/v1/tokens", SO_NOI_VU));
            api.get("/api/v1/tokens");
            String secret = EnrollmentTokenCode.parse(created.get("token").textValue()).secret();

            assertTrue(logs.all().contains("event=api.request method=POST path=/api/v1/tokens status=201"), logs.all());
            assertFalse(logs.all().contains(secret), logs.all());
        }
    }

    @Test
    void aTokenIsListedExpiredOnceItsTimeHasPassed() throws Exception {
        api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"mdm-host\",\"expires\":\"30m\"}");

        api.clock.advance(Duration.ofMinutes(30));
        api.relogin();

        assertEquals("expired", json(api.get("/api/v1/tokens")).get("tokens").get(0).get("state").textValue());
    }

    @Test
    void aRedeemedTokenIsListedUsedByItsAgent() throws Exception {
        JsonNode created = json(api.post("/api/v1/tokens", SO_NOI_VU));
        api.tokens.redeem(EnrollmentTokenCode.parse(created.get("token").textValue()).secret(), "agent-7");

        JsonNode token = json(api.get("/api/v1/tokens")).get("tokens").get(0);

        assertEquals("used", token.get("state").textValue());
        assertEquals("agent-7", token.get("usedByAgentId").textValue());
        assertEquals(api.clock.instant(), Instant.parse(token.get("usedAt").textValue()));
    }

    @Test
    void revokingAnUnusedTokenAnswers204AndListsItRevoked() throws Exception {
        String id = json(api.post("/api/v1/tokens", SO_NOI_VU)).get("id").textValue();

        HttpResponse<String> revoked = api.delete("/api/v1/tokens/" + id);

        assertEquals(204, revoked.statusCode());
        assertEquals("", revoked.body());
        assertEquals("revoked", json(api.get("/api/v1/tokens")).get("tokens").get(0).get("state").textValue());
    }

    @Test
    void revokingARevokedTokenIsAConflict() throws Exception {
        String id = json(api.post("/api/v1/tokens", SO_NOI_VU)).get("id").textValue();
        api.delete("/api/v1/tokens/" + id);

        HttpResponse<String> again = api.delete("/api/v1/tokens/" + id);

        assertEquals(409, again.statusCode());
        assertTrue(error(again).contains("already revoked"), again.body());
    }

    @Test
    void revokingAUsedTokenIsAConflictThatPointsAtTheAgent() throws Exception {
        JsonNode created = json(api.post("/api/v1/tokens", SO_NOI_VU));
        api.tokens.redeem(EnrollmentTokenCode.parse(created.get("token").textValue()).secret(), "agent-7");

        HttpResponse<String> response = api.delete("/api/v1/tokens/" + created.get("id").textValue());

        assertEquals(409, response.statusCode());
        assertTrue(error(response).contains("agent-7"), response.body());
    }

    @Test
    void revokingAnUnknownTokenIsA404() throws Exception {
        HttpResponse<String> response = api.delete("/api/v1/tokens/0123456789ab");

        assertEquals(404, response.statusCode());
        assertTrue(error(response).contains("0123456789ab"), response.body());
    }

    @Test
    void anUnknownRoleIsA400NamingTheRole() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"workstation\"}");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("role must be one of"), response.body());
        assertTrue(error(response).contains("\"workstation\""), response.body());
        assertTrue(api.tokens.list().isEmpty());
    }

    @Test
    void aMissingUnitIsA400NamingTheUnit() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"role\":\"mdm-host\"}");

        assertEquals(400, response.statusCode());
        assertEquals("unit is required", error(response));
    }

    @Test
    void aUnitThatIsNotAStringIsA400() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":42,\"role\":\"mdm-host\"}");

        assertEquals(400, response.statusCode());
        assertEquals("unit must be a string (got number)", error(response));
    }

    @Test
    void anUnreadableExpiresIsA400NamingExpires() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"mdm-host\",\"expires\":\"1 week\"}");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("expires must be"), response.body());
    }

    @Test
    void anExpiresBeyond30DaysIsA400() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"mdm-host\",\"expires\":\"31d\"}");

        assertEquals(400, response.statusCode());
        assertEquals("expires must be between 1m and 30d (got \"31d\")", error(response));
    }

    @Test
    void anUnknownFieldIsA400NamingIt() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"Sở Nội vụ\",\"role\":\"mdm-host\",\"expiry\":\"1h\"}");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("unknown field \"expiry\""), response.body());
    }

    @Test
    void aDuplicatedFieldIsA400() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"A\",\"role\":\"mdm-host\",\"role\":\"secret-workstation\"}");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).contains("role"), response.body());
    }

    @Test
    void aBodyThatIsNotJsonIsA400() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "unit=So+Noi+vu");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).startsWith("the request body is not valid JSON"), response.body());
    }

    @Test
    void anEmptyBodyIsA400() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/tokens", "");

        assertEquals(400, response.statusCode());
        assertTrue(error(response).contains("JSON object"), response.body());
    }

    @Test
    void aBodyOver64KiBIsRefusedWith413() throws Exception {
        String unit = "x".repeat(ApiServer.MAX_BODY_BYTES);
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"" + unit + "\",\"role\":\"mdm-host\"}");

        assertEquals(413, response.statusCode());
        assertTrue(error(response).contains("65536 bytes"), response.body());
        assertTrue(api.tokens.list().isEmpty());
    }
}
