package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.config.AgentConfig;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.enroll.AgentIdentity;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.agent.outbox.Outbox;
import vn.canhgac.server.config.ServerConfig;
import vn.canhgac.server.store.EventQuery;
import vn.canhgac.server.store.StoredEvent;

class OutboxOverflowTest {

    @TempDir
    Path directory;

    @Test
    void eventsDroppedWhileTheServerWasAwayAreCountedAndTheCountReachesTheServer() throws Exception {
        Path state = directory.resolve("agent");
        AgentIdentity identity;
        ServerConfig samePorts;
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            identity = TestAgents.enroll(server.enrollmentAddress(), server.token("internet-workstation"), state);
            samePorts = server.samePorts();
        }
        AgentConfig small = new AgentConfig(state, 100, 50, 30, Duration.ofMillis(100), Duration.ofMillis(500),
                TestAgents.config(state).tls(), Enforcement.REPORT_ONLY, Optional.empty());
        // No collectors: the outbox's places are counted exactly, and collectors add events of their own.
        try (AgentRuntime agent = AgentRuntime.start(small, HostRoot.of(state), Clock.systemUTC(), List.of())) {
            int dropped = 0;
            for (int i = 0; i < 150; i++) {
                if (agent.record("test.event", EventSeverity.INFO, Map.of("n", i)) instanceof Outbox.AppendResult.Dropped) {
                    dropped++;
                }
            }
            assertEquals(51, dropped, "agent.started plus 99 events fill the 100 places; 51 are dropped");
            assertEquals(51, agent.outbox().droppedTotal());
        }

        try (TestServer server = TestServer.start(directory, Clock.systemUTC(), samePorts);
             AgentRuntime agent = AgentRuntime.start(small, HostRoot.of(state), Clock.systemUTC(), List.of())) {
            var events = server.server.database().events();
            Await.until(Duration.ofSeconds(30), () -> droppedReport(events.query(query(identity))).isPresent(),
                    () -> "no agent.outbox.dropped event yet; outbox " + agent.outbox().size());
            // The first run's agent.stopping and the restarted agent's agent.started met a still-full outbox: 51 + 2 dropped.
            JsonNode report = droppedReport(events.query(query(identity))).orElseThrow();
            assertEquals(53, report.get("droppedSinceLastReport").asLong());
            assertEquals(53, report.get("droppedTotal").asLong());
            Await.until(Duration.ofSeconds(10), () -> server.server.agents().find(identity.agentId()).orElseThrow().agent()
                    .droppedEventsTotal() == 53, () -> "agent record " + server.server.agents().find(identity.agentId()));
            assertTrue(events.count(Optional.of(identity.agentId())) >= 100);
        }
    }

    private static EventQuery query(AgentIdentity identity) {
        return new EventQuery(Optional.of(identity.agentId()), Optional.empty(), Optional.empty(), Optional.of("agent.outbox.dropped"), 0, 10);
    }

    private static Optional<JsonNode> droppedReport(List<StoredEvent> events) {
        return events.stream().findFirst().map(event -> {
            try {
                return new ObjectMapper().readTree(event.payloadJson());
            } catch (java.io.IOException e) {
                throw new AssertionError("payload is not JSON: " + event.payloadJson(), e);
            }
        });
    }
}
