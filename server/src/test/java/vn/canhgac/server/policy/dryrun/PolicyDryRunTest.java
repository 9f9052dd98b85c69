package vn.canhgac.server.policy.dryrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.AgentRecord;
import vn.canhgac.server.store.NewEvent;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;
import vn.canhgac.server.testing.TestUnits;

/** Events stored as EventIngest stores them, with the agent collectors' payloads, judged under policies. */
class PolicyDryRunTest {
    private static final String POLICY = """
            apiVersion: canhgac/v1
            kind: Policy
            metadata:
              name: so-noi-vu-co-ban
            usb:
              storage: block
              allow:
                - vendorId: "0951"
                  productId: "1666"
                  serial: "60A44C3FAE3CF1A0"
                  note: USB mã hóa cấp cho Văn phòng
            software:
              mode: deny-list
              deny:
                - name: "ultraviewer*"
                - sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            secretDrafting:
              allowDefaultRoute: true
              internalNetworks: ["10.0.0.0/8"]
            """;

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private SqliteDatabase db;
    private long sequence;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        TestUnits.add(db.units(), TestUnits.SO_NOI_VU, TestUnits.TAN_LAP);
        enrol("web-01", TestUnits.SO_NOI_VU, Roles.INTERNET_WORKSTATION);
        enrol("mat-01", TestUnits.SO_NOI_VU, Roles.SECRET_WORKSTATION);
        enrol("xa-01", TestUnits.TAN_LAP, Roles.INTERNET_WORKSTATION);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void unknownFlashDrivesAreFlaggedAndTheIssuedDriveAndKeyboardsAreNot() {
        store("web-01", "usb.connected", usb("0781", "5567", "4C53", "storage"));
        store("web-01", "usb.connected", usb("0951", "1666", "60A44C3FAE3CF1A0", "storage"));
        store("web-01", "usb.connected", usb("046d", "c31c", "", "input"));
        store("web-01", "usb.violation", usb("04e8", "6860", "R58M", "phone"));

        DryRunReport.Section usb = section(run(POLICY, 30, Optional.empty(), Optional.empty()), DryRunEvaluator.USB);

        assertEquals(2, usb.count());
        assertEquals("USB 0781:5567 serial 4C53 [storage] \"SanDisk Cruzer\"", usb.samples().get(0).what());
        assertEquals("block by usb.storage=block", usb.samples().get(0).why());
        assertEquals("web-01", usb.samples().get(0).agentId());
        assertTrue(usb.samples().get(1).why().contains("MTP/PTP counted as storage"), usb.samples().get(1).why());
    }

    @Test
    void softwareInInventoriesInstallsAndReportedProcessesIsJudgedByTheDenyListAndTheBuiltinList() {
        store("web-01", "software.inventory", """
                {"reason":"first-run","takenAt":"2026-11-01T08:00:00Z","part":1,"parts":1,"total":3,"items":[
                 {"source":"dpkg","name":"libreoffice-writer","version":"7.6"},
                 {"source":"dpkg","name":"anydesk:amd64","version":"6.3","publisher":"AnyDesk Software GmbH <info@anydesk.com>"},
                 {"source":"dpkg","name":"bash","version":"5.2"}]}""");
        store("web-01", "software.installed", "{\"source\":\"snap\",\"name\":\"UltraViewer\",\"version\":\"6.6\"}");
        store("web-01", "software.violation", """
                {"subject":"process","rule":"allow-list","action":"alert","result":"reported","name":"tool",
                 "source":"process","path":"/tmp/tool","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","pid":4242}""");

        DryRunReport.Section software = section(run(POLICY, 30, Optional.empty(), Optional.empty()), DryRunEvaluator.SOFTWARE);

        assertEquals(3, software.count(), software.toString());
        assertEquals(List.of("package anydesk:amd64 6.3 (dpkg)", "package UltraViewer 6.6 (snap)", "process tool at /tmp/tool"),
                software.samples().stream().map(DryRunReport.Finding::what).toList());
        assertEquals("alert by builtin:AnyDesk", software.samples().get(0).why());
        assertEquals("alert by name:ultraviewer*", software.samples().get(1).why());
        assertTrue(software.samples().get(2).why().startsWith("kill by sha256:") || software.samples().get(2).why().startsWith("alert by sha256:"),
                software.samples().get(2).why());
    }

    @Test
    void routesOfSecretWorkstationsOutsideTheInternalNetworksAreFlaggedAndOtherRolesAreNot() {
        String outside = network("internet", "default via 192.0.2.1 dev wlan0: default route not allowed by policy",
                "10.0.0.0/8 via 10.1.0.1 dev eth0: internal");
        String inside = network("internal", "default via 10.1.0.1 dev eth0: default route not allowed by policy");
        store("mat-01", "network.verdict_changed", outside);
        store("mat-01", "network.verdict_changed", inside);
        store("web-01", "network.verdict_changed", outside);

        DryRunReport.Section secret = section(run(POLICY, 30, Optional.empty(), Optional.empty()), DryRunEvaluator.SECRET_DRAFTING);

        assertEquals(1, secret.count(), "the default route via an internal gateway is allowed by this policy");
        assertEquals("mat-01", secret.samples().getFirst().agentId());
        assertEquals("default via 192.0.2.1 dev wlan0: default route whose gateway is outside the internal networks",
                secret.samples().getFirst().why());
    }

