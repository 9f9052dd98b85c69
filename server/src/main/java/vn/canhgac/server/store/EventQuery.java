package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Selects stored events, for paging by id: results have {@code id > afterId}, ascending.
 *
 * @param from  inclusive lower bound on occurredAt
 * @param until exclusive upper bound on occurredAt
 * @param limit at least 1; stores cap it at {@link #MAX_LIMIT}
 */
public record EventQuery(Optional<String> agentId, Optional<Instant> from, Optional<Instant> until,
                         Optional<String> type, long afterId, int limit) {
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(type, "type");
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative (got " + afterId + ")");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
        }
    }

    /** The first {@code limit} events of every agent. */
    public static EventQuery all(int limit) {
        return new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }
}
