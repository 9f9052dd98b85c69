package vn.canhgac.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.server.agents.AgentService;

class EndToEndDeliveryTest {

    @TempDir
    Path directory;

    @Test
    void tenThousandEventsAreStoredExactlyOnceAndTheOutboxEmpties() {
        try (TestServer server = TestServer.start(directory, Clock.systemUTC())) {
            Path state = directory.resolve("agent");
            var identity = TestAgents.enroll(server.enrollmentAddress(), server.token("secret-workstation"), state);
            // No collectors: this counts the agent's events exactly, and collectors add their own.
            try (AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(directory), Clock.systemUTC(), List.of())) {
                for (int i = 1; i <= 10_000; i++) {
                    agent.record("test.event", EventSeverity.INFO, Map.of("n", i, "text", "Sở Nội vụ"));
                }
                var events = server.server.database().events();
                Await.until(Duration.ofSeconds(60), () -> agent.outbox().size() == 0,
                        () -> "outbox=" + agent.outbox().size() + " stored=" + events.count(Optional.of(identity.agentId())));

                long expected = agent.outbox().lastSequence();
                assertEquals(10_001, expected, "agent.started plus 10,000 test events");
                assertEquals(expected, events.count(Optional.of(identity.agentId())), "every event stored");
                assertEquals(expected, events.countDistinct(identity.agentId()), "no event stored twice");
                assertEquals(expected, events.highestSequence(identity.agentId()), "acknowledged up to the last event");
                AgentService.AgentView view = server.server.agents().find(identity.agentId()).orElseThrow();
                assertEquals(AgentService.Status.ONLINE, view.status());
                assertTrue(view.connected());
                assertEquals("secret-workstation", view.agent().role());
            }
        }
    }
}
