package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An enrolled agent as the store holds it.
 *
 * @param certificateSerial serial of the agent's current certificate, lower-case hex
 * @param highestSequence   highest event sequence stored for this agent, 0 when none
 * @param outboxBacklog     events waiting in the agent's outbox, as last reported
 * @param policyVersion     version of the signed policy bundle the agent last reported running, 0 when none
 */
public record AgentRecord(String id, String unit, String role, String certificateSerial, Instant certificateNotAfter,
                          Instant enrolledAt, Optional<Instant> lastSeenAt, Optional<AgentFacts> facts,
                          Optional<Instant> revokedAt, long highestSequence, long droppedEventsTotal,
                          long outboxBacklog, long policyVersion) {
    public AgentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(certificateSerial, "certificateSerial");
        Objects.requireNonNull(certificateNotAfter, "certificateNotAfter");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (highestSequence < 0 || droppedEventsTotal < 0 || outboxBacklog < 0) {
            throw new IllegalArgumentException("agent " + id + ": highestSequence, droppedEventsTotal and outboxBacklog"
                    + " must not be negative (got " + highestSequence + ", " + droppedEventsTotal + ", " + outboxBacklog + ")");
        }
    }

    /** A freshly enrolled agent that has not connected yet. */
    public static AgentRecord enrolled(String id, String unit, String role, String certificateSerial,
                                       Instant certificateNotAfter, Instant enrolledAt) {
        return new AgentRecord(id, unit, role, certificateSerial, certificateNotAfter, enrolledAt,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, 0);
    }
}
