package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.protocol.EnrollmentTokenCode;
import vn.canhgac.server.CanhGacServer;
import vn.canhgac.server.ServerPaths;
import vn.canhgac.server.cli.ServerMain;
import vn.canhgac.server.enrollment.TokenService;
import vn.canhgac.server.pki.CertificateAuthority;
import vn.canhgac.server.store.EventStore;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.units.UnitService;

/** Real processes killed with SIGKILL mid-stream: nothing lost, nothing stored twice. */
class CrashRecoveryTest {

    @TempDir
    Path directory;

    @Test
    void serverKilledWhileTenAgentsStreamLosesNothingAndStoresNothingTwice() throws Exception {
        ServerPaths paths = new ServerPaths(directory.resolve("server"));
        CanhGacServer.init(paths, new SecureRandom(), Clock.systemUTC());
        int[] ports = freePorts();
        int channelPort = ports[0];
        int enrollmentPort = ports[1];
        Files.writeString(paths.config(), "agentListen: 127.0.0.1:" + channelPort + "\nenrollmentListen: 127.0.0.1:" + enrollmentPort
                + "\napiListen: 127.0.0.1:0\n");
        List<String> tokens = issueTokens(paths, 10);
        Path log = directory.resolve("server.log");

        Process server = startServer(paths, log, channelPort, enrollmentPort);
        List<AgentRuntime> agents = new ArrayList<>();
        List<Thread> streams = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        Map<String, Long> lastSequences = new java.util.HashMap<>();
        try {
            for (int i = 0; i < 10; i++) {
                Path state = directory.resolve("agent-" + i);
                TestAgents.enroll(new InetSocketAddress("127.0.0.1", enrollmentPort), tokens.get(i), state);
                AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(state), Clock.systemUTC());
                agents.add(agent);
                streams.add(Thread.ofPlatform().start(() -> stream(agent, 3_000, failed)));
            }
            Thread.sleep(1_000);
            JavaProcess.kill(server);
            Thread.sleep(1_500);
            server = startServer(paths, log, channelPort, enrollmentPort);
            for (Thread stream : streams) {
                stream.join();
            }
            assertTrue(!failed.get(), "recording events never fails while the server is down");
            Await.until(Duration.ofSeconds(120), () -> agents.stream().allMatch(a -> a.outbox().size() == 0),
                    () -> "outbox sizes " + agents.stream().map(a -> a.outbox().size()).toList() + "; server log " + log);
            agents.forEach(agent -> lastSequences.put(agent.identity().agentId(), agent.outbox().lastSequence()));
        } finally {
            agents.forEach(AgentRuntime::close);
            server.destroy();
            server.waitFor();
        }
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            assertEquals(10, lastSequences.size());
            lastSequences.forEach((agentId, lastSequence) -> {
                // Closing an agent records agent.stopping after the events it streamed.
                long highest = database.events().highestSequence(agentId);
                assertTrue(highest == lastSequence || highest == lastSequence + 1, agentId + ": highest stored " + highest
                        + ", streamed up to " + lastSequence);
                assertStoredExactlyOnce(database.events(), agentId, highest);
            });
        }
    }

    @Test
    void agentKilledMidStreamAndRestartedLosesNothingAndStoresNothingTwice() throws Exception {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token("internal-workstation"), state);
            Path log = directory.resolve("agent.log");
            EventStore events = server.server.database().events();

            Process agent = JavaProcess.start(StreamingAgentMain.class, log, state.toString(), "20000");
            Await.until(Duration.ofSeconds(60), () -> events.count(Optional.of(identity.agentId())) >= 3_000,
                    () -> "stored " + events.count(Optional.of(identity.agentId())) + "; agent log " + log);
            JavaProcess.kill(agent);

            agent = JavaProcess.start(StreamingAgentMain.class, log, state.toString(), "20000");
            try {
                Await.until(Duration.ofSeconds(120), () -> events.highestSequence(identity.agentId()) >= 20_000,
                        () -> "highest stored " + events.highestSequence(identity.agentId()) + "; agent log " + log);
            } finally {
                JavaProcess.kill(agent);
            }
            long lastSequence;
            try (Outbox outbox = Outbox.open(state.resolve("outbox.db"), 1_000_000, Clock.systemUTC())) {
                lastSequence = outbox.lastSequence();
            }
            assertStoredExactlyOnce(events, identity.agentId(), lastSequence);
        }
    }

    private static void assertStoredExactlyOnce(EventStore events, String agentId, long lastSequence) {
        assertTrue(lastSequence > 0);
        assertEquals(lastSequence, events.highestSequence(agentId), "acknowledged up to the agent's last event");
        assertEquals(lastSequence, events.countDistinct(agentId), "every sequence 1.." + lastSequence + " stored");
        assertEquals(lastSequence, events.count(Optional.of(agentId)), "no sequence stored twice");
    }

    private static void stream(AgentRuntime agent, int count, AtomicBoolean failed) {
        try {
            for (int i = 0; i < count; i++) {
                agent.record("test.stream", EventSeverity.INFO, Map.of("n", i));
                if (i % 100 == 0) {
                    Thread.sleep(20);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            failed.set(true);
        }
    }

    private static List<String> issueTokens(ServerPaths paths, int count) {
        List<String> tokens = new ArrayList<>();
        try (SqliteDatabase database = SqliteDatabase.open(paths.database())) {
            UnitService units = new UnitService(database.units(), Clock.systemUTC());
            TokenService service = new TokenService(database.tokens(), units, Clock.systemUTC(), new SecureRandom());
            String fingerprint = CertificateAuthority.load(paths.pki(), Clock.systemUTC(), new SecureRandom()).fingerprint();
            for (int i = 0; i < count; i++) {
                units.create("Xa " + i, Optional.empty());
                tokens.add(new EnrollmentTokenCode(service.create("Xa " + i, "internal-workstation", Duration.ofHours(1)).secret(),
                        fingerprint).format());
            }
        }
        return tokens;
    }

    /** Starts the server process and waits until every listener it opens (agents, then enrolment) accepts. */
    private static Process startServer(ServerPaths paths, Path log, int... ports) throws IOException {
        Process process = JavaProcess.start(ServerMain.class, log, "run", "--data-dir", paths.dataDirectory().toString());
        Await.until(Duration.ofSeconds(60), () -> java.util.Arrays.stream(ports).allMatch(CrashRecoveryTest::accepts) || !process.isAlive(),
                () -> "server not listening; log " + log);
        assertTrue(process.isAlive(), "server process exited; see " + log);
        return process;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Two distinct free loopback ports: both sockets are open at once, so the second cannot reuse the first. */
    private static int[] freePorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket second = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }
}
