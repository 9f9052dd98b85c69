package vn.canhgac.agent.documents;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The moment one document's extraction must stop. Extractors call {@link #check()} in their
 * loops (every guarded read does), so a slow or hostile document ends itself; an interrupt from
 * the worker that runs the extraction ends it the same way.
 */
final class Deadline {

    private final LongSupplier nanoTime;
    private final long endNanos;
    private final Duration budget;

    Deadline(Duration budget, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.budget = budget;
        this.endNanos = nanoTime.getAsLong() + budget.toNanos();
    }

    /** A deadline that never passes, for tests of extractors alone. */
    static Deadline none() {
        return new Deadline(Duration.ofDays(365), System::nanoTime);
    }

    void check() {
        if (nanoTime.getAsLong() - endNanos > 0) {
            throw new DocumentException("took longer than the limit of " + budget.toMillis() + " ms per file: abandoned");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new DocumentException("extraction was stopped (time limit or agent shutdown)");
        }
    }
}