    @Test
    void markedDocumentsAreCountedWithoutSamples() {
        store("mat-01", "document.marked", "{\"ref\":\"r1\",\"role\":\"secret-workstation\",\"level\":\"MAT\"}");
        store("web-01", "document.violation", "{\"ref\":\"r2\",\"role\":\"internet-workstation\",\"level\":\"TOI_MAT\"}");

        DryRunReport.Section documents = section(run(POLICY, 30, Optional.empty(), Optional.empty()), DryRunEvaluator.DOCUMENTS);

        assertEquals(2, documents.count());
        assertEquals(List.of(), documents.samples());
    }

    @Test
    void onlyTheScopeTheRoleAndThePeriodAreJudged() {
        store("xa-01", "usb.connected", usb("0781", "5567", "A", "storage"));
        store("mat-01", "usb.connected", usb("0781", "5567", "B", "storage"));
        clock.advance(Duration.ofDays(10));
        store("web-01", "usb.connected", usb("0781", "5567", "C", "storage"));
        clock.advance(Duration.ofDays(1));

        DryRunReport week = run(POLICY, 7, Optional.empty(), Optional.empty());
        DryRunReport unit = run(POLICY, 30, Optional.of(Set.of(TestUnits.SO_NOI_VU)), Optional.empty());
        DryRunReport secret = run(POLICY, 30, Optional.of(Set.of(TestUnits.SO_NOI_VU)), Optional.of(Roles.SECRET_WORKSTATION));

        assertEquals(List.of("C"), serials(week));
        assertEquals(List.of("B", "C"), serials(unit));
        assertEquals(List.of("B"), serials(secret));
        assertEquals(1, secret.eventsScanned());
    }

    @Test
    void theScanStopsAtTheCapAndSaysSo() {
        for (int i = 0; i < 5; i++) {
            store("web-01", "usb.connected", usb("0781", "5567", "S" + i, "storage"));
        }

        clock.advance(Duration.ofMinutes(1));
        DryRunReport report = new PolicyDryRun(db.events(), db.agents(), clock, 3).run(policy(POLICY), 30, Optional.empty(), Optional.empty());

        assertTrue(report.capped());
        assertEquals(3, report.eventsScanned());
        assertEquals(3, section(report, DryRunEvaluator.USB).count());
        assertFalse(run(POLICY, 30, Optional.empty(), Optional.empty()).capped());
    }

    /** A minute after the events: the period ends now, exclusive. */
    private DryRunReport run(String policy, int days, Optional<Set<String>> units, Optional<String> role) {
        clock.advance(Duration.ofMinutes(1));
        return new PolicyDryRun(db.events(), db.agents(), clock, PolicyDryRun.DEFAULT_CAP).run(policy(policy), days, units, role);
    }

    private static Policy policy(String yaml) {
        return PolicyParser.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static DryRunReport.Section section(DryRunReport report, String kind) {
        return report.sections().stream().filter(section -> section.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static List<String> serials(DryRunReport report) {
        return section(report, DryRunEvaluator.USB).samples().stream().map(f -> f.what().replaceAll(".* serial (\\S+) .*", "$1")).toList();
    }

    private void store(String agentId, String type, String payload) {
        db.events().storeBatches(List.of(new AgentBatch(agentId, List.of(new NewEvent(++sequence, clock.instant(), type, 1, payload)))),
                clock.instant());
    }

    /** As UsbEvents.details writes it. */
    private static String usb(String vendorId, String productId, String serial, String kind) {
        return """
                {"busPath":"1-2","vendorId":"%s","productId":"%s","serial":"%s","manufacturer":"SanDisk","product":"Cruzer",
                 "kinds":["%s"],"verdict":"allow","rule":"usb.storage=allow","interfaces":["08/06/50"],"action":"none",
                 "outcome":"none","change":"connected"}""".formatted(vendorId, productId, serial, kind);
    }

    /** As ConnectivityMonitor.recordVerdict writes it. */
    private static String network(String verdict, String... signals) {
        return "{\"role\":\"secret-workstation\",\"verdict\":\"" + verdict + "\",\"previous\":\"offline\",\"signals\":["
                + String.join(",", java.util.Arrays.stream(signals).map(s -> "\"" + s + "\"").toList()) + "]}";
    }

    private void enrol(String id, String unit, String role) {
        db.agents().insert(AgentRecord.enrolled(id, unit, role, Integer.toHexString(id.hashCode()), clock.instant().plus(Duration.ofDays(365)),
                clock.instant()));
    }
}
