package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * {@code isolate} for real, inside a network namespace this test creates: {@code ip link set
 * … down} runs there through {@code ip netns exec}, never on the host's interfaces. Skipped,
 * with the reason logged, where namespaces cannot be created (not root).
 */
class NamespaceIsolationTest {

    @TempDir
    Path root;
    @TempDir
    Path stateDirectory;

    @Test
    void isolateBringsTheTetheredLinkDownAndKeepsTheManagementLink() throws Exception {
        Optional<NetworkNamespace> created = NetworkNamespace.create();
        assumeTrue(created.isPresent(), "network namespaces are not permitted here (needs root); see the logged reason");
        try (NetworkNamespace namespace = created.get()) {
            namespace.exec("ip", "link", "set", "lo", "up");
            namespace.exec("ip", "link", "add", "cgwifi0", "type", "veth", "peer", "name", "cgwifi0p");
            namespace.exec("ip", "link", "add", "cgmgmt0", "type", "veth", "peer", "name", "cgmgmt0p");
            for (String device : List.of("cgwifi0", "cgwifi0p", "cgmgmt0", "cgmgmt0p")) {
                namespace.exec("ip", "link", "set", device, "up");
            }
            namespace.exec("ip", "addr", "add", "10.9.0.2/24", "dev", "cgmgmt0");
            namespace.exec("ip", "addr", "add", "192.168.43.2/24", "dev", "cgwifi0");
            namespace.exec("ip", "route", "add", "default", "via", "10.9.0.254", "dev", "cgmgmt0");
            namespace.snapshotInto(root);
            // A veth pair cannot be a Wi-Fi card; the one thing the fixture adds is the sysfs mark of one.
            Files.createDirectories(root.resolve("sys/class/net/cgwifi0/wireless"));
            Files.writeString(stateDirectory.resolve("enrollment.yaml"), "agentId: a\nunit: u\nrole: secret-workstation\nchannel: \"10.9.0.1:7443\"\n");

            RecordedEvents events = new RecordedEvents();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            try {
                Policy policy = PolicyParser.parse("policy.yaml", ("apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n"
                        + "secretDrafting:\n  internetAction: isolate\n  internalNetworks: [\"10.0.0.0/8\"]\n").getBytes(StandardCharsets.UTF_8));
                CollectorContext context = new CollectorContext(HostRoot.of(root), () -> policy, Roles.SECRET_WORKSTATION, events, scheduler,
                        new FakeClock(Instant.parse("2026-11-23T08:00:00Z")), Enforcement.ENFORCE, new ServerCommands(), new ConnectivityBoard(),
                        stateDirectory);
                ConnectivityMonitor monitor = new ConnectivityMonitor(new ConnectivityCheck(new NetworkStateReader(HostRoot.of(root)),
                        Prober.withDefaultTrust(), ManagementServer.enrolledIn(Optional.of(stateDirectory))),
                        ConnectivityHistory.in(stateDirectory), new Isolation(new IpLinkCommand(namespace.prefix()), Enforcement.ENFORCE),
                        context);
                assertTrue(monitor.evaluate(true));
            } finally {
                scheduler.shutdownNow();
            }

            assertFalse(namespace.isUp("cgwifi0"), "the Wi-Fi link went down inside the namespace");
            assertTrue(namespace.isUp("cgmgmt0"), "the management link stayed up");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) events.ofType("network.isolated").getFirst().details().get("interfaces");
            assertEquals(Set.of("cgwifi0:brought-down", "cgmgmt0:kept"),
                    steps.stream().map(step -> step.get("interface") + ":" + step.get("outcome")).collect(Collectors.toSet()));
        }
    }

    @Test
    void netlinkNotificationsWakeTheCollectorWhenALinkAppears() throws Exception {
        Optional<NetworkNamespace> created = NetworkNamespace.create();
        assumeTrue(created.isPresent(), "network namespaces are not permitted here (needs root); see the logged reason");
        try (NetworkNamespace namespace = created.get()) {
            AtomicInteger changes = new AtomicInteger();
            AtomicInteger added = new AtomicInteger();
            try (ChangeWatcher watcher = ChangeWatcher.netlink(namespace.prefix(), changes::incrementAndGet)) {
                // ip monitor subscribes once it runs; adding links until it reports one avoids racing its start.
                Await.until(() -> {
                    if (changes.get() > 0) {
                        return true;
                    }
                    int link = added.incrementAndGet();
                    namespace.exec("ip", "link", "add", "cgnew" + link, "type", "veth", "peer", "name", "cgpeer" + link);
                    return false;
                }, "ip monitor reports a new link");
            }
        }
    }
}
