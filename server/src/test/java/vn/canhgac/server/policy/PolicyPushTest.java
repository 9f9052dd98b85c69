package vn.canhgac.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.signing.VerifyingKeys;
import vn.canhgac.protocol.tls.KeyMaterial;
import vn.canhgac.protocol.tls.KeyPairs;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.v1.PolicyBundle;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.enrollment.EnrollmentService;
import vn.canhgac.server.imports.TestBundles;
import vn.canhgac.server.store.PolicyStore;

/**
 * The acceptance of issue 6 on the server side, with a real server and agents that hold real
 * mutual-TLS connections: a publish for unit A reaches the online agents of A and its sub-unit,
 * each verifies it against the server's keys and reports the version; B's agent gets nothing; an
 * agent that was offline gets the bundle at its hello.
 */
class PolicyPushTest {
    private static final String A = "Sở Nội vụ";
    private static final String A_SUB = "Phòng An ninh";
    private static final String B = "UBND xã Tân Lập";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private CanhGacServer server;
    private VerifyingKeys keys;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @BeforeEach
    void start() {
        ServerPaths paths = new ServerPaths(dir.resolve("server"));
        CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());
        server = CanhGacServer.start(paths, new ServerConfig(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", List.of("127.0.0.1", "localhost"), TlsSettings.HYBRID_PREFERRED, 30,
                Duration.ofMinutes(10), Duration.ofDays(365), 100_000, 1), Clock.systemUTC());
        server.units().create(A, Optional.empty());
        server.units().create(A_SUB, Optional.of(A));
        server.units().create(B, Optional.empty());
        keys = VerifyingKeys.readFrom(paths.signingKeys());
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aPublishReachesTheOnlineAgentsOfTheUnitAndItsSubUnitsOnlyAndAnOfflineAgentAtItsHello() throws Exception {
        PolicyStore.Published first = server.policies().publish("lan", PolicyDocuments.valid("co-ban", "block"), "lần đầu");
        server.policies().assign("lan", A, Optional.empty(), "co-ban");
        Enrolled a1 = enrol(A);
        Enrolled a2 = enrol(A_SUB);
        Enrolled b1 = enrol(B);
        Enrolled offline = enrol(A);
        try (PolicyAgent agentA = connect(a1, 0); PolicyAgent agentASub = connect(a2, 0); PolicyAgent agentB = connect(b1, 0)) {
            // At hello, each agent of A is sent revision 1, which it does not run yet.
            await(() -> agentA.running == first.bundle().version() && agentASub.running == first.bundle().version(), "revision 1 at hello");

            PolicyStore.Published second = server.policies().publish("lan", PolicyDocuments.valid("co-ban", "read-only"), "cho đọc");
            int pushed = server.policyPush().pushToOnline();

            assertEquals(2, pushed);
            await(() -> agentA.running == second.bundle().version() && agentASub.running == second.bundle().version(), "revision 2");
            PolicyBundle received = agentA.bundles.getLast();
            assertEquals("co-ban", received.getPolicyName());
            assertEquals(2, received.getRevision());
            assertTrue(agentB.bundles.isEmpty());
            await(() -> !lagging(a1.id) && !lagging(a2.id), "the reported versions stored");
            assertTrue(agentB.received.stream().noneMatch(envelope -> envelope.hasPolicyBundle()));

            try (PolicyAgent late = connect(offline, 0)) {
                await(() -> late.running == second.bundle().version(), "the offline agent's bundle at its hello");
                assertEquals(1, late.bundles.size());
            }
        }
    }

    @Test
    void anAgentAlreadyRunningItsEffectiveRevisionIsSentNothingAtHello() throws Exception {
        PolicyStore.Published published = server.policies().publish("lan", PolicyDocuments.valid("co-ban", "block"), "lần đầu");
        server.policies().assign("lan", A, Optional.empty(), "co-ban");
        Enrolled a1 = enrol(A);

        try (PolicyAgent agent = connect(a1, published.bundle().version())) {
            await(agent::helloAccepted, "hello accepted");
            await(() -> !lagging(a1.id), "the hello's version stored");

            assertTrue(agent.bundles.isEmpty());
        }
    }

    @Test
    void aMovedAgentRunningAHigherVersionGetsItsNewUnitsPolicyReSignedAboveIt() throws Exception {
        server.policies().publish("lan", PolicyDocuments.valid("tan-lap", "allow"), "B");
        server.policies().assign("lan", B, Optional.empty(), "tan-lap");
        PolicyStore.Published newer = server.policies().publish("lan", PolicyDocuments.valid("co-ban", "block"), "A");
        server.policies().assign("lan", A, Optional.empty(), "co-ban");
        Enrolled a1 = enrol(A);

        try (PolicyAgent agent = connect(a1, newer.bundle().version())) {
            await(agent::helloAccepted, "hello accepted");
            server.agents().move(a1.id, B);

            await(() -> !agent.bundles.isEmpty(), "the re-signed bundle after the move");
            PolicyBundle bundle = agent.bundles.getFirst();
            assertEquals("tan-lap", bundle.getPolicyName());
            assertTrue(bundle.getVersion() > newer.bundle().version());
            await(() -> !lagging(a1.id), "the moved agent's version stored");
            assertFalse(lagging(a1.id));
        }
    }

    private record Enrolled(String id, KeyMaterial identity) {}

    private Enrolled enrol(String unit) throws Exception {
        KeyPair pair = KeyPairs.newP256(new SecureRandom());
        String secret = server.tokens().create(unit, "internal-workstation", Duration.ofHours(1)).secret();
        EnrollmentService.Enrolled enrolled = new EnrollmentService(server.tokens(), server.database().agents(), server.ca(), keys,
                Clock.systemUTC(), Duration.ofDays(30)).enroll(secret, TestBundles.csr(pair));
        return new Enrolled(enrolled.agentId(), new KeyMaterial(pair.getPrivate(), List.of(enrolled.certificate(), server.ca().certificate())));
    }

    private PolicyAgent connect(Enrolled agent, long running) {
        return PolicyAgent.connect(group, server.channel().localAddress(), agent.identity(), server.ca().certificate(), agent.id(), running,
                keys);
    }

    private boolean lagging(String agentId) {
        return server.policies().agentPolicies(List.of(server.database().agents().find(agentId).orElseThrow())).getFirst().lagging();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
