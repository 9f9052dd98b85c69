package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which violations a report covers: agents of these units, occurred in {@code [from, until)},
 * of these types (empty: all) and severities (empty: all), and stored no later than event
 * {@code highestEventId}. That last bound freezes the report at the moment it started, so its
 * summary and its rows agree even while agents keep sending.
 */
public record ViolationFilter(Set<String> units, Instant from, Instant until, Set<String> types, Set<Integer> severities,
                              long highestEventId) {
    public ViolationFilter {
        units = Set.copyOf(Objects.requireNonNull(units, "units"));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        types = Set.copyOf(Objects.requireNonNull(types, "types"));
        severities = Set.copyOf(Objects.requireNonNull(severities, "severities"));
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("from (" + from + ") must be before until (" + until + ")");
        }
    }
}
