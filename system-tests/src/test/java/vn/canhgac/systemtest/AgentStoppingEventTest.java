package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.agent.outbox.OutboxEvent;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;

/** A stopped agent is something inspectors ask about: every stop reaches the server as agent.stopping. */
class AgentStoppingEventTest {

    @TempDir
    Path directory;

    @Test
    void connectedAgentReportsItsStopWithTheReasonBeforeItEnds() {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            AgentIdentity identity = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), state);
            AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(directory), Clock.systemUTC(), List.of());
            Await.until(Duration.ofSeconds(30), agent::isConnected, () -> "agent never connected");

            agent.close("terminated");

            List<StoredEvent> stops = server.server.database().events().query(new EventQuery(Optional.of(identity.agentId()),
                    Optional.empty(), Optional.empty(), Optional.of("agent.stopping"), 0, 10));
            assertEquals(1, stops.size(), "stored before close() returned");
            assertTrue(stops.getFirst().payloadJson().contains("\"reason\":\"terminated\""), stops.getFirst().payloadJson());
        }
    }

    @Test
    void agentStoppedWhileTheServerIsAwayKeepsTheEventForItsNextStart() {
        Path state = directory.resolve("agent");
        ServerConfig samePorts;
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), state);
            samePorts = server.samePorts();
        }
        AgentRuntime.start(TestAgents.config(state), HostRoot.of(directory), Clock.systemUTC(), List.of()).close("terminated");

        try (Outbox outbox = Outbox.open(state.resolve("outbox.db"), 1_000_000, Clock.systemUTC())) {
            List<OutboxEvent> waiting = outbox.peek(0, 10);
            assertEquals(List.of("agent.started", "agent.stopping"), waiting.stream().map(OutboxEvent::type).toList());
        }
        try (TestServer server = TestServer.start(directory, Clock.systemUTC(), samePorts);
             AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(directory), Clock.systemUTC(), List.of())) {
            var events = server.server.database().events();
            Await.until(Duration.ofSeconds(30), () -> !events.query(new EventQuery(Optional.of(agent.identity().agentId()),
                    Optional.empty(), Optional.empty(), Optional.of("agent.stopping"), 0, 10)).isEmpty(),
                    () -> "agent.stopping not delivered after the restart; outbox " + agent.outbox().size());
        }
    }
}
