package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.FrameLimits;

class SoftwareCollectorTest {

    private static final Duration NEVER = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Event(String type, EventSeverity severity, Map<String, ?> details) {}

    /** Records what it is asked to kill and says it worked. */
    static final class RecordingKiller implements ProcessKiller {
        final List<Long> killed = new CopyOnWriteArrayList<>();

        @Override
        public KillResult kill(RunningProgram program) {
            killed.add(program.pid());
            return new KillResult(true, "killed");
        }
    }

    @TempDir
    Path root;

    @TempDir
    Path state;

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ServerCommands commands = new ServerCommands();
    private final RecordingKiller killer = new RecordingKiller();
    private final List<SoftwareCollector> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        started.forEach(SoftwareCollector::close);
        scheduler.shutdownNow();
        assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
    }

    private FixtureHost machine() {
        FixtureHost fixture = new FixtureHost(root);
        fixture.realDpkgStatus();
        fixture.passwd("root:x:0:0:root:/root:/bin/bash", "an:x:1000:1000::/home/an:/bin/bash");
        fixture.write("/home/an/Downloads/AnyDesk", ProcessScannerTest.ANYDESK);
        fixture.process(4242, 1000, 12, "/home/an/Downloads/AnyDesk", "/home/an/Downloads/AnyDesk", "--tray");
        return fixture;
    }

    private static Policy policy(String software) {
        String yaml = "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n" + software;
        return PolicyParser.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private SoftwareCollector start(HostRoot host, Policy policy, Enforcement enforcement, ProcessKiller processKiller) {
        CollectorContext context = new CollectorContext(host, () -> policy, Roles.INTERNAL_WORKSTATION, this::record, scheduler,
                Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC), enforcement, commands, new ConnectivityBoard(), state);
        SoftwareCollector collector = new SoftwareCollector(processKiller, NEVER, NEVER);
        collector.start(context);
        started.add(collector);
        return collector;
    }

    private SoftwareCollector start(Policy policy) {
        return start(machine().host(), policy, Enforcement.ENFORCE, killer);
    }

    private void record(String type, EventSeverity severity, Map<String, ?> details) {
        try {
            // What AgentRuntime.record does with it: plain JSON, at most 64 KiB.
            int size = JSON.writeValueAsBytes(details).length;
            assertTrue(size <= FrameLimits.MAX_EVENT_PAYLOAD_BYTES, type + " payload of " + size + " bytes");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(type + " details are not plain JSON", e);
        }
        events.add(new Event(type, severity, details));
    }

    private List<Event> ofType(String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }

    /** The first violation about a running process. */
    private Event processViolation() {
        return ofType("software.violation").stream().filter(event -> event.details().get("subject").equals("process")).findFirst()
                .orElseThrow();
    }

    private static void cycle(SoftwareCollector collector) throws Exception {
        collector.cycleNow().get(1, TimeUnit.MINUTES);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Event inventoryPart) {
        return (List<Map<String, Object>>) inventoryPart.details().get("items");
    }

    @Test
    void firstCycleSendsTheWholeInventoryInPartsAndAnUnchangedMachineSendsNothingMore() throws Exception {
        FixtureHost fixture = machine();
        StringBuilder many = new StringBuilder(Files.readString(fixture.root().resolve("var/lib/dpkg/status")));
        for (int i = 0; i < 1500; i++) {
            many.append("\nPackage: generated-").append(i).append("\nStatus: install ok installed\nVersion: 1.0.").append(i)
                    .append("\nMaintainer: Nhóm đóng gói phần mềm của đơn vị số ").append(i).append(" <dong-goi@example.gov.vn>\n");
        }
        fixture.write(DpkgSource.STATUS, many.toString());
        int total = new DpkgSource(fixture.host()).read().items().size();
        SoftwareCollector collector = start(fixture.host(), Policy.defaults(), Enforcement.ENFORCE, killer);

        cycle(collector);

        List<Event> parts = ofType("software.inventory");
        assertTrue(parts.size() > 1, "split into several events: " + parts.size());
        assertEquals(total, parts.stream().mapToInt(part -> items(part).size()).sum());
        for (int i = 0; i < parts.size(); i++) {
            Map<String, ?> details = parts.get(i).details();
            assertEquals("first-run", details.get("reason"));
            assertEquals(i + 1, details.get("part"));
            assertEquals(parts.size(), details.get("parts"));
            assertEquals(total, details.get("total"));
            assertEquals("2026-11-23T09:00:00Z", details.get("takenAt"));
        }
        Map<String, Object> anydesk = parts.stream().flatMap(part -> items(part).stream())
                .filter(item -> item.get("name").equals("anydesk")).findFirst().orElseThrow();
        assertEquals(Map.of("source", "dpkg", "name", "anydesk", "version", "6.3.2", "publisher", "AnyDesk Software GmbH <info@anydesk.com>"),
                anydesk);
        assertTrue(Files.isRegularFile(state.resolve(InventoryBaseline.FILE)), "the baseline is kept in the state directory");

        events.clear();
        cycle(collector);
        assertEquals(List.of(), events.stream().map(Event::type).toList());
    }

    @Test
    void hostWithoutAnyPackageDatabaseSendsNothingUntilSomethingIsInstalled() throws Exception {
        FixtureHost fixture = new FixtureHost(root);
        SoftwareCollector collector = start(fixture.host(), Policy.defaults(), Enforcement.ENFORCE, killer);
        cycle(collector);
        assertEquals(List.of(), events);
        assertFalse(Files.exists(state.resolve(InventoryBaseline.FILE)));

        fixture.write(DpkgSource.STATUS, "Package: first\nStatus: install ok installed\nVersion: 1\n");
        cycle(collector);
        assertEquals(List.of("software.inventory"), events.stream().map(Event::type).toList());
        assertEquals("first-run", events.getFirst().details().get("reason"));
    }

    @Test
    void afterARestartOnlyInstalledRemovedAndUpgradedPackagesAreSent() throws Exception {
        FixtureHost fixture = machine();
        cycle(start(fixture.host(), Policy.defaults(), Enforcement.ENFORCE, killer));
        started.forEach(SoftwareCollector::close);
        String status = Files.readString(fixture.root().resolve("var/lib/dpkg/status"));
        assertTrue(status.contains("Package: x11vnc\n"));
        status = status.replace("Package: x11vnc\n", "Package: x11vnc-gone\n")
                .replaceFirst("Package: teamviewer\nStatus: install ok installed\nPriority: extra\nSection: non-free/net\nInstalled-Size: 186713\n"
                        + "Maintainer: TeamViewer Germany GmbH <support@teamviewer.com>\nArchitecture: amd64\nVersion: 15.58.4",
                        "Package: teamviewer\nStatus: install ok installed\nPriority: extra\nSection: non-free/net\nInstalled-Size: 186713\n"
                                + "Maintainer: TeamViewer Germany GmbH <support@teamviewer.com>\nArchitecture: amd64\nVersion: 15.60.3");
        fixture.write(DpkgSource.STATUS, status);
        events.clear();

        cycle(start(fixture.host(), Policy.defaults(), Enforcement.ENFORCE, killer));

        assertEquals(List.of(), ofType("software.inventory"), "the baseline survived the restart");
        assertEquals(List.of("x11vnc-gone"), ofType("software.installed").stream().map(e -> e.details().get("name")).toList());
        assertEquals(List.of("x11vnc"), ofType("software.removed").stream().map(e -> e.details().get("name")).toList());
        List<Event> upgraded = ofType("software.upgraded");
        assertEquals(1, upgraded.size());
        assertEquals("teamviewer", upgraded.getFirst().details().get("name"));
        assertEquals("15.58.4", upgraded.getFirst().details().get("fromVersion"));
        assertEquals("15.60.3", upgraded.getFirst().details().get("toVersion"));
    }

    @Test
    void resendCommandSendsTheWholeInventoryAgainWithTheCommandId() throws Exception {
        SoftwareCollector collector = start(Policy.defaults());
        cycle(collector);
        events.clear();

        commands.dispatch(ServerCommands.Kind.RESEND_INVENTORY, "cmd-7");
        scheduler.submit(() -> { }).get(1, TimeUnit.MINUTES);

        List<Event> parts = ofType("software.inventory");
        assertFalse(parts.isEmpty());
        parts.forEach(part -> {
            assertEquals("resend", part.details().get("reason"));
            assertEquals("cmd-7", part.details().get("commandId"));
        });
    }

    @Test
    void truncatedStatusFileIsNotReportedAsRemovedPackages() throws Exception {
        FixtureHost fixture = machine();
        SoftwareCollector collector = start(fixture.host(), Policy.defaults(), Enforcement.ENFORCE, killer);
        cycle(collector);
        byte[] whole = Files.readAllBytes(fixture.root().resolve("var/lib/dpkg/status"));
        fixture.write(DpkgSource.STATUS, Arrays.copyOf(whole, whole.length / 3));
        events.clear();

        cycle(collector);

        assertEquals(List.of(), ofType("software.removed"));
    }

    @Test
    void unreadableBaselineMeansTheWholeInventoryIsSentAgain() throws Exception {
        Files.writeString(state.resolve(InventoryBaseline.FILE), "{\"format\": 1, \"items\": [", StandardCharsets.UTF_8);
        cycle(start(Policy.defaults()));
        assertEquals("baseline-unreadable", ofType("software.inventory").getFirst().details().get("reason"));
    }

    @Test
    void eachHitIsReportedOnceWithItsEvidence() throws Exception {
        SoftwareCollector collector = start(Policy.defaults());
        cycle(collector);
        cycle(collector);

        List<Event> violations = ofType("software.violation");
        assertEquals(6, violations.size(), violations.toString());
        Event process = processViolation();
        assertEquals(EventSeverity.HIGH, process.severity());
        Map<String, ?> evidence = process.details();
        assertEquals("builtin:AnyDesk", evidence.get("rule"));
        assertEquals("alert", evidence.get("action"));
        assertEquals("reported", evidence.get("result"));
        assertEquals("AnyDesk", evidence.get("name"));
        assertEquals("/home/an/Downloads/AnyDesk", evidence.get("path"));
        assertEquals(FixtureHost.sha256(ProcessScannerTest.ANYDESK), evidence.get("sha256"));
        assertEquals("an", evidence.get("user"));
        assertEquals(4242L, ((Number) evidence.get("pid")).longValue());
        Event teamviewer = violations.stream().filter(event -> event.details().get("name").equals("teamviewer")).findFirst().orElseThrow();
        assertEquals(Map.of("subject", "package", "rule", "builtin:TeamViewer", "action", "alert", "result", "reported", "name", "teamviewer",
                "version", "15.58.4", "source", "dpkg", "publisher", "TeamViewer Germany GmbH <support@teamviewer.com>"), teamviewer.details());
        assertTrue(killer.killed.isEmpty(), "alert kills nothing");
    }

    @Test
    void killActionEndsTheProcessAndReportsTheResult() throws Exception {
        cycle(start(policy("software:\n  action: kill\n")));

        assertEquals(List.of(4242L), killer.killed);
        Event process = processViolation();
        assertEquals("kill", process.details().get("action"));
        assertEquals("killed", process.details().get("result"));
    }

    @Test
    void reportOnlyNeverKills() throws Exception {
        cycle(start(machine().host(), policy("software:\n  action: kill\n"), Enforcement.REPORT_ONLY, killer));

        assertTrue(killer.killed.isEmpty());
        Event process = processViolation();
        assertEquals("kill", process.details().get("action"));
        assertEquals("not-attempted: report-only", process.details().get("result"));
    }

    @Test
    void fixtureHostRootIsNeverKilledFor() throws Exception {
        cycle(start(machine().host(), policy("software:\n  action: kill\n"), Enforcement.ENFORCE, null));

        Event process = processViolation();
        assertTrue(process.details().get("result").toString().startsWith("not-attempted: the host root is not /"), process.toString());
    }

    @Test
    void iocListInTheStateDirectoryFlagsAKnownBadExecutableAsCritical() throws Exception {
        Files.createDirectories(state.resolve(IocLists.DIRECTORY));
        Files.writeString(state.resolve(IocLists.DIRECTORY).resolve("vncert.txt"), FixtureHost.sha256(ProcessScannerTest.ANYDESK) + "\n",
                StandardCharsets.UTF_8);

        cycle(start(Policy.defaults()));

        Event process = processViolation();
        assertEquals("ioc:vncert.txt", process.details().get("rule"));
        assertEquals(EventSeverity.CRITICAL, process.severity());
    }

    @Test
    void killEndsAMatchingProcessOnThisMachine() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path sleep = Path.of("/bin/sleep");
        assumeTrue(Files.isExecutable(sleep), "needs /bin/sleep");
        Path portable = Files.createDirectories(root.resolve("Downloads")).resolve("remote-tool");
        Files.copy(sleep, portable);
        portable.toFile().setExecutable(true);
        Process process = new ProcessBuilder(portable.toString(), "600").start();
        try {
            Policy policy = policy("software:\n  builtinRemoteControlDenyList: false\n  action: kill\n  deny:\n    - path: \"" + portable + "\"\n");
            cycle(start(HostRoot.of(Path.of("/")), policy, Enforcement.ENFORCE, null));

            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process was ended");
            Event violation = processViolation();
            assertEquals(process.pid(), ((Number) violation.details().get("pid")).longValue());
            assertEquals("killed", violation.details().get("result"));
            assertEquals(1, ofType("software.violation").size(), "nothing else on this machine matched");
        } finally {
            process.destroyForcibly();
        }
    }
}
