package vn.canhgac.server.api;

import static vn.canhgac.server.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.bundle.BundleFormat;
import vn.canhgac.server.imports.TestBundles;

class ImportRoutesTest {

    @TempDir
    Path dir;

    private ApiFixture api;
    private TestBundles.Agent agent;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir);
        agent = TestBundles.enrol(api.tokens, api.database.agents(), api.ca);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aBundleIsStoredOnceAndTheSecondImportSaysNothingWasNew() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(dir.resolve("usb"), agent, 1, 20));

        HttpResponse<String> first = api.postBytes("/api/v1/imports", file);
        HttpResponse<String> second = api.postBytes("/api/v1/imports", file);

        assertEquals(200, first.statusCode(), first.body());
        JsonNode report = json(first);
        assertEquals(agent.id(), report.get("agentId").textValue());
        assertEquals(20, report.get("received").intValue());
        assertEquals(20, report.get("stored").intValue());
        assertEquals(0, report.get("alreadyHeld").intValue());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(0, json(second).get("stored").intValue());
        assertEquals(20, json(second).get("alreadyHeld").intValue());
        assertEquals(20, api.database.events().count(Optional.of(agent.id())));
    }

    @Test
    void aBundleLargerThanTheApisUsualBodyLimitIsAccepted() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(dir.resolve("usb"), agent, 1, 3_000));
        assertTrue(file.length > ApiServer.MAX_BODY_BYTES, "the test bundle must be larger than 64 KiB: " + file.length);

        HttpResponse<String> response = api.postBytes("/api/v1/imports", file);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3_000, json(response).get("stored").intValue());
    }

    @Test
    void otherRoutesKeepTheirSmallBodyLimit() {
        HttpResponse<String> response = api.post("/api/v1/tokens", "{\"unit\":\"" + "a".repeat(ApiServer.MAX_BODY_BYTES) + "\"}");

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("larger than " + ApiServer.MAX_BODY_BYTES + " bytes"), response.body());
    }

    @Test
    void aTamperedBundleIs422AndNothingIsStored() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(dir.resolve("usb"), agent, 1, 5));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        file[text.indexOf("\"n\":3") + 4] = '4';

        HttpResponse<String> response = api.postBytes("/api/v1/imports", file);

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(json(response).get("error").textValue().contains("changed after the agent signed it"), response.body());
        assertEquals(0, api.database.events().count(Optional.empty()));
    }

    @Test
    void somethingThatIsNotABundleIs400() {
        HttpResponse<String> response = api.postBytes("/api/v1/imports", "hello".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("not a Canh Gác bundle"), response.body());
    }

    @Test
    void anEmptyBodyIs400() {
        HttpResponse<String> response = api.postBytes("/api/v1/imports", new byte[0]);

        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").textValue().contains("the file is empty"), response.body());
    }

    @Test
    void aGapIs409UntilAccepted() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(dir.resolve("usb"), agent, 11, 5));

        HttpResponse<String> refused = api.postBytes("/api/v1/imports", file);
        HttpResponse<String> accepted = api.postBytes("/api/v1/imports?acceptGap=true", file);

        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(json(refused).get("error").textValue().contains("events 1..10 would be missing"), refused.body());
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(10, json(accepted).get("missingBefore").intValue());
    }

    @Test
    void anUnknownQueryParameterIs400() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(dir.resolve("usb"), agent, 1, 5));

        HttpResponse<String> response = api.postBytes("/api/v1/imports?acceptgap=true", file);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("unknown query parameter \\\"acceptgap\\\""), response.body());
        assertEquals(0, api.database.events().count(Optional.empty()));
    }

    @Test
    void withoutTheCredentialNothingIsImported() throws Exception {
        HttpResponse<String> response = api.exchange("POST", "/api/v1/imports", "a bundle", null);

        assertEquals(401, response.statusCode());
        assertEquals(0, api.database.events().count(Optional.empty()));
    }

    @Test
    void anImportIsLoggedWithItsCountsAndARefusalWithItsReason() throws Exception {
        byte[] file = Files.readAllBytes(TestBundles.bundle(dir.resolve("usb"), agent, 1, 5));
        try (LogCapture log = new LogCapture()) {
            api.postBytes("/api/v1/imports", file);
            api.postBytes("/api/v1/imports", "hello".getBytes(StandardCharsets.UTF_8));

            assertTrue(log.all().contains("event=import.stored agent=" + agent.id() + " first=1 last=5 received=5 new=5 already_held=0"),
                    log.all());
            assertTrue(log.all().contains("event=import.refused agent=- reason=MALFORMED"), log.all());
        }
    }

    @Test
    void aBodyLargerThanAnyBundleIs413() {
        HttpResponse<String> response = api.postBytes("/api/v1/imports", new byte[BundleFormat.MAX_FILE_BYTES + 1]);

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("larger than " + BundleFormat.MAX_FILE_BYTES + " bytes"), response.body());
    }
}
