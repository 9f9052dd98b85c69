package vn.canhgac.agent.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.RecordedEvents;
import vn.canhgac.agent.RecordedEvents.Event;
import vn.canhgac.agent.cli.AgentMain;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.documents.SampleDocuments.Block;
import vn.canhgac.agent.documents.SampleDocuments.Position;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.DocumentsPolicy;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.Roles;

class DocumentCollectorTest {

    private final RecordedEvents events = new RecordedEvents();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ConnectivityBoard board = new ConnectivityBoard();
    private DocumentCollector collector;

    @TempDir
    Path root;

    @TempDir
    Path state;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void goingOnlineTurnsAKnownMarkedDocumentIntoOneViolationThatCarriesAReferenceNotThePath() throws IOException {
        Path docs = Files.createDirectories(root.resolve("home/a"));
        SampleDocuments.docx(docs.resolve("Kế hoạch tác chiến.docx"), List.of(Block.of(Position.HEADER, "TUYỆT MẬT")));
        publish(ConnectivityBoard.Verdict.OFFLINE);
        start(Policy.defaults());

        collector.scanSoon();
        await("document.scan_completed", 1);
        Event marked = only("document.marked");
        assertFalse(marked.details().containsKey("path"), "no path leaves the machine by default");
        String reference = (String) marked.details().get("ref");

        publish(ConnectivityBoard.Verdict.INTERNET);
        await("document.violation", 1);
        Event violation = only("document.violation");
        assertEquals(EventSeverity.CRITICAL, violation.severity());
        assertEquals(reference, violation.details().get("ref"));
        assertEquals("TUYET_MAT", violation.details().get("level"));
        assertEquals("header", violation.details().get("location"));
        assertEquals(64, ((String) violation.details().get("sha256")).length());
        assertEquals("internet", ((Map<?, ?>) violation.details().get("connectivity")).get("verdict"));
        assertFalse(violation.details().toString().contains("Kế hoạch"));

        collector.scanSoon();
        await("document.scan_completed", 2);
        assertEquals(1, events.all().stream().filter(event -> event.type().equals("document.violation")).count(),
                "an unchanged document in the same episode is reported once");

        Path evidence = state.resolve(DocumentCollector.EVIDENCE_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence)));
        assertEquals("/home/a/Kế hoạch tác chiến.docx", EvidenceStore.lookup(evidence, reference).orElseThrow().path());
        assertTrue(evidenceShow(reference).contains("/home/a/Kế hoạch tác chiến.docx"));
    }

    @Test
    void revealPathsSendsThePathAndAnInternetRoleNeedsNoVerdict() throws IOException {
        Path docs = Files.createDirectories(root.resolve("home/b"));
        SampleDocuments.xlsx(docs.resolve("bang.xlsx"), List.of(Block.of(Position.TABLE_CELL, "MẬT")));
        Policy reveal = new Policy(Policy.API_VERSION, Policy.KIND, new Policy.Metadata("reveal", ""), null, null, null,
                new DocumentsPolicy(true, List.of("/home"), 200, true));
        start(reveal, Roles.INTERNET_WORKSTATION);

        collector.scanSoon();
        await("document.violation", 1);
        Event violation = only("document.violation");
        assertEquals("/home/b/bang.xlsx", violation.details().get("path"));
        assertEquals(EventSeverity.HIGH, violation.severity());
        assertEquals("sheet 1 cell B3", violation.details().get("location"));
    }

    private void start(Policy policy) {
        start(policy, Roles.SECRET_WORKSTATION);
    }

    private void start(Policy policy, String role) {
        collector = new DocumentCollector(new DocumentCollector.Settings(Duration.ofDays(1), Duration.ofDays(1), Duration.ofMillis(20), 1));
        collector.start(new CollectorContext(HostRoot.of(root), () -> policy, role,
                events, scheduler, Clock.systemUTC(),
                Enforcement.REPORT_ONLY, new ServerCommands(), board, state));
    }

    private void publish(ConnectivityBoard.Verdict verdict) {
        board.publish(new ConnectivityBoard.Snapshot(verdict, List.of("wlan0 up (Wi-Fi)"), Instant.parse("2026-11-23T08:00:00Z")));
    }

    private Event only(String type) {
        List<Event> matching = events.ofType(type);
        assertEquals(1, matching.size(), events.all().toString());
        return matching.getFirst();
    }

    /** Waits for background work by its result, never asserting on time; gives up after a minute so a bug fails, not hangs. */
    private void await(String type, int count) {
        try {
            events.await(type, count, Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String evidenceShow(String reference) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, AgentMain.commandLine().execute("evidence", "show", "--state-dir", state.toString(), reference));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
