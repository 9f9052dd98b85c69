package vn.canhgac.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.api.ApiFixture;
import vn.canhgac.server.api.ApiJson;
import vn.canhgac.server.auth.Role;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.IncidentStatus;
import vn.canhgac.server.testing.TestUnits;
import vn.canhgac.server.testing.TestViolations;

/** canhgacctl incident and retention against a real API: incident 1 (USB, Sở Nội vụ's a1), incident 2 (Tân Lập's b1). */
class CtlIncidentTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(dir);
        TestViolations.enroll(api.database.agents(), "a1", TestUnits.SO_NOI_VU);
        TestViolations.enroll(api.database.agents(), "b1", TestUnits.TAN_LAP);
        api.database.events().storeBatches(List.of(
                new AgentBatch("a1", List.of(TestViolations.usb(1, api.clock.instant(), "usb.storage=block", "60A44C3FAE3CF1A0"))),
                new AgentBatch("b1", List.of(TestViolations.document(1, api.clock.instant(), 5, "ref-9")))), api.clock.instant());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listShowsATableWithDeadlinesAndFlagsOverdueIncidents() {
        api.clock.advance(Duration.ofHours(25));
        api.relogin();

        CtlRun run = admin("incident", "list", "--overdue", "--unit", TestUnits.SO_NOI_VU);

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.getFirst().startsWith("ID  STATUS  DEADLINE"), lines.getFirst());
        assertTrue(lines.get(1).contains("OVERDUE") && lines.get(1).contains("usb.violation:usb.storage=block"), lines.get(1));
    }

    @Test
    void anEmptyAnswerSaysSo() {
        CtlRun run = admin("incident", "list", "--status", "resolved");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("No incidents match.", run.out().strip());
    }

    @Test
    void showPrintsTheIncidentNotesAndEvidence() {
        admin("incident", "note", "1", "--text", "Đã liên hệ người dùng");

        CtlRun run = admin("incident", "show", "1");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("rule:              usb.violation:usb.storage=block"), run.out());
        assertTrue(run.out().contains("1. " ) && run.out().contains("admin: Đã liên hệ người dùng"), run.out());
        assertTrue(run.out().contains("Violations (newest 1 of 1):"), run.out());
        assertTrue(run.out().contains("60A44C3FAE3CF1A0"), "the evidence payload is shown: " + run.out());
    }

    @Test
    void ackAssignResolveAndFalsePositiveChangeTheIncident() throws Exception {
        assertEquals("Incident 1 is now acknowledged.", admin("incident", "ack", "1").out().strip());
        assertEquals("Incident 1 is now acknowledged, owner admin.", admin("incident", "assign", "1", "--owner", "admin").out().strip());
        assertEquals("Incident 1 is now resolved, owner admin.", admin("incident", "resolve", "1", "--note", "Đã thu hồi").out().strip());
        CtlRun json = admin("incident", "false-positive", "2", "--note", "Tài liệu đã giải mật", "--json");

        assertEquals("false-positive", ApiJson.mapper().readTree(json.out()).get("status").textValue());
        assertEquals(IncidentStatus.RESOLVED, api.incidents.find(1).orElseThrow().status());
    }

    @Test
    void aRefusalIsOneLineWithTheServersReasonAndExitCode1() {
        admin("incident", "resolve", "1", "--note", "x");

        CtlRun again = admin("incident", "ack", "1");
        CtlRun missingNote = admin("incident", "resolve", "2");

        assertEquals(1, again.exitCode());
        assertTrue(again.err().startsWith("canhgacctl: incident 1 is resolved since"), again.err());
        assertTrue(again.err().strip().endsWith("(HTTP 409)"), again.err());
        assertEquals(1, again.err().strip().lines().count());
        assertEquals(2, missingNote.exitCode(), "--note is required on the command line");
    }

    @Test
    void anInspectorMayListButNotPurge() {
        String inspector = api.user("minh", Role.INSPECTOR, TestUnits.SO_NOI_VU);

        CtlRun list = CtlRun.as(api, dir, "minh", inspector, "incident", "list");
        CtlRun purge = CtlRun.as(api, dir, "minh", inspector, "retention", "purge");

        assertEquals(0, list.exitCode(), list.err());
        assertEquals(2, list.out().lines().count(), "only Sở Nội vụ's incident: " + list.out());
        assertEquals(1, purge.exitCode());
        assertTrue(purge.err().contains("may not purge events past retention"), purge.err());
    }

    @Test
    void retentionShowAndADryRunThenAPurge() {
        CtlRun show = admin("retention", "show");
        api.clock.advance(Duration.ofDays(366));
        api.relogin();
        api.incidents.resolve("admin", api.incidents.find(2).orElseThrow(), "done");
        CtlRun dryRun = admin("retention", "purge", "--dry-run");
        CtlRun purge = admin("retention", "purge");

        assertTrue(show.out().startsWith("Security level 5 (cấp độ 5): events are kept 365 days (the minimum for this level is 365)."),
                show.out());
        assertTrue(dryRun.out().startsWith("Would delete 1 events (1 of them violations) received before "), dryRun.out());
        assertTrue(dryRun.out().contains("would keep 1 as evidence"), dryRun.out());
        assertTrue(purge.out().startsWith("Deleted 1 events (1 of them violations)"), purge.out());
        assertEquals(1, api.audited("retention.purged").size());
    }

    private CtlRun admin(String... args) {
        return CtlRun.as(api, dir, ApiFixture.ADMIN, api.credential, args);
    }
}
