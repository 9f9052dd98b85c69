package vn.canhgac.server.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;

/**
 * Runs the retention purge once a day on its own thread, {@code retention-purge}, the first time
 * a few minutes after start (not at once: a restarting server has agents to take back first).
 * A purge that fails is logged and tried again the next day; it never stops the server.
 */
public final class RetentionScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);
    /** The actor of scheduled purges in the audit log. */
    public static final String ACTOR = "system";
    static final Duration FIRST_RUN = Duration.ofMinutes(10);
    static final Duration INTERVAL = Duration.ofDays(1);

    private final ScheduledExecutorService executor;

    private RetentionScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static RetentionScheduler start(RetentionService retention) {
        Objects.requireNonNull(retention, "retention");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("retention-purge").daemon().factory());
        executor.scheduleWithFixedDelay(() -> runOnce(retention), FIRST_RUN.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return new RetentionScheduler(executor);
    }

    static void runOnce(RetentionService retention) {
        try {
            retention.purge(ACTOR);
        } catch (RuntimeException e) {
            log.error("event=retention.purge_failed reason=\"{}\" next_attempt_in_hours={}", Errors.rootMessage(e), INTERVAL.toHours());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("event=retention.stop_timeout seconds=30");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
