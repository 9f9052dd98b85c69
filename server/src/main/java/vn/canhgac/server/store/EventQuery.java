package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Selects stored events, for paging by id: results have {@code id > afterId}, ascending.
 *
 * @param from  inclusive lower bound on occurredAt
 * @param until exclusive upper bound on occurredAt
 * @param limit at least 1; stores cap it at {@link #MAX_LIMIT}
 * @param units only events of agents in these units (as the agents are now, not as they were when
 *              the event occurred); empty means every unit
 */
public record EventQuery(Optional<String> agentId, Optional<Instant> from, Optional<Instant> until,
                         Optional<String> type, long afterId, int limit, Optional<Set<String>> units, boolean violationsOnly) {
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(type, "type");
        units = Objects.requireNonNull(units, "units").map(Set::copyOf);
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative (got " + afterId + ")");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
        }
    }

    public EventQuery(Optional<String> agentId, Optional<Instant> from, Optional<Instant> until, Optional<String> type,
                      long afterId, int limit, Optional<Set<String>> units) {
        this(agentId, from, until, type, afterId, limit, units, false);
    }

    /** A query of every unit. */
    public EventQuery(Optional<String> agentId, Optional<Instant> from, Optional<Instant> until, Optional<String> type,
                      long afterId, int limit) {
        this(agentId, from, until, type, afterId, limit, Optional.empty());
    }

    /** The first {@code limit} events of every agent. */
    public static EventQuery all(int limit) {
        return new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }
}
