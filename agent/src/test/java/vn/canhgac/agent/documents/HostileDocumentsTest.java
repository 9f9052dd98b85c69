package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.ErrorFinding;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.documents.SampleDocuments.Block;
import vn.canhgac.agent.documents.SampleDocuments.Position;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.Roles;

/** Issue 5 acceptance: hostile and corrupt files become error findings and the scan goes on. */
class HostileDocumentsTest {

    @TempDir
    Path root;

    @Test
    void zipBombAndTruncatedPdfAreErrorFindingsAndTheScanCompletes() throws IOException {
        Path home = Files.createDirectories(root.resolve("home/a/Documents"));
        zipBomb(home.resolve("bom.docx"), 64);
        SampleDocuments.pdf(home.resolve("full.pdf"), List.of(Block.of(Position.PARAGRAPH, "Báo cáo tổng hợp")));
        byte[] pdf = Files.readAllBytes(home.resolve("full.pdf"));
        Files.write(home.resolve("cut.pdf"), java.util.Arrays.copyOf(pdf, pdf.length / 2));
        Files.delete(home.resolve("full.pdf"));
        Files.write(home.resolve("noise.docx"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        SampleDocuments.docx(home.resolve("z-marked.docx"), List.of(Block.of(Position.HEADER, "MẬT")));

        List<Finding> findings = new DocumentsAuditSource().audit(context(Optional.empty()));

        Map<String, Finding> byPath = new java.util.HashMap<>();
        findings.forEach(finding -> byPath.put(finding instanceof ErrorFinding error ? error.path() : ((DocumentFinding) finding).path(),
                finding));
        ErrorFinding bomb = assertInstanceOf(ErrorFinding.class, byPath.get("/home/a/Documents/bom.docx"));
        assertTrue(bomb.message().contains("zip bomb"), bomb.message());
        ErrorFinding cut = assertInstanceOf(ErrorFinding.class, byPath.get("/home/a/Documents/cut.pdf"));
        assertTrue(cut.message().contains("PDF"), cut.message());
        assertInstanceOf(ErrorFinding.class, byPath.get("/home/a/Documents/noise.docx"));
        DocumentFinding marked = assertInstanceOf(DocumentFinding.class, byPath.get("/home/a/Documents/z-marked.docx"));
        assertEquals(Level.MAT, marked.level());
        assertEquals("header", marked.location());
        assertEquals(4, findings.size(), findings.toString());
    }

    @Test
    void aPartThatExpandsPastTheBudgetIsRefusedBeforeInflating() throws IOException {
        Path file = root.resolve("big.docx");
        zipBomb(file, 8);
        ScanLimits limits = new ScanLimits(ScanLimits.MIB, 4 * ScanLimits.MIB, 100, Duration.ofSeconds(10));
        try (DocumentReader reader = new DocumentReader(System::nanoTime)) {
            ReadOutcome outcome = reader.read(file, "big.docx", limits);
            ReadOutcome.Unreadable unreadable = assertInstanceOf(ReadOutcome.Unreadable.class, outcome);
            assertTrue(unreadable.message().contains("over the limit"), unreadable.message());
        }
    }

    @Test
    void aDocumentOverItsTimeLimitIsAbandonedWithAMessage() throws IOException {
        Path file = root.resolve("long.rtf");
        SampleDocuments.rtf(file, List.of(Block.of(Position.PARAGRAPH, "Báo cáo")));
        ScanLimits limits = new ScanLimits(ScanLimits.MIB, ScanLimits.MIB, 100, Duration.ofNanos(1));
        try (DocumentReader reader = new DocumentReader(System::nanoTime)) {
            ReadOutcome.Unreadable unreadable = assertInstanceOf(ReadOutcome.Unreadable.class, reader.read(file, "long.rtf", limits));
            assertTrue(unreadable.message().contains("limit"), unreadable.message());
            assertTrue(reader.healthy());
        }
    }

    @Test
    void deeplyNestedRtfIsRefusedNotOverflowed() throws IOException {
        Path file = root.resolve("deep.rtf");
        Files.writeString(file, "{\\rtf1 " + "{".repeat(100_000) + "MẬT" + "}".repeat(100_000) + "}");
        try (DocumentReader reader = new DocumentReader(System::nanoTime)) {
            assertInstanceOf(ReadOutcome.Unreadable.class, reader.read(file, "deep.rtf", ScanLimits.forMaxFileSizeMb(10)));
        }
    }

    private AuditContext context(Optional<Path> documents) {
        return new AuditContext(HostRoot.of(root), Policy.defaults(), Roles.INTERNAL_WORKSTATION, documents, Clock.systemUTC(),
                new ConnectivityBoard());
    }

    /** A .docx whose document.xml inflates to {@code mebibytes} MiB of spaces: a few hundred KiB on disk. */
    static void zipBomb(Path file, int mebibytes) throws IOException {
        byte[] spaces = new byte[1024 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            for (int i = 0; i < mebibytes; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
    }
}
