package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Violations of one rule on one agent, as one case for security staff to handle.
 *
 * @param unit            the agent's unit when the incident was raised
 * @param rule            the key violations are grouped by: the violation type, plus {@code :} and the rule that fired
 *                        when the payload names one (see {@code IncidentRules})
 * @param owner           the account that handles it, if assigned
 * @param createdAt       when the server stored the violation that raised it
 * @param deadlineAt      createdAt plus the reporting deadline in force then
 * @param resolvedAt      when it was resolved or marked a false positive; present exactly when closed
 * @param firstSeenAt     earliest occurrence time of its violations (agent clock)
 * @param lastSeenAt      latest occurrence time of its violations (agent clock)
 * @param violationCount  violations filed into it, including any purged since by retention
 * @param highestSeverity 0..5, the protocol's Severity numbers
 */
public record Incident(long id, String agentId, String unit, String rule, String type, IncidentStatus status, Optional<String> owner,
                       Instant createdAt, Instant deadlineAt, Optional<Instant> resolvedAt, Instant firstSeenAt, Instant lastSeenAt,
                       long violationCount, int highestSeverity, Instant updatedAt) {
    public Incident {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadlineAt, "deadlineAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Still live after its reporting deadline passed. */
    public boolean overdue(Instant now) {
        return status.live() && now.isAfter(deadlineAt);
    }
}
