package vn.canhgac.systemtest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import vn.canhgac.agent.AgentRuntime;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.host.HostRoot;

/**
 * A real agent process for crash tests: runs the agent from a state directory and records test
 * events until its outbox has assigned {@code target} sequences in all (across restarts), then
 * keeps running so the channel drains. Arguments: STATE_DIR TARGET.
 */
public final class StreamingAgentMain {

    private StreamingAgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path state = Path.of(args[0]);
        long target = Long.parseLong(args[1]);
        AgentRuntime agent = AgentRuntime.start(TestAgents.config(state), HostRoot.of(state), Clock.systemUTC());
        while (agent.outbox().lastSequence() < target) {
            agent.record("test.stream", EventSeverity.INFO, Map.of("at", System.nanoTime()));
            if (agent.outbox().lastSequence() % 200 == 0) {
                Thread.sleep(5);
            }
        }
        System.out.println("streamed up to " + agent.outbox().lastSequence());
        Thread.sleep(Long.MAX_VALUE);
    }
}
