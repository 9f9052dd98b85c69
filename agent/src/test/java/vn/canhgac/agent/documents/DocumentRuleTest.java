package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.audit.Audit;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditSources;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.documents.SampleDocuments.Block;
import vn.canhgac.agent.documents.SampleDocuments.Position;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.Roles;

/** The rule in audit mode: a marked document is a violation only where the machine can reach the Internet. */
class DocumentRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void auditPrintsDocumentFindingsWithTheIssueFields() throws IOException {
        writeCorpus();
        JsonNode report = JSON.readTree(Audit.json(new Audit(AuditSources.all())
                .run(context(Roles.SECRET_WORKSTATION, ConnectivityBoard.Verdict.OFFLINE, Optional.empty()))));
        JsonNode document = findings(report, "document").getFirst();
        assertEquals("/home/a/Documents/qd.docx", document.get("path").asText());
        assertEquals("TUYET_MAT", document.get("level").asText());
        assertFalse(document.get("declassified").asBoolean());
        assertEquals(64, document.get("sha256").asText().length());
        assertEquals("table 1 cell 1,2", document.get("location").asText());
        assertFalse(document.get("violation").asBoolean(), "offline secret workstation: allowed");
        assertEquals(1, findings(report, "error").stream()
                .filter(error -> error.get("source").asText().equals(DocumentsAuditSource.NAME)).count(),
                "one unreadable document; other sources may report their own errors on this bare host root");
    }

    @Test
    void internetReachableMachineOrInternetRoleMakesItAViolation() throws IOException {
        writeCorpus();
        List<DocumentFinding> online = documents(context(Roles.SECRET_WORKSTATION, ConnectivityBoard.Verdict.INTERNET, Optional.empty()));
        assertTrue(online.getFirst().violation());
        List<DocumentFinding> role = documents(context(Roles.INTERNET_WORKSTATION, ConnectivityBoard.Verdict.UNKNOWN, Optional.empty()));
        assertTrue(role.getFirst().violation());
        List<DocumentFinding> internal = documents(context(Roles.INTERNAL_WORKSTATION, ConnectivityBoard.Verdict.INTERNAL, Optional.empty()));
        assertFalse(internal.getFirst().violation());
    }

    @Test
    void declassifiedDocumentIsNeverAViolation() throws IOException {
        Path docs = Files.createDirectories(root.resolve("home/b"));
        SampleDocuments.odt(docs.resolve("old.odt"), List.of(Block.of(Position.HEADER, "MẬT"), Block.of(Position.FOOTER, "GIẢI MẬT")));
        DocumentFinding finding = documents(context(Roles.INTERNET_WORKSTATION, ConnectivityBoard.Verdict.INTERNET, Optional.empty())).getFirst();
        assertTrue(finding.declassified());
        assertFalse(finding.violation());
    }

    @Test
    void documentsOptionScansOnlyThatDirectory() throws IOException {
        writeCorpus();
        Path other = Files.createDirectories(root.resolve("srv/share"));
        SampleDocuments.rtf(other.resolve("cv.rtf"), List.of(Block.of(Position.PARAGRAPH, "MẬT")));
        List<DocumentFinding> found = documents(context(Roles.SECRET_WORKSTATION, ConnectivityBoard.Verdict.OFFLINE,
                Optional.of(Path.of("/srv/share"))));
        assertEquals(List.of("/srv/share/cv.rtf"), found.stream().map(DocumentFinding::path).toList());
    }

    private void writeCorpus() throws IOException {
        Path docs = Files.createDirectories(root.resolve("home/a/Documents"));
        SampleDocuments.docx(docs.resolve("qd.docx"), List.of(Block.of(Position.PARAGRAPH, "MẬT ĐỘ DÂN SỐ"),
                new Block(Position.TABLE_CELL, "TUYỆT MẬT", SampleDocuments.Encoding.TCVN3), Block.of(Position.FOOTER, "MẬT")));
        SampleDocuments.txt(docs.resolve("ghi-chu.txt"), List.of(Block.of(Position.PARAGRAPH, "mật khẩu: 123")));
        Files.write(docs.resolve("hong.pdf"), "%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII));
    }

    private List<DocumentFinding> documents(AuditContext context) {
        return new DocumentsAuditSource().audit(context).stream().filter(DocumentFinding.class::isInstance)
                .map(DocumentFinding.class::cast).toList();
    }

    private static List<JsonNode> findings(JsonNode report, String type) {
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (finding.get("type").asText().equals(type)) {
                found.add(finding);
            }
        });
        return found;
    }

    private AuditContext context(String role, ConnectivityBoard.Verdict verdict, Optional<Path> documents) {
        ConnectivityBoard board = new ConnectivityBoard();
        board.publish(new ConnectivityBoard.Snapshot(verdict, List.of("default route via eth0"), Instant.parse("2026-11-23T08:00:00Z")));
        return new AuditContext(HostRoot.of(root), Policy.defaults(), role, documents, Clock.systemUTC(), board);
    }
}
