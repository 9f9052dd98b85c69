package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.audit.Audit;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditReport;
import vn.canhgac.agent.audit.ErrorFinding;
import vn.canhgac.agent.audit.Finding;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;

/** The acceptance cases of issue 5 for connectivity, each on a fixture host root, through the audit as an inspector runs it. */
class ConnectivityAuditSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final String LAN = "secretDrafting:\n  internetAction: isolate\n  internalNetworks: [\"10.0.0.0/8\"]\n";

    @TempDir
    Path root;
    @TempDir
    Path stateDirectory;

    private static Policy policy(String sections) {
        return PolicyParser.parse("policy.yaml",
                ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n" + sections).getBytes(StandardCharsets.UTF_8));
    }

    private AuditContext context(Policy policy, String role, ConnectivityBoard board) {
        return new AuditContext(HostRoot.of(root), policy, role, Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC), board,
                Optional.of(stateDirectory), List.of());
    }

    private List<Finding> audit(Policy policy, String role) {
        return audit(new ConnectivityAuditSource(), policy, role, new ConnectivityBoard());
    }

    private List<Finding> audit(ConnectivityAuditSource source, Policy policy, String role, ConnectivityBoard board) {
        return source.audit(context(policy, role, board));
    }

    private static ConnectivityFinding connectivity(List<Finding> findings) {
        return findings.stream().filter(ConnectivityFinding.class::isInstance).map(ConnectivityFinding.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no connectivity finding in " + findings));
    }

    @Test
    void noInterfacesIsOffline() {
        new NetFixture(root);
        ConnectivityBoard board = new ConnectivityBoard();
        ConnectivityFinding finding = connectivity(audit(new ConnectivityAuditSource(), policy(LAN), Roles.SECRET_WORKSTATION, board));
        assertEquals("offline", finding.verdict());
        assertFalse(finding.violation());
        assertEquals(ConnectivityBoard.Verdict.OFFLINE, board.current().verdict(), "published for the document rule");
        assertEquals(NOW, board.current().at());
    }

    @Test
    void ethernetWithOnlyAnInternalRouteIsInternalAndNoViolation() {
        new NetFixture(root).loopback().ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24).resolvConf("nameserver 10.1.2.53\n");
        ConnectivityFinding finding = connectivity(audit(policy(LAN), Roles.SECRET_WORKSTATION));
        assertEquals("internal", finding.verdict());
        assertFalse(finding.violation());
        assertEquals("isolate", finding.action());
        assertEquals(List.of("eth0 up (Ethernet, driver e1000e) 10.1.2.7/24", "10.1.2.0/24 dev eth0: internal", "DNS server 10.1.2.53"),
                finding.signals());
    }

    @Test
    void wifiUpOnASecretWorkstationIsAViolationEvenOnTheInternalNetwork() {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24).wifi("wlan0", true);
        ConnectivityFinding finding = connectivity(audit(policy(LAN), Roles.SECRET_WORKSTATION));
        assertEquals("internal", finding.verdict(), "no route through the Wi-Fi yet");
        assertTrue(finding.violation());
        assertEquals(List.of("wlan0 up (Wi-Fi): outside links are forbidden on a secret workstation"), finding.violations());
    }

    @Test
    void aUsbTetheringAdapterWithItsDefaultRouteIsTheInternetAndAViolation() {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24)
                .usbTethering("usb0", "rndis_host", "e0", "01", "03").address("usb0", "192.168.42.17", "192.168.42.0", 24)
                .route("usb0", "0.0.0.0", 0, "192.168.42.129");
        ConnectivityFinding finding = connectivity(audit(policy(LAN), Roles.SECRET_WORKSTATION));
        assertEquals("internet", finding.verdict());
        assertEquals(List.of("usb0 up (USB tethering): outside links are forbidden on a secret workstation",
                "192.168.42.0/24 dev usb0: outside the internal networks",
                "default via 192.168.42.129 dev usb0: default route not allowed by policy"), finding.violations());
        NetInterface usb0 = finding.interfaces().stream().filter(network -> network.name().equals("usb0")).findFirst().orElseThrow();
        assertEquals(InterfaceKind.USB_TETHERING, usb0.kind());
        assertEquals("rndis_host", usb0.driver());
    }

    @Test
    void aDefaultRouteIsTheInternetForEveryRoleButAViolationOnlyForASecretWorkstation() {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24).route("eth0", "0.0.0.0", 0, "10.1.2.1");
        ConnectivityFinding secret = connectivity(audit(policy(LAN), Roles.SECRET_WORKSTATION));
        assertEquals("internet", secret.verdict());
        assertEquals(List.of("default via 10.1.2.1 dev eth0: default route not allowed by policy"), secret.violations());
        ConnectivityFinding internet = connectivity(audit(policy(LAN), Roles.INTERNET_WORKSTATION));
        assertEquals("internet", internet.verdict());
        assertFalse(internet.violation());
        assertEquals("none", internet.action());
    }

    @Test
    void aProbeThatReachesALocalHttpsServerMakesTheMachineInternetReachable() throws Exception {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24);
        try (LocalHttpsServer server = LocalHttpsServer.start()) {
            Policy probing = policy(LAN + "  probes:\n    - https: \"" + server.uri("/health") + "\"\n");
            ConnectivityFinding finding = connectivity(audit(new ConnectivityAuditSource(new Prober(server.clientTrust(), Duration.ofSeconds(2))),
                    probing, Roles.SECRET_WORKSTATION, new ConnectivityBoard()));
            assertEquals("internet", finding.verdict());
            assertEquals(ProbeResult.Outcome.REACHABLE, finding.probes().getFirst().outcome());
            assertEquals(List.of("probe https:" + server.uri("/health") + " reachable (HTTP 204): the Internet answered"), finding.violations());
            assertEquals(1, server.requests());
        }
    }

    @Test
    void aProbeToAClosedLocalPortLeavesTheVerdictInternal() throws Exception {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ConnectivityFinding finding = connectivity(audit(policy(LAN + "  probes:\n    - tcp: \"127.0.0.1:" + closed + "\"\n"),
                Roles.SECRET_WORKSTATION));
        assertEquals("internal", finding.verdict());
        assertEquals(ProbeResult.Outcome.UNREACHABLE, finding.probes().getFirst().outcome());
        assertTrue(finding.signals().contains("probe tcp:127.0.0.1:" + closed + " unreachable (connection refused)"), finding.signals().toString());
    }

    @Test
    void theHistoryOfAnEnrolledAgentIsIncludedAndOtherwiseTheAuditSaysThereIsNone() throws Exception {
        new NetFixture(root);
        ConnectivityFinding notEnrolled = connectivity(audit(policy(LAN), Roles.SECRET_WORKSTATION));
        assertEquals(List.of(), notEnrolled.history());
        assertTrue(notEnrolled.historyNote().startsWith("none: no agent is enrolled in "), notEnrolled.historyNote());

        Files.writeString(stateDirectory.resolve("enrollment.yaml"), "agentId: a\nunit: u\nrole: secret-workstation\nchannel: \"10.9.0.5:7443\"\n");
        ConnectivityHistory history = ConnectivityHistory.in(stateDirectory);
        history.append(new ConnectivityHistory.Entry(NOW.minusSeconds(7200), "internal", "unknown", List.of("10.1.2.0/24 dev eth0: internal")));
        history.append(new ConnectivityHistory.Entry(NOW.minusSeconds(3600), "internet", "internal", List.of("wlan0 up (Wi-Fi)")));
        Files.writeString(history.file(), "{torn\n", StandardOpenOption.APPEND);

        List<Finding> findings = audit(policy(LAN), Roles.SECRET_WORKSTATION);
        ConnectivityFinding enrolled = connectivity(findings);
        assertEquals(List.of("internal", "internet"), enrolled.history().stream().map(ConnectivityHistory.Entry::verdict).toList());
        assertEquals(history.file() + ": 2 change(s)", enrolled.historyNote());
        assertTrue(findings.stream().anyMatch(f -> f instanceof ErrorFinding error && error.message().contains("1 line(s) could not be parsed")),
                findings.toString());
    }

    @Test
    void theManagementServerOfTheEnrolmentCountsAsInternal() throws Exception {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "192.0.2.7", "192.0.2.0", 24).route("eth0", "10.9.0.5", 32, "192.0.2.1");
        Files.writeString(stateDirectory.resolve("enrollment.yaml"), "agentId: a\nunit: u\nrole: secret-workstation\nchannel: \"10.9.0.5:7443\"\n");
        ConnectivityFinding finding = connectivity(audit(policy(LAN), Roles.SECRET_WORKSTATION));
        assertEquals(List.of("192.0.2.0/24 dev eth0: outside the internal networks"), finding.violations(),
                "the host route to the server is internal; the LAN it sits on is not listed, so it is not");
        assertEquals("eth0", finding.managementLink());
    }

    @Test
    void garbageInTheHostRootGivesErrorFindingsAndTheAuditCompletes() {
        new NetFixture(root).ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24)
                .write("proc/net/fib_trie", "\u0000".repeat(100)).write("sys/class/net/eth0/flags", "up!\n")
                .write("proc/net/ipv6_route", "not a route\n");
        List<Finding> findings = audit(policy(LAN), Roles.SECRET_WORKSTATION);
        assertEquals("internal", connectivity(findings).verdict());
        List<String> paths = findings.stream().filter(ErrorFinding.class::isInstance).map(f -> ((ErrorFinding) f).path()).toList();
        assertEquals(List.of("/sys/class/net/eth0/flags", "/proc/net/ipv6_route"), paths);
    }

    @Test
    void theJsonReportCarriesTheFieldsTheIssueNames() {
        new NetFixture(root).wifi("wlan0", true).address("wlan0", "10.1.2.7", "10.1.2.0", 24);
        AuditReport report = new Audit(List.of(new ConnectivityAuditSource())).run(context(policy(LAN), Roles.SECRET_WORKSTATION,
                new ConnectivityBoard()));
        String json = Audit.json(report);
        for (String expected : List.of("\"type\" : \"connectivity\"", "\"verdict\" : \"internal\"", "\"signals\" : [", "\"history\" : [ ]",
                "\"kind\" : \"wifi\"", "\"violation\" : true")) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }
        assertTrue(Audit.text(report).contains("CONNECTIVITY internal: VIOLATION for secret-workstation (action isolate): wlan0 up (Wi-Fi)"),
                Audit.text(report));
    }
}
