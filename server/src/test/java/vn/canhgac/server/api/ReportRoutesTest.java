package vn.canhgac.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.Pem;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.reports.ReportManifest;
import vn.canhgac.server.reports.ReportManifests;
import vn.canhgac.server.store.AuditEntry;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.ViolationHistory;

/** The report routes over a real API: scope, the export's life, downloads that verify, and refusals. */
class ReportRoutesTest {
    private static final String BODY = "{\"units\":[\"%s\"],\"from\":\"2026-01-01\",\"to\":\"2026-01-31\",\"format\":\"%s\"}";

    @TempDir
    Path dir;

    private ApiFixture api;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void start() throws SQLException {
        api = ApiFixture.start(dir);
        ViolationHistory.write(api.paths.database(), 5_000, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 7L);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anInspectorOfOneUnitIsRefusedAnotherUnitsReportAndTheRefusalIsAudited() throws Exception {
        String inspector = api.user("thanh-tra", Role.INSPECTOR, TestUnits.SO_NOI_VU);

        HttpResponse<String> refused = api.post("/api/v1/reports", BODY.formatted(TestUnits.TAN_LAP, "csv"), inspector);

        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("is not within your units"), refused.body());
        AuditEntry denied = api.audited("access.denied").getLast();
        assertEquals("thanh-tra", denied.actor());
        assertEquals("unit:" + TestUnits.TAN_LAP, denied.target());
        assertTrue(denied.details().contains("export violation reports"), denied.details());
        assertTrue(api.audited("report.exported").isEmpty());
    }

    @Test
    void anInspectorsOwnUnitsReportHoldsOnlyThatUnitsRowsAndIsAuditedAsExported() throws Exception {
        String inspector = api.user("thanh-tra", Role.INSPECTOR, TestUnits.SO_NOI_VU);

        JsonNode done = createAndWait(BODY.formatted(TestUnits.SO_NOI_VU, "csv"), inspector);
        HttpResponse<byte[]> file = api.getBytes("/api/v1/reports/" + done.get("id").asText() + "/file", inspector);

        assertEquals(200, file.statusCode());
        assertTrue(file.headers().firstValue("Content-Disposition").orElseThrow().contains("bao-cao-vi-pham-2026-01-01-2026-01-31-"));
        List<String> lines = new String(file.body(), StandardCharsets.UTF_8).lines().skip(1).toList();
        assertFalse(lines.isEmpty());
        assertEquals(done.get("rowCount").asLong(), lines.size());
        for (String line : lines) {
            assertEquals(TestUnits.SO_NOI_VU, line.split(",")[2], line);
        }
        AuditEntry exported = api.audited("report.exported").getLast();
        assertEquals("thanh-tra", exported.actor());
        assertEquals("report:" + done.get("id").asText(), exported.target());
        assertTrue(exported.details().contains(done.get("sha256").asText()), exported.details());
    }

    @Test
    void theDownloadedFileVerifiesAgainstItsManifestWithTheServedPublicKeys() throws Exception {
        JsonNode done = createAndWait(BODY.formatted(TestUnits.SO_NOI_VU, "pdf"), api.credential);
        String id = done.get("id").asText();
        Path file = dir.resolve("report.pdf");
        Files.write(file, api.getBytes("/api/v1/reports/" + id + "/file", api.credential).body());
        byte[] manifest = api.getBytes("/api/v1/reports/" + id + "/manifest", api.credential).body();
        JsonNode keys = mapper.readTree(api.get("/api/v1/server/signing-keys").body());
        Path keyDir = dir.resolve("keys");
        Files.createDirectories(keyDir);
        Files.writeString(keyDir.resolve("ed25519.pub"), keys.get("ed25519").asText());
        Files.writeString(keyDir.resolve("ml-dsa-65.pub"), keys.get("mlDsa65").asText());
        VerifyingKeys served = VerifyingKeys.readFrom(keyDir);

        ReportManifest verified = ReportManifests.verify(file, manifest, served);

        assertEquals(api.signingKeys.verifying().fingerprint(), keys.get("fingerprint").asText());
        assertEquals(api.signingKeys.verifying().fingerprint(), verified.serverIdentity().signingKeyFingerprint());
        assertEquals(api.ca.fingerprint(), verified.serverIdentity().caFingerprint());
        assertEquals(ApiFixture.ADMIN, verified.generatedBy());
        assertEquals(done.get("sha256").asText(), verified.sha256());
        assertTrue(Pem.readPublicKey(keyDir.resolve("ed25519.pub")) != null);
    }

    @Test
    void anotherAccountCannotSeeOrDownloadSomeoneElsesReport() throws Exception {
        String id = createAndWait(BODY.formatted(TestUnits.SO_NOI_VU, "json"), api.credential).get("id").asText();
        String other = api.user("officer", Role.SECURITY_OFFICER, TestUnits.SO_NOI_VU);

        assertEquals(404, api.get("/api/v1/reports/" + id, other).statusCode());
        assertEquals(404, api.get("/api/v1/reports/" + id + "/file", other).statusCode());
        assertEquals(404, api.get("/api/v1/reports/" + id + "/manifest", other).statusCode());
    }

    @Test
    void badRequestsAreRefusedWithWhatToFix() {
        assertRefused(400, BODY.formatted(TestUnits.SO_NOI_VU, "docx"), "format must be csv, json or pdf");
        assertRefused(400, "{\"units\":[\"Sở Nội vụ\"],\"from\":\"2026-02-01\",\"to\":\"2026-01-01\",\"format\":\"csv\"}", "must not end");
        assertRefused(400, "{\"units\":[\"Sở Nội vụ\"],\"from\":\"01/02/2026\",\"to\":\"2026-03-01\",\"format\":\"csv\"}",
                "from must be a date like 2026-01-31");
        assertRefused(400, "{\"units\":[],\"from\":\"2026-01-01\",\"to\":\"2026-01-02\",\"format\":\"csv\"}", "at least one unit");
        assertRefused(400, "{\"units\":[\"Sở Nội vụ\"],\"from\":\"2026-01-01\",\"to\":\"2026-01-02\",\"format\":\"csv\","
                + "\"severities\":[\"urgent\"]}", "use unspecified, info, low, medium, high, critical");
        assertRefused(400, BODY.formatted("Sở Không Có", "csv"), "does not exist");
        assertRefused(400, "{\"unit\":\"Sở Nội vụ\"}", "this request takes the fields format, from");
        assertEquals(404, api.get("/api/v1/reports/no-such-report").statusCode());
    }

    private void assertRefused(int status, String body, String message) {
        HttpResponse<String> response = api.post("/api/v1/reports", body);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(message), response.body());
    }

    /** Polls the report until it is done (the worker runs on its own thread); a failed report fails the test. */
    private JsonNode createAndWait(String body, String bearer) throws Exception {
        HttpResponse<String> created = api.post("/api/v1/reports", body, bearer);
        assertEquals(202, created.statusCode(), created.body());
        String id = mapper.readTree(created.body()).get("id").asText();
        for (int attempt = 0; attempt < 1200; attempt++) {
            JsonNode status = mapper.readTree(api.get("/api/v1/reports/" + id, bearer).body());
            switch (status.get("state").asText()) {
                case "done" -> {
                    return status;
                }
                case "failed" -> throw new AssertionError("the report failed: " + status);
                default -> Thread.sleep(50);
            }
        }
        throw new AssertionError("report " + id + " did not finish within a minute");
    }
}
