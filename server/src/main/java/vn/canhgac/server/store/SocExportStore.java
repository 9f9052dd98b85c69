package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;

/** The durable cursors of SOC export destinations, and the reads they page through events with. Thread-safe. */
public interface SocExportStore {

    /** The destination's cursor, created at {@code startAfterId} if it has none yet. */
    SocCursor cursor(String destination, long startAfterId, Instant at);

    /**
     * Moves the destination's cursor to {@code lastEventId} and adds {@code delivered} to its sent
     * count; a cursor never moves back, so a late or repeated call changes nothing.
     */
    void advance(String destination, long lastEventId, long delivered, Instant at);

    /** The id of the newest stored event; 0 when there is none. Every event up to it is visible once this returns. */
    long newestEventId();

    /** Events with {@code afterId < id <= upToId} that pass the filter, by id ascending, at most {@code limit}. */
    List<UnitEvent> page(long afterId, long upToId, SocFilter filter, int limit);

    /** How many events after {@code afterId} pass the filter: what the destination still has to receive. */
    long countPending(long afterId, SocFilter filter);
}
