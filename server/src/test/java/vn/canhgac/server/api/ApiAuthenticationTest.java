package vn.canhgac.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiAuthenticationTest {
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
    void healthAnswersWithoutACredential() throws Exception {
        HttpResponse<String> response = api.send("GET", "/api/v1/health", null, null);

        assertEquals(200, response.statusCode());
        assertEquals("ok", json(response).get("status").textValue());
    }

    @Test
    void aRequestWithoutCredentialIsRefusedWith401AndAJsonError() throws Exception {
        HttpResponse<String> response = api.send("GET", "/api/v1/tokens", null, null);

        assertEquals(401, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("Authorization: Bearer"), response.body());
        assertEquals("Bearer realm=\"canhgac-admin\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void aWrongCredentialIsRefusedAndTheLogDoesNotContainIt() throws Exception {
        String presented = "not-the-admin-credential-4f1c9a";
        HttpResponse<String> response;
        try (LogCapture logs = new LogCapture()) {
            response = api.send("GET", "/api/v1/agents", null, presented);

            assertTrue(logs.all().contains("event=api.unauthorized reason=unknown"), logs.all());
            assertFalse(logs.all().contains(presented), logs.all());
        }
        assertEquals(401, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("not accepted"), response.body());
        assertFalse(response.body().contains(presented));
    }

    @Test
    void theCredentialUnderAnotherSchemeIsRefused() {
        HttpResponse<String> response = api.exchange("GET", "/api/v1/agents", null, "Basic " + api.credential);

        assertEquals(401, response.statusCode());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        assertEquals(200, api.exchange("GET", "/api/v1/agents", null, "bearer " + api.credential).statusCode());
    }

    @Test
    void theAdminCredentialIsAccepted() {
        assertEquals(200, api.get("/api/v1/agents").statusCode());
    }

    @Test
    void anUnknownRouteOutsideTheApiIsA404WithAJsonError() throws Exception {
        HttpResponse<String> response = api.send("GET", "/index.html", null, null);

        assertEquals(404, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("/api/v1"), response.body());
    }

    @Test
    void anUnknownRouteInsideTheApiIsA404ForAnAdmin() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/no-such-thing");

        assertEquals(404, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("GET /api/v1/no-such-thing"), response.body());
    }

    @Test
    void anUnknownRouteInsideTheApiIsRefusedBeforeItIsRevealed() {
        assertEquals(401, api.send("GET", "/api/v1/policies", null, null).statusCode());
    }

    @Test
    void aKnownPathWithTheWrongMethodIsA405() throws Exception {
        HttpResponse<String> response = api.send("PUT", "/api/v1/tokens", "{}", api.credential);

        assertEquals(405, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("PUT"), response.body());
    }

    @Test
    void answersAreNotCached() {
        assertEquals("no-store", api.get("/api/v1/tokens").headers().firstValue("Cache-Control").orElseThrow());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        return ApiJson.mapper().readTree(response.body());
    }
}
