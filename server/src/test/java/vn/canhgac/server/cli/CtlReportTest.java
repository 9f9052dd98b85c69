package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.server.api.ApiFixture;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.ViolationHistory;

/** canhgacctl report and server keys against a real API; report verify with no server at all. */
class CtlReportTest {

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir.resolve("server"));
        ViolationHistory.write(api.paths.database(), 3_000, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28), 11L);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createWritesTheReportAndManifestWhichVerifyOfflineUntilOneByteChanges() throws Exception {
        Path report = dir.resolve("bao-cao.pdf");
        Path keys = dir.resolve("keys");

        Run created = ctl("report", "create", "--unit", TestUnits.SO_NOI_VU, "--unit", TestUnits.TAN_LAP, "--from", "2026-01-01",
                "--to", "2026-01-31", "--severity", "critical", "--severity", "high", "--format", "pdf", "--out", report.toString());
        Run keysWritten = ctl("server", "keys", "--out", keys.toString());
        api.close();
        Path manifest = dir.resolve("bao-cao.pdf.manifest.json");
        Run verified = offline("report", "verify", report.toString(), manifest.toString(), "--keys", keys.toString());

        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.out().startsWith("Wrote " + report + " (pdf, "), created.out());
        assertTrue(created.err().contains(": done, "), "a plain progress line without a terminal: " + created.err());
        assertEquals(0, keysWritten.exitCode(), keysWritten.err());
        assertTrue(keysWritten.out().contains("fingerprint: " + api.signingKeys.verifying().fingerprint()), keysWritten.out());
        assertEquals(0, verified.exitCode(), verified.err());
        assertTrue(verified.out().startsWith("OK: " + report), verified.out());
        assertTrue(verified.out().contains("\"severities\":[\"high\",\"critical\"]"), verified.out());
        try (PDDocument document = Loader.loadPDF(report.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Sở Nội vụ, UBND xã Tân Lập"), text.substring(0, 300));
        }

        byte[] bytes = Files.readAllBytes(report);
        bytes[bytes.length - 100] ^= 1;
        Files.write(report, bytes);
        Run changedFile = offline("report", "verify", report.toString(), manifest.toString(), "--keys", keys.toString());
        assertEquals(1, changedFile.exitCode());
        assertTrue(changedFile.err().startsWith("FAILED (file hash): file hash mismatch"), changedFile.err());

        bytes[bytes.length - 100] ^= 1;
        Files.write(report, bytes);
        String wrapper = Files.readString(manifest, StandardCharsets.UTF_8);
        int at = wrapper.indexOf("\"ed25519\" : \"") + 20;
        char flipped = wrapper.charAt(at) == 'A' ? 'B' : 'A';
        Files.writeString(manifest, wrapper.substring(0, at) + flipped + wrapper.substring(at + 1), StandardCharsets.UTF_8);
        Run changedManifest = offline("report", "verify", report.toString(), manifest.toString(), "--keys", keys.toString());
        assertEquals(1, changedManifest.exitCode());
        assertTrue(changedManifest.err().startsWith("FAILED (signature): Ed25519 signature does not verify"), changedManifest.err());
    }

    @Test
    void csvReportHoldsVietnameseTextBehindAByteOrderMark() throws Exception {
        Path report = dir.resolve("report.csv");

        Run created = ctl("report", "create", "--unit", TestUnits.SO_NOI_VU, "--from", "2026-01-01", "--to", "2026-02-28",
                "--format", "csv", "--lang", "en", "--out", report.toString());

        assertEquals(0, created.exitCode(), created.err());
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertEquals('\uFEFF', text.charAt(0));
        assertTrue(text.startsWith("\uFEFFEvent id,Time,Unit,Host,Agent id,Type,Severity,Evidence\r\n"), text.substring(0, 80));
        assertTrue(text.contains(",Sở Nội vụ,"));
    }

    @Test
    void badOptionsAndRefusalsGetOneLineThatSaysWhatToFix() {
        Run badDate = ctl("report", "create", "--unit", "X", "--from", "1/1/2026", "--to", "2026-01-31", "--format", "csv",
                "--out", dir.resolve("r.csv").toString());
        Run badFormat = ctl("report", "create", "--unit", "X", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "xlsx",
                "--out", dir.resolve("r.csv").toString());
        Run unknownUnit = ctl("report", "create", "--unit", "Sở Không Có", "--from", "2026-01-01", "--to", "2026-01-31",
                "--format", "csv", "--out", dir.resolve("r.csv").toString());
        Run noKeys = offline("report", "verify", "a.csv", "a.csv.manifest.json", "--keys", dir.resolve("none").toString());

        assertEquals(2, badDate.exitCode());
        assertTrue(badDate.err().contains("--from must be a date like 2026-01-31"), badDate.err());
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("--format must be csv, json or pdf"), badFormat.err());
        assertEquals(1, unknownUnit.exitCode());
        assertTrue(unknownUnit.err().contains("unit \"Sở Không Có\" does not exist"), unknownUnit.err());
        assertEquals(1, noKeys.exitCode());
        assertTrue(noKeys.err().contains("canhgacctl server keys --out"), noKeys.err());
    }

    /** canhgacctl as the fixture's logged-in admin, through a saved session file as `canhgacctl login` leaves it. */
    private Run ctl(String... args) {
        Path session = dir.resolve("session");
        KeyFiles.writeSecret(session, "{\"api\":\"" + api.base() + "\",\"username\":\"" + ApiFixture.ADMIN
                + "\",\"token\":\"" + api.credential + "\",\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}\n");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("server").toString(), "--api", api.base(), "--session-file", session.toString()));
        return offline(all.toArray(String[]::new));
    }

    private static Run offline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CtlMain.commandLine(Clock.systemUTC());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
