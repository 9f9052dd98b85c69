package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;

/**
 * What the retention purge needs from the event store. Events are aged by {@code received_at},
 * the time the server stored them. The violations of a live (open or acknowledged) incident, and
 * their events, are its evidence and are never purged while it is live.
 */
public interface RetentionStore {

    /** Ids of events received before {@code cutoff} with {@code id > afterId}, ascending, at most {@code limit}. Read-only. */
    List<Long> receivedBefore(Instant cutoff, long afterId, int limit);

    /**
     * Deletes those of {@code eventIds} still received before {@code cutoff} and not evidence of
     * a live incident, with their violations, in one short transaction.
     */
    Purged purge(List<Long> eventIds, Instant cutoff);

    /** What {@link #purge} would delete now for this cutoff, counted without deleting. */
    Purged preview(Instant cutoff);

    /**
     * @param events              events deleted (or, for a preview, that would be)
     * @param violations          of those, violations
     * @param keptForLiveIncidents old events kept because they are evidence of a live incident
     */
    record Purged(long events, long violations, long keptForLiveIncidents) {
        public static final Purged NONE = new Purged(0, 0, 0);

        public Purged plus(Purged other) {
            return new Purged(events + other.events, violations + other.violations, keptForLiveIncidents + other.keptForLiveIncidents);
        }
    }
}
