package vn.canhgac.loadgen;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counters the simulated agents update from the event-loop threads, and the histogram of the
 * time from sending a batch to receiving its acknowledgement (microseconds).
 */
final class FleetStats {

    /** An hour, in microseconds: far above anything a run within its timeout can see. */
    private static final long HIGHEST_LATENCY_MICROS = 3_600_000_000L;

    final LongAdder handshakes = new LongAdder();
    final LongAdder handshakeFailures = new LongAdder();
    final LongAdder hellosAccepted = new LongAdder();
    final LongAdder serverNotices = new LongAdder();
    final LongAdder unexpectedDisconnects = new LongAdder();
    final LongAdder eventsSent = new LongAdder();
    final LongAdder eventsAcknowledged = new LongAdder();
    final LongAdder batchesAcknowledged = new LongAdder();

    private final ConcurrentHashMap<String, LongAdder> negotiatedGroups = new ConcurrentHashMap<>();
    private final ConcurrentHistogram ackLatencyMicros = new ConcurrentHistogram(HIGHEST_LATENCY_MICROS, 3);
    private final AtomicLong firstSendNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAckNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<String> firstProblem = new AtomicReference<>();
    private final ConcurrentHashMap<Long, ConcurrentLinkedQueue<Long>> policyReceipts = new ConcurrentHashMap<>();

    void handshakeCompleted(String group) {
        handshakes.increment();
        negotiatedGroups.computeIfAbsent(group, g -> new LongAdder()).increment();
    }

    void sent(int events, long nowNanos) {
        eventsSent.add(events);
        firstSendNanos.accumulateAndGet(nowNanos, Math::min);
    }

    void acknowledged(int events, long sentAtNanos, long nowNanos) {
        eventsAcknowledged.add(events);
        batchesAcknowledged.increment();
        ackLatencyMicros.recordValue(Math.min(HIGHEST_LATENCY_MICROS, Math.max(0, (nowNanos - sentAtNanos) / 1000)));
        lastAckNanos.accumulateAndGet(nowNanos, Math::max);
    }

    void policyReceived(long version, long nowNanos) {
        policyReceipts.computeIfAbsent(version, v -> new ConcurrentLinkedQueue<>()).add(nowNanos);
    }

    /** When each agent received (and at once acknowledged) this bundle version, in {@link System#nanoTime()} terms. */
    List<Long> policyReceipts(long version) {
        return List.copyOf(policyReceipts.getOrDefault(version, new ConcurrentLinkedQueue<>()));
    }

    /** Keeps the first problem any agent ran into, for the report; later ones are only counted. */
    void problem(String description) {
        firstProblem.compareAndSet(null, description);
    }

    String firstProblem() {
        return firstProblem.get();
    }

    Map<String, Long> negotiatedGroups() {
        Map<String, Long> groups = new TreeMap<>();
        negotiatedGroups.forEach((group, count) -> groups.put(group, count.sum()));
        return groups;
    }

    Histogram latencySnapshot() {
        return ackLatencyMicros.copy();
    }

    /** Nanoseconds from the first batch sent to the last acknowledgement received; 0 before both happened. */
    long streamingNanos() {
        long first = firstSendNanos.get();
        long last = lastAckNanos.get();
        return first == Long.MAX_VALUE || last == Long.MIN_VALUE ? 0 : Math.max(0, last - first);
    }
}
