package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.FakeClock;
import vn.canhgac.agent.RecordedEvents;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;

class ConnectivityMonitorTest {

    private static final String ISOLATE = "secretDrafting:\n  internetAction: isolate\n  internalNetworks: [\"10.0.0.0/8\"]\n";
    private static final String ALERT = "secretDrafting:\n  internetAction: alert\n  internalNetworks: [\"10.0.0.0/8\"]\n";

    @TempDir
    Path root;
    @TempDir
    Path stateDirectory;

    private final RecordedEvents events = new RecordedEvents();
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final ConnectivityBoard board = new ConnectivityBoard();
    private final AtomicReference<Policy> policy = new AtomicReference<>(policy(ISOLATE));
    private final List<String> broughtDown = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Prober prober = Prober.withDefaultTrust();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static Policy policy(String sections) {
        return PolicyParser.parse("policy.yaml",
                ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n" + sections).getBytes(StandardCharsets.UTF_8));
    }

    private ConnectivityMonitor monitor(String role, Enforcement enforcement) {
        CollectorContext context = new CollectorContext(HostRoot.of(root), policy::get, role, events, scheduler, clock, enforcement,
                new ServerCommands(), board, stateDirectory);
        LinkController fake = device -> {
            broughtDown.add(device);
            return new LinkController.Outcome(true, "ip link set dev " + device + " down");
        };
        return new ConnectivityMonitor(new ConnectivityCheck(new NetworkStateReader(HostRoot.of(root)), prober, ManagementServer.NONE),
                ConnectivityHistory.in(stateDirectory), new Isolation(fake, enforcement), context);
    }

    private NetFixture lan() {
        return new NetFixture(root).loopback().ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24);
    }

    @Test
    void theFirstVerdictIsRecordedOnceAndARestartDoesNotRecordItAgain() {
        lan();
        ConnectivityMonitor monitor = monitor(Roles.SECRET_WORKSTATION, Enforcement.ENFORCE);
        monitor.evaluate(true);
        monitor.evaluate(true);
        RecordedEvents.Event changed = events.ofType("network.verdict_changed").getFirst();
        assertEquals(List.of("network.verdict_changed"), events.types());
        assertEquals("internal", changed.details().get("verdict"));
        assertEquals("unknown", changed.details().get("previous"));
        assertEquals(ConnectivityBoard.Verdict.INTERNAL, board.current().verdict());

        events.clear();
        monitor(Roles.SECRET_WORKSTATION, Enforcement.ENFORCE).evaluate(true);
        assertEquals(List.of(), events.types(), "the history remembers the verdict across a restart");
        assertEquals(1, ConnectivityHistory.in(stateDirectory).read().entries().size());
    }

    @Test
    void aVerdictChangeCarriesThePreviousVerdictAndTheSignalsAndIsKeptInTheHistory() {
        NetFixture fixture = lan();
        ConnectivityMonitor monitor = monitor(Roles.INTERNAL_WORKSTATION, Enforcement.ENFORCE);
        monitor.evaluate(true);
        clock.advance(Duration.ofMinutes(5));
        fixture.route("eth0", "0.0.0.0", 0, "10.1.2.1");
        monitor.evaluate(false);
        RecordedEvents.Event changed = events.ofType("network.verdict_changed").getLast();
        assertEquals("internet", changed.details().get("verdict"));
        assertEquals("internal", changed.details().get("previous"));
        assertEquals("2026-11-23T08:00:00Z", changed.details().get("previousSince"), "when the previous verdict began");
        assertEquals(EventSeverity.MEDIUM, changed.severity());
        assertTrue(((List<?>) changed.details().get("signals")).contains("default via 10.1.2.1 dev eth0: default route not allowed by policy"),
                changed.details().toString());
        assertTrue(events.ofType("network.violation").isEmpty(), "an internal workstation gets the verdict, not a violation");
        List<ConnectivityHistory.Entry> history = ConnectivityHistory.in(stateDirectory).read().entries();
        assertEquals(List.of("internal", "internet"), history.stream().map(ConnectivityHistory.Entry::verdict).toList());
        assertEquals(clock.instant(), history.getLast().at());
    }

