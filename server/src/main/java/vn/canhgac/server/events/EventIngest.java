package vn.canhgac.server.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.store.AgentBatch;
import vn.canhgac.server.store.EventStore;

/**
 * Stores agents' event batches through a single writer thread with group commit: whatever
 * batches are waiting when the writer comes round go into one transaction, so SQLite's one
 * writer is kept busy with large transactions instead of one fsync per batch. Each batch is
 * still stored whole or not at all, and its future completes only after the commit, with the
 * highest sequence the store holds for that agent — the value the agent may delete up to.
 *
 * <p>Implementation notes: {@link #queuedEvents} counts events accepted but not yet committed.
 * Above the high watermark, sessions stop reading from their sockets ({@link #overloaded()}) and
 * register a resume callback, which runs once the writer brings the count below the low
 * watermark. Memory is therefore bounded by the watermark, not by the number of agents.
 */
public final class EventIngest implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventIngest.class);
    private static final int MAX_EVENTS_PER_TRANSACTION = 20_000;

    private final EventStore store;
    private final Clock clock;
    private final long highWatermark;
    private final long lowWatermark;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedEvents = new AtomicLong();
    private final AtomicLong storedEvents = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final List<Runnable> resumeCallbacks = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean running = true;

    private record Pending(AgentBatch batch, CompletableFuture<Long> stored) {}

    private static final Pending POISON = new Pending(new AgentBatch("", List.of()), new CompletableFuture<>());

    public EventIngest(EventStore store, Clock clock, long highWatermark) {
        if (highWatermark < 2) {
            throw new IllegalArgumentException("ingest high watermark must be at least 2 events (got " + highWatermark + ")");
        }
        this.store = store;
        this.clock = clock;
        this.highWatermark = highWatermark;
        this.lowWatermark = highWatermark / 2;
        this.writer = Thread.ofPlatform().name("event-writer").daemon().unstarted(this::writeLoop);
        writer.start();
    }

    /** Queues a batch; the future completes with the agent's highest stored sequence after commit. */
    public CompletableFuture<Long> submit(AgentBatch batch) {
        CompletableFuture<Long> stored = new CompletableFuture<>();
        if (!running) {
            stored.completeExceptionally(new IllegalStateException("the server is shutting down; events stay in the agent's outbox"));
            return stored;
        }
        queuedEvents.addAndGet(batch.events().size());
        queue.add(new Pending(batch, stored));
        return stored;
    }

    public boolean overloaded() {
        return queuedEvents.get() >= highWatermark;
    }

    /** Runs {@code resume} once, as soon as the queue is below the low watermark (maybe at once). */
    public void whenDrained(Runnable resume) {
        resumeCallbacks.add(resume);
        if (queuedEvents.get() < lowWatermark) {
            runResumeCallbacks();
        }
    }

    public long storedEvents() {
        return storedEvents.get();
    }

    public long transactions() {
        return transactions.get();
    }

    public long queuedEvents() {
        return queuedEvents.get();
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int events = group.getFirst().batch().events().size();
            while (events < MAX_EVENTS_PER_TRANSACTION) {
                Pending next = queue.poll();
                if (next == null) {
                    break;
                }
                group.add(next);
                events += next.batch().events().size();
            }
            boolean stop = group.remove(POISON);
            commit(group, events);
            group.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> group, int events) {
        if (group.isEmpty()) {
            return;
        }
        Map<String, Long> highest = null;
        RuntimeException failure = null;
        try {
            highest = store.storeBatches(group.stream().map(Pending::batch).toList(), clock.instant());
            transactions.incrementAndGet();
            storedEvents.addAndGet(events);
        } catch (RuntimeException e) {
            log.error("event=ingest.store_failed batches={} events={} reason=\"{}\"", group.size(), events, e.getMessage());
            failure = e;
        }
        // Counters first, futures second: whoever sees a completed batch also sees the queue without it.
        if (queuedEvents.addAndGet(-events) < lowWatermark) {
            runResumeCallbacks();
        }
        for (Pending pending : group) {
            if (failure == null) {
                pending.stored().complete(highest.getOrDefault(pending.batch().agentId(), 0L));
            } else {
                pending.stored().completeExceptionally(failure);
            }
        }
    }

    private void runResumeCallbacks() {
        for (Runnable callback : resumeCallbacks) {
            if (resumeCallbacks.remove(callback)) {
                callback.run();
            }
        }
    }

    /** Stores what is queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        queue.add(POISON);
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
