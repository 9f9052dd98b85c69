package vn.canhgac.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events received from agents. Implementations are thread-safe. */
public interface EventStore {

    /**
     * Stores all given batches in ONE transaction, idempotently on (agent, sequence): a pair
     * already held is ignored. Returns, per agent id, the highest sequence the store holds for
     * that agent after the commit.
     */
    Map<String, Long> storeBatches(List<AgentBatch> batches, Instant receivedAt);

    /** Highest sequence stored for the agent; 0 when none. */
    long highestSequence(String agentId);

    /** Events matching the query, ordered by id ascending, at most {@code min(limit, 1000)}. */
    List<StoredEvent> query(EventQuery query);

    /** Number of stored events, of one agent or of all. */
    long count(Optional<String> agentId);

    /**
     * Number of distinct sequences of the agent's own events (server events about it, with negative
     * sequences, are not counted); equal to the count of its own events when storage is exactly-once.
     */
    long countDistinct(String agentId);

    /** Number of the agent's events stored with a sequence in {@code first..last}, both included. */
    long countInSequenceRange(String agentId, long first, long last);
}
