package vn.canhgac.server.soc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.store.SocCursor;
import vn.canhgac.server.store.SocExportStore;
import vn.canhgac.server.store.StoreException;
import vn.canhgac.server.store.UnitEvent;

/**
 * Forwards the events of one destination, on its own thread {@code soc-NAME}.
 *
 * <p>Implementation notes. The destination's durable cursor is the queue: each round reads the
 * newest event id N, then at most one batch of events after the cursor and up to N that pass the
 * filter, sends it, and only then moves the cursor (to N when the batch was the last one, so
 * filtered-out events are passed over; else to the batch's last id). Ids only grow and every
 * event up to N is visible once N is, so nothing stored later can fall behind the cursor. A
 * failed send moves the cursor past what the receiver confirmed and retries the rest with
 * exponential back-off; a server restart starts from the stored cursor. Memory is one batch.
 * A delivery followed by a crash before the cursor's commit sends that batch again (at-least-once).
 */
final class SocForwarder {
    private static final Logger log = LoggerFactory.getLogger(SocForwarder.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final SocDestination destination;
    private final EventSender sender;
    private final SocExportStore store;
    private final Clock clock;
    private final SocExport.Timing timing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long cursor;
    private volatile long sent;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastSuccessAt;

    SocForwarder(SocDestination destination, EventSender sender, SocExportStore store, Clock clock, SocExport.Timing timing) {
        this.destination = destination;
        this.sender = sender;
        this.store = store;
        this.clock = clock;
        this.timing = timing;
        SocCursor stored = store.cursor(destination.name(), destination.startAtOldest() ? 0 : store.newestEventId(), clock.instant());
        this.cursor = stored.lastEventId();
        this.sent = stored.sent();
        this.thread = Thread.ofPlatform().name("soc-" + destination.name()).daemon().unstarted(this::run);
    }

    void start() {
        log.info("event=soc.destination.started name={} kind={} target={} cursor={}", destination.name(),
                destination.kind().configName(), destination.target(), cursor);
        thread.start();
    }

    private void run() {
        Duration backoff = timing.retryMin();
        while (running) {
            try {
                if (forwardOneBatch()) {
                    backoff = timing.retryMin();
                } else {
                    pause(timing.pollInterval());
                }
            } catch (DeliveryFailed | StoreException e) {
                failed(e instanceof StoreException ? "store: " + e.getMessage() : e.getMessage());
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), timing.retryMax());
            }
        }
        sender.close();
    }

    /** True when a batch was delivered, false when there was nothing to send. */
    private boolean forwardOneBatch() throws DeliveryFailed {
        long newest = store.newestEventId();
        List<UnitEvent> batch = store.page(cursor, newest, destination.filter(), destination.batchSize());
        if (batch.isEmpty()) {
            if (newest > cursor) {
                advance(newest, 0);
            }
            return false;
        }
        try {
            sender.send(batch);
        } catch (DeliveryFailed e) {
            if (e.confirmed() > 0) {
                advance(batch.get(e.confirmed() - 1).event().id(), e.confirmed());
            }
            throw e;
        }
        advance(batch.size() < destination.batchSize() ? newest : batch.getLast().event().id(), batch.size());
        if (lastErrorAt != null && lastSuccessAt != null && lastErrorAt.isAfter(lastSuccessAt)) {
            log.info("event=soc.destination.recovered name={} target={}", destination.name(), destination.target());
        }
        lastSuccessAt = clock.instant();
        return true;
    }

    private void advance(long to, int delivered) {
        store.advance(destination.name(), to, delivered, clock.instant());
        cursor = to;
        sent += delivered;
    }

    private void failed(String message) {
        failures.incrementAndGet();
        lastError = message;
        lastErrorAt = clock.instant();
        log.warn("event=soc.destination.failed name={} target={} cursor={} error=\"{}\"", destination.name(), destination.target(),
                cursor, message);
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            if (running) {
                wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    SocDestinationStatus status() {
        long at = cursor;
        return new SocDestinationStatus(destination.name(), destination.kind().configName(), destination.target(), at, sent,
                store.countPending(at, destination.filter()), failures.get(), Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt), Optional.ofNullable(lastSuccessAt));
    }

    /** Stops after the batch in hand, if any; its cursor is then stored. */
    void stop() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                log.warn("event=soc.destination.stop_timeout name={} advice=\"the receiver did not take a write within {}s;"
                        + " what it did not confirm is sent again at the next start\"", destination.name(), JOIN_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
