package vn.canhgac.server.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.store.RetentionStore;
import vn.canhgac.server.store.RetentionStore.Purged;

/**
 * Deletes events (and their violations) the server has held longer than the retention period,
 * except the evidence of live incidents, and audits each purge as {@code retention.purged}.
 * Incidents and their notes are never purged: they are small, and they are the record.
 *
 * <p>Implementation notes. A purge walks old event ids in pages of {@value #BATCH} and deletes
 * each page in its own short transaction, so the agent channel's group commits interleave with
 * it instead of waiting behind one long delete. One purge runs at a time (a second caller is told
 * so); the cutoff is fixed when the purge starts, so events arriving meanwhile are never candidates.
 */
public final class RetentionService {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    static final int BATCH = 500;

    /** The outcome of a purge or preview, with the cutoff it used. */
    public record Outcome(Instant cutoff, Purged purged) {}

    private final RetentionStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final RetentionSettings settings;
    private final ReentrantLock running = new ReentrantLock();

    public RetentionService(RetentionStore store, AuditLog audit, Clock clock, RetentionSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public RetentionSettings settings() {
        return settings;
    }

    /** Events received before this instant are past retention now. */
    public Instant cutoff() {
        return clock.instant().minus(settings.retention());
    }

    /** What a purge now would delete; changes nothing. */
    public Outcome preview() {
        Instant cutoff = cutoff();
        return new Outcome(cutoff, store.preview(cutoff));
    }

    /**
     * Purges now and audits it with {@code actor}.
     *
     * @throws IllegalStateException if another purge is running
     */
    public Outcome purge(String actor) {
        if (!running.tryLock()) {
            throw new IllegalStateException("a retention purge is running already; wait for it to finish (the audit log records it as"
                    + " retention.purged)");
        }
        try {
            Instant cutoff = cutoff();
            Purged total = Purged.NONE;
            long after = 0;
            while (true) {
                List<Long> ids = store.receivedBefore(cutoff, after, BATCH);
                if (ids.isEmpty()) {
                    break;
                }
                total = total.plus(store.purge(ids, cutoff));
                after = ids.getLast();
            }
            audit.record(actor, "retention.purged", "events", Map.of("cutoff", cutoff.toString(), "retentionDays", settings.days(),
                    "securityLevel", settings.securityLevel(), "events", total.events(), "violations", total.violations(),
                    "keptForLiveIncidents", total.keptForLiveIncidents()));
            log.info("event=retention.purged actor=\"{}\" cutoff={} events={} violations={} kept_for_live_incidents={}", actor, cutoff,
                    total.events(), total.violations(), total.keptForLiveIncidents());
            return new Outcome(cutoff, total);
        } finally {
            running.unlock();
        }
    }
}
