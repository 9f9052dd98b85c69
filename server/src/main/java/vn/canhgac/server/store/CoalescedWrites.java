package vn.canhgac.server.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value of each key, written to a store in batches: what arrives while a write runs goes
 * into the next one, so that many agents reporting at once cost a handful of transactions rather
 * than one each.
 *
 * <p>Implementation notes. {@link #put} schedules at most one write on the executor at a time. The
 * write clears its flag before draining, and removes an entry only if it still holds the value it
 * took, so a value put during the drain is either in this batch or schedules the next. A failed
 * write is logged and dropped: the next value of the same key is written again.
 *
 * @param <V> the value kept per key
 */
public final class CoalescedWrites<V> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoalescedWrites.class);

    private final String name;
    private final Executor executor;
    private final Consumer<Map<String, V>> write;
    private final Map<String, V> unwritten = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param name     what the logs call these writes, e.g. {@code agent_heartbeats}
     * @param executor runs the writes; {@link #close} shuts it down if it is an ExecutorService
     * @param write    writes one batch, every key once, in one transaction
     */
    public CoalescedWrites(String name, Executor executor, Consumer<Map<String, V>> write) {
        this.name = Objects.requireNonNull(name, "name");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.write = Objects.requireNonNull(write, "write");
    }

    /** Keeps the value for the next write, replacing one not written yet, and schedules a write unless one is pending. */
    public void put(String key, V value) {
        unwritten.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::writePending);
        }
    }

    private void writePending() {
        scheduled.set(false);
        Map<String, V> batch = new HashMap<>();
        for (Map.Entry<String, V> entry : unwritten.entrySet()) {
            if (unwritten.remove(entry.getKey(), entry.getValue())) {
                batch.put(entry.getKey(), entry.getValue());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write.accept(batch);
        } catch (RuntimeException e) {
            log.error("event={}_write_failed agents={} reason=\"{}\"", name, batch.size(), e.getMessage(), e);
        }
    }

    /** Stops the executor if it is an ExecutorService, waiting up to 10 seconds, then writes what is still pending. */
    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdown();
            try {
                if (!service.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("event={}_write_timeout pending={}", name, unwritten.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writePending();
    }
}
