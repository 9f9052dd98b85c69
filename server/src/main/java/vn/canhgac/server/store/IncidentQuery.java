package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Selects incidents, for paging by id: results have {@code id > afterId}, ascending.
 *
 * @param units     only incidents raised in these units; empty means every unit
 * @param overdueAt only incidents still live whose deadline passed before this instant
 * @param limit     1..{@link #MAX_LIMIT}
 */
public record IncidentQuery(Optional<Set<String>> units, Optional<IncidentStatus> status, Optional<String> agentId,
                            Optional<Instant> overdueAt, long afterId, int limit) {
    public static final int MAX_LIMIT = 1000;

    public IncidentQuery {
        units = Objects.requireNonNull(units, "units").map(Set::copyOf);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(overdueAt, "overdueAt");
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative (got " + afterId + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    /** The first {@code limit} incidents of every unit. */
    public static IncidentQuery all(int limit) {
        return new IncidentQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }
}
