package vn.canhgac.loadgen;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run (one key-exchange mode against one fresh server).
 *
 * @param workload           what each agent sent, and at what combined rate
 * @param held               agents whose hello was accepted and whose connection was still open after streaming
 * @param eventsStored       events in the server's database after it stopped; -1 if it could not be counted
 * @param streaming          first batch sent to last acknowledgement received
 * @param firstProblem       the first thing that went wrong on any connection, if anything did
 */
record RunReport(TlsMode mode, int agents, Workload workload, Fleet.ConnectResult connect, int held, long handshakeFailures,
                 Map<String, Long> negotiatedGroups, long eventsRequested, long eventsSent, long eventsAcknowledged,
                 long eventsStored, Duration streaming, boolean streamTimedOut, Latency latency, ServerFootprint server,
                 long serverNotices, long unexpectedDisconnects, Optional<String> firstProblem) {

    RunReport {
        negotiatedGroups = Map.copyOf(negotiatedGroups);
    }

    /** Send-to-acknowledgement times of batches, in milliseconds. */
    record Latency(long batches, double p50, double p90, double p99, double max) {

        static Latency of(Histogram micros) {
            return new Latency(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
                    micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
        }
    }

    /**
     * The server process's memory: {@code peakMib} is VmHWM, the most it was resident at any
     * time; {@code heapAfterGc} the live heap its GC log shows, if it collected at all.
     */
    record ServerFootprint(String heapLimit, double connectedRssMib, double endRssMib, double peakMib,
                           Optional<GcLog.HeapAfterGc> heapAfterGc, long warningLines) {}

    RunReport withEventsStored(long stored) {
        return new RunReport(mode, agents, workload, connect, held, handshakeFailures, negotiatedGroups, eventsRequested, eventsSent,
                eventsAcknowledged, stored, streaming, streamTimedOut, latency, server, serverNotices, unexpectedDisconnects, firstProblem);
    }

    double eventsPerSecond() {
        return streaming.isZero() ? 0 : eventsAcknowledged / (streaming.toNanos() / 1e9);
    }

    /** Every agent connected and stayed connected, and every event was acknowledged and is in the database. */
    boolean complete() {
        return !connect.timedOut() && !streamTimedOut && connect.accepted() == agents && held == agents
                && eventsAcknowledged == eventsRequested && eventsStored == eventsRequested;
    }
}