    @Test
    void aSecretWorkstationViolationIsReportedOnceWhileItLastsAndClearedWhenItEnds() {
        policy.set(policy(ALERT));
        NetFixture fixture = lan().wifi("wlan0", true);
        ConnectivityMonitor monitor = monitor(Roles.SECRET_WORKSTATION, Enforcement.ENFORCE);
        monitor.evaluate(true);
        monitor.evaluate(true);
        List<RecordedEvents.Event> violations = events.ofType("network.violation");
        assertEquals(1, violations.size());
        assertEquals(EventSeverity.CRITICAL, violations.getFirst().severity());
        assertEquals(List.of("wlan0 up (Wi-Fi): outside links are forbidden on a secret workstation"),
                violations.getFirst().details().get("violations"));
        assertEquals("alert", violations.getFirst().details().get("action"));
        assertTrue(broughtDown.isEmpty(), "alert never touches an interface");

        fixture.wifi("wlan0", false);
        monitor.evaluate(false);
        assertEquals(1, events.ofType("network.violation_cleared").size());
    }

    @Test
    void isolateBringsOffendingInterfacesDownRetriesButReportsEachOutcomeOnce() {
        lan().wifi("wlan0", true).address("wlan0", "192.168.1.20", "192.168.1.0", 24).route("wlan0", "0.0.0.0", 0, "192.168.1.1");
        ConnectivityMonitor monitor = monitor(Roles.SECRET_WORKSTATION, Enforcement.ENFORCE);
        assertTrue(monitor.evaluate(true), "an interface went down: the collector looks again");
        monitor.evaluate(true);
        assertEquals(List.of("wlan0", "wlan0"), broughtDown, "retried while the interface still shows up");
        List<RecordedEvents.Event> isolated = events.ofType("network.isolated");
        assertEquals(1, isolated.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> step = ((List<Map<String, Object>>) isolated.getFirst().details().get("interfaces")).getFirst();
        assertEquals("wlan0", step.get("interface"));
        assertEquals("brought-down", step.get("outcome"));
        assertEquals(3, ((List<?>) step.get("reasons")).size(), "Wi-Fi up, its network and its default route");
        assertEquals("enforce", isolated.getFirst().details().get("enforcement"));
    }

    @Test
    void reportOnlySaysWhatIsolationWouldDoAndChangesNothing() {
        lan().wifi("wlan0", true);
        ConnectivityMonitor monitor = monitor(Roles.SECRET_WORKSTATION, Enforcement.REPORT_ONLY);
        assertFalse(monitor.evaluate(true));
        assertTrue(broughtDown.isEmpty());
        RecordedEvents.Event isolated = events.ofType("network.isolated").getFirst();
        assertEquals("report-only", isolated.details().get("enforcement"));
        assertTrue(isolated.details().toString().contains("would-bring-down"), isolated.details().toString());
    }

    @Test
    void everyEventCarriesTheMachinesRole() {
        lan().wifi("wlan0", true);
        monitor(Roles.SECRET_WORKSTATION, Enforcement.ENFORCE).evaluate(true);
        assertEquals(List.of("network.verdict_changed", "network.violation", "network.isolated"), events.types());
        events.all().forEach(event -> assertEquals(Roles.SECRET_WORKSTATION, event.details().get("role"), event.type()));
    }

    @Test
    void aCheapLookWithNothingChangedRunsNoProbeButAChangeDoes() throws Exception {
        NetFixture fixture = lan();
        try (LocalHttpsServer server = LocalHttpsServer.start()) {
            prober = new Prober(server.clientTrust(), Duration.ofSeconds(2));
            policy.set(policy(ALERT + "  probes:\n    - https: \"" + server.uri("/health") + "\"\n"));
            ConnectivityMonitor monitor = monitor(Roles.SECRET_WORKSTATION, Enforcement.ENFORCE);
            monitor.evaluate(true);
            monitor.evaluate(false);
            assertEquals(1, server.requests());
            fixture.wifi("wlan0", false);
            monitor.evaluate(false);
            assertEquals(2, server.requests());
            assertEquals("internet", events.ofType("network.verdict_changed").getLast().details().get("verdict"));
        }
    }

    @Test
    void eventsStayFarBelowThePayloadLimitOnAHostWithHundredsOfInterfaces() throws Exception {
        NetFixture fixture = lan();
        for (int i = 0; i < 400; i++) {
            fixture.wifi("wlan" + i, true).route("wlan" + i, "203.0." + (i / 200) + "." + (i % 200), 32, null);
        }
        monitor(Roles.SECRET_WORKSTATION, Enforcement.REPORT_ONLY).evaluate(true);
        ObjectMapper json = new ObjectMapper();
        for (RecordedEvents.Event event : events.all()) {
            int size = json.writeValueAsBytes(event.details()).length;
            assertTrue(size < 32 * 1024, event.type() + " is " + size + " bytes");
        }
        List<?> violations = (List<?>) events.ofType("network.violation").getFirst().details().get("violations");
        assertEquals("… and 750 more", violations.getLast());
    }
}
