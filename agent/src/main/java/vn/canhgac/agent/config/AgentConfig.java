package vn.canhgac.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import vn.canhgac.protocol.FrameLimits;
import vn.canhgac.protocol.tls.TlsSettings;

/**
 * The agent's settings, validated once when read and immutable after.
 *
 * @param stateDirectory  keys, certificates, enrolment facts and the outbox live here
 * @param outboxCapacity  most events kept while the server is unreachable; past it, events are
 *                        counted as dropped and the count is reported
 * @param enforcement     carry out verdicts, or only report them
 * @param policyFile      a local policy YAML; without one the documented defaults apply until the
 *                        server sends a signed policy
 */
public record AgentConfig(
        Path stateDirectory,
        long outboxCapacity,
        int batchSize,
        int heartbeatSeconds,
        Duration reconnectInitial,
        Duration reconnectMax,
        TlsSettings tls,
        Enforcement enforcement,
        java.util.Optional<Path> policyFile) {

    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/canhgac/agent");

    public AgentConfig {
        if (outboxCapacity < 100) {
            throw new IllegalArgumentException("outboxCapacity must be at least 100 events (got " + outboxCapacity + ")");
        }
        if (batchSize < 1 || batchSize > FrameLimits.MAX_EVENTS_PER_BATCH) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + FrameLimits.MAX_EVENTS_PER_BATCH + " (got " + batchSize + ")");
        }
        if (heartbeatSeconds < 5 || heartbeatSeconds > 3600) {
            throw new IllegalArgumentException("heartbeatSeconds must be between 5 and 3600 (got " + heartbeatSeconds + ")");
        }
    }

    public static AgentConfig defaults(Path stateDirectory) {
        return new AgentConfig(stateDirectory, 1_000_000, 500, 30, Duration.ofSeconds(1), Duration.ofMinutes(5), TlsSettings.HYBRID_PREFERRED,
                Enforcement.ENFORCE, java.util.Optional.empty());
    }

    public AgentConfig withStateDirectory(Path directory) {
        return new AgentConfig(directory, outboxCapacity, batchSize, heartbeatSeconds, reconnectInitial, reconnectMax, tls, enforcement,
                policyFile);
    }

    public AgentConfig withPolicyFile(Path file) {
        return new AgentConfig(stateDirectory, outboxCapacity, batchSize, heartbeatSeconds, reconnectInitial, reconnectMax, tls, enforcement,
                java.util.Optional.of(file));
    }

    public AgentConfig withEnforcement(Enforcement mode) {
        return new AgentConfig(stateDirectory, outboxCapacity, batchSize, heartbeatSeconds, reconnectInitial, reconnectMax, tls, mode,
                policyFile);
    }

    public Path outboxFile() {
        return stateDirectory.resolve("outbox.db");
    }
}
