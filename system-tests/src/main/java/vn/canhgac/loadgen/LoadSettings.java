package vn.canhgac.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import vn.canhgac.protocol.FrameLimits;

/**
 * What one load-generator invocation does, validated as a whole before anything starts.
 *
 * @param agents                simulated agents, each with its own certificate and connection
 * @param eventsPerAgent        events each agent streams once all agents are connected
 * @param batchSize             events per batch (one frame, one acknowledgement)
 * @param maxBatchesInFlight    unacknowledged batches per agent; the server reads no more than 4
 * @param eventsPerSecond       the fleet's combined sending rate; 0 sends as fast as acknowledgements allow (saturation)
 * @param maxHandshakesInFlight connections being set up at once, so the accept backlog is not overrun
 * @param modes                 the key exchanges to measure, in order, each against a fresh server
 * @param serverHeap            the server JVM's {@code -Xmx}, e.g. {@code 1g}
 * @param serverJvmOptions      further options for the server JVM (a collector, a flight recording)
 * @param workDirectory         where server data directories and logs go
 * @param timeout               a bound on each mode's run; past it the run stops and reports what it has
 * @param keepData              keep each mode's server database after the run (it can be large)
 */
record LoadSettings(int agents, int eventsPerAgent, int batchSize, int maxBatchesInFlight, int eventsPerSecond, int maxHandshakesInFlight,
                    List<TlsMode> modes, String serverHeap, List<String> serverJvmOptions, Path workDirectory, Duration timeout,
                    boolean keepData) {

    /** The server stops reading a connection with this many batches waiting for the store; more buys nothing. */
    static final int SERVER_BATCHES_IN_FLIGHT = 4;

    LoadSettings {
        modes = List.copyOf(modes);
        serverJvmOptions = List.copyOf(serverJvmOptions);
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(timeout, "timeout");
        if (agents < 1) {
            throw new IllegalArgumentException("--agents must be at least 1 (got " + agents + ")");
        }
        if (eventsPerAgent < 0) {
            throw new IllegalArgumentException("--events-per-agent must not be negative (got " + eventsPerAgent + ")");
        }
        if (batchSize < 1 || batchSize > FrameLimits.MAX_EVENTS_PER_BATCH) {
            throw new IllegalArgumentException("--batch must be between 1 and " + FrameLimits.MAX_EVENTS_PER_BATCH
                    + ", the server's limit (got " + batchSize + ")");
        }
        if (maxBatchesInFlight < 1 || maxBatchesInFlight > SERVER_BATCHES_IN_FLIGHT) {
            throw new IllegalArgumentException("--in-flight must be between 1 and " + SERVER_BATCHES_IN_FLIGHT
                    + " (the server reads no further ahead; got " + maxBatchesInFlight + ")");
        }
        if (eventsPerSecond < 0) {
            throw new IllegalArgumentException("--rate must not be negative; 0 means as fast as the server acknowledges (got "
                    + eventsPerSecond + ")");
        }
        if (maxHandshakesInFlight < 1) {
            throw new IllegalArgumentException("--handshakes-in-flight must be at least 1 (got " + maxHandshakesInFlight + ")");
        }
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("--tls must name at least one mode: both, hybrid or classical");
        }
        if (serverHeap == null || !serverHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException("--server-heap must be a JVM heap size such as 1g or 768m (got \"" + serverHeap + "\")");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive (got " + timeout + ")");
        }
    }

    LoadSettings withWorkDirectory(Path directory) {
        return new LoadSettings(agents, eventsPerAgent, batchSize, maxBatchesInFlight, eventsPerSecond, maxHandshakesInFlight, modes,
                serverHeap, serverJvmOptions, directory, timeout, keepData);
    }

    /** The heap limit first, so that a later -Xmx among the extra options is the one that counts, as in any java command. */
    List<String> serverJvmCommandLine() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("-Xmx" + serverHeap), serverJvmOptions.stream()).toList();
    }

    Workload workload() {
        return new Workload(eventsPerAgent, batchSize, maxBatchesInFlight, eventsPerSecond);
    }

    long totalEvents() {
        return (long) agents * eventsPerAgent;
    }
}
