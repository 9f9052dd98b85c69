package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.tls.TlsSettings;
import vn.canhgac.protocol.v1.Envelope;
import vn.canhgac.protocol.v1.Hello;

/** Heartbeats, silent peers, backpressure and revocation of a live connection. */
class ChannelBehaviourTest {

    @TempDir
    Path directory;

    @Test
    void serverSendsHeartbeatsAndClosesAnAgentSilentForThreeIntervals() throws Exception {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC(), TestServer.config(TlsSettings.HYBRID_PREFERRED, 5, 200_000))) {
            AgentIdentity agent = TestAgents.enroll(server.enrollmentAddress(), server.token("mdm-host"), directory.resolve("agent"));
            try (RawClient client = RawClient.tls(server.server.channel().localAddress(), Optional.of(agent.keyMaterial()),
                    server.server.ca().certificate())) {
                client.send(Envelope.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1).setAgentId(agent.agentId())).build());
                client.awaitFrames(2, Duration.ofSeconds(10));
                assertTrue(client.received().getFirst().hasHelloAccepted());
                assertTrue(client.received().get(1).hasHeartbeat(), "a heartbeat after one idle interval: " + client.received());
                assertTrue(client.closedWithin(Duration.ofSeconds(20)), "closed after 3 silent intervals (15 s)");
            }
        }
    }

    @Test
    void serverStopsReadingWhileTheStoreIsBehindAndLosesNothing() {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC(), TestServer.config(TlsSettings.HYBRID_PREFERRED, 30, 600))) {
            Path state = directory.resolve("agent");
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token("internal-workstation"), state);
            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(state), Clock.systemUTC())) {
                for (int i = 0; i < 20_000; i++) {
                    agent.record("test.event", EventSeverity.INFO, Map.of("n", i));
                }
                Await.until(Duration.ofSeconds(60), () -> agent.outbox().size() == 0, () -> "outbox " + agent.outbox().size());
                var events = server.server.database().events();
                assertEquals(agent.outbox().lastSequence(), events.countDistinct(identity.agentId()));
                assertEquals(agent.outbox().lastSequence(), events.count(Optional.of(identity.agentId())));
                assertTrue(server.server.channel().metrics().readPauses() > 0, "the connection was paused at least once");
            }
        }
    }

    @Test
    void revokingAConnectedAgentClosesItsConnectionAndItCannotComeBack() {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token("internet-workstation"), state);
            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(state), Clock.systemUTC())) {
                Await.until(Duration.ofSeconds(10), agent::isConnected, () -> "never connected");
                long failures = server.server.channel().metrics().handshakeFailures();
                assertTrue(server.server.agents().revoke(identity.agentId()));
                Await.until(Duration.ofSeconds(10), () -> !agent.isConnected(), () -> "still connected after revocation");
                Await.until(Duration.ofSeconds(10), () -> server.server.channel().metrics().handshakeFailures() > failures,
                        () -> "the reconnect was not refused at the handshake");
                assertEquals(0, server.server.channel().connectedAgents());
            }
        }
    }
}
