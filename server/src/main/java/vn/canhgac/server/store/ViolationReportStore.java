package vn.canhgac.server.store;

import java.time.ZoneOffset;
import java.util.List;

/** Violations as reports read them: counts grouped in the store, rows in pages. Implementations are thread-safe. */
public interface ViolationReportStore {

    /** How a report's timeline groups violations, in a fixed offset from UTC. */
    enum Bucket { DAY, WEEK, MONTH }

    /** The highest event id stored as a violation now, 0 when none: the bound of {@link ViolationFilter#highestEventId}. */
    long highestEventId();

    /** Counts per unit, largest first (ties by name). */
    List<ViolationCount> countByUnit(ViolationFilter filter);

    /** Counts per type, largest first (ties by name). */
    List<ViolationCount> countByType(ViolationFilter filter);

    /** Counts per severity number (as text), highest severity first. */
    List<ViolationCount> countBySeverity(ViolationFilter filter);

    /**
     * Counts per bucket, oldest first, only buckets holding violations; a key is the bucket's
     * first day as {@code yyyy-MM-dd} (the Monday for a week, the first for a month) at {@code offset}.
     */
    List<ViolationCount> countByBucket(ViolationFilter filter, Bucket bucket, ZoneOffset offset);

    /**
     * At most {@code limit} rows after {@code after} in (occurred_at, event_id) order; {@code after}
     * null starts at the beginning. Each call is its own short read, so a long export holds no
     * connection between pages.
     */
    List<ViolationRow> page(ViolationFilter filter, ViolationRow after, int limit);
}
