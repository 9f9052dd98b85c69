package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.RecordedEvents;
import vn.canhgac.agent.audit.AuditSources;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.Collectors;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;

class ConnectivityCollectorTest {

    /** Polls so rare that only the start and file events can explain an evaluation within a test. */
    private static final Duration NEVER = Duration.ofHours(24);

    @TempDir
    Path root;
    @TempDir
    Path staging;
    @TempDir
    Path stateDirectory;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordedEvents events = new RecordedEvents();
    private final ConnectivityBoard board = new ConnectivityBoard();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private CollectorContext context() {
        Policy policy = PolicyParser.parse("policy.yaml", ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n"
                + "secretDrafting:\n  internetAction: isolate\n  internalNetworks: [\"10.0.0.0/8\"]\n").getBytes(StandardCharsets.UTF_8));
        return new CollectorContext(HostRoot.of(root), () -> policy, Roles.SECRET_WORKSTATION, events, scheduler, Clock.systemUTC(),
                Enforcement.ENFORCE, new ServerCommands(), board, stateDirectory);
    }

    @Test
    void theAgentStartsTheCollectorAndTheAuditRunsConnectivityBeforeTheSourcesThatReadItsVerdict() {
        assertTrue(Collectors.all().stream().anyMatch(collector -> collector.name().equals("connectivity")));
        assertEquals("connectivity", AuditSources.all().getFirst().name());
    }

    @Test
    void itEvaluatesAtStartAndAgainAsSoonAsAnInterfaceAppearsInTheFixture() throws Exception {
        new NetFixture(root).loopback().ethernet("eth0", true).address("eth0", "10.1.2.7", "10.1.2.0", 24);
        try (ConnectivityCollector collector = new ConnectivityCollector(Prober.withDefaultTrust(), Optional.empty(), NEVER, NEVER)) {
            collector.start(context());
            Await.until(() -> board.current().verdict() == ConnectivityBoard.Verdict.INTERNAL, "the first verdict");

            // Built aside and moved in whole, as the kernel adds an interface: the watcher never sees half of one.
            new NetFixture(staging).wifi("wlan0", true);
            Files.move(staging.resolve("sys/class/net/wlan0"), root.resolve("sys/class/net/wlan0"), StandardCopyOption.ATOMIC_MOVE);
            Await.until(() -> !events.ofType("network.isolated").isEmpty(), "the Wi-Fi interface to be seen and isolation reported");
        }
        RecordedEvents.Event isolated = events.ofType("network.isolated").getFirst();
        assertTrue(isolated.details().toString().contains("not applied: the host root " + root),
                "a fixture host root is never changed: " + isolated.details());
        assertEquals(1, events.ofType("network.violation").size());
    }
}
