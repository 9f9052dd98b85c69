package vn.canhgac.loadgen;

/**
 * What each simulated agent streams: how many events, in batches of what size, with how many
 * batches unacknowledged, and at what total rate across the fleet.
 *
 * @param eventsPerSecond the fleet's combined sending rate; 0 sends as fast as acknowledgements allow
 */
record Workload(int eventsPerAgent, int batchSize, int maxBatchesInFlight, int eventsPerSecond) {

    Workload {
        if (eventsPerAgent < 0 || batchSize < 1 || maxBatchesInFlight < 1 || eventsPerSecond < 0) {
            throw new IllegalArgumentException("workload needs events >= 0, batch >= 1, in-flight >= 1 and rate >= 0 (got "
                    + eventsPerAgent + ", " + batchSize + ", " + maxBatchesInFlight + ", " + eventsPerSecond + ")");
        }
    }

    boolean paced() {
        return eventsPerSecond > 0;
    }

    /** How often each of {@code agents} agents sends a batch so that together they send {@code eventsPerSecond}; 0 if not paced. */
    long batchIntervalNanos(int agents) {
        return paced() ? Math.round(1e9 * batchSize * agents / eventsPerSecond) : 0;
    }
}
