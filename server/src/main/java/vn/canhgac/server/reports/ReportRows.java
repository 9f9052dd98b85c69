package vn.canhgac.server.reports;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import vn.canhgac.server.store.ViolationFilter;
import vn.canhgac.server.store.ViolationReportStore;
import vn.canhgac.server.store.ViolationRow;

/**
 * A report's detail rows, read page by page so that only one page is ever in memory, with the
 * progress of the export counted as rows are handed on.
 */
final class ReportRows {
    static final int PAGE = 2000;

    /** Told after every page; called on the exporting thread. */
    @FunctionalInterface
    interface Progress {
        void rowsDone(long rows);
    }

    @FunctionalInterface
    interface RowSink {
        void accept(ViolationRow row) throws IOException;
    }

    private final ViolationReportStore store;
    private final ViolationFilter filter;
    private final Progress progress;

    ReportRows(ViolationReportStore store, ViolationFilter filter, Progress progress) {
        this.store = Objects.requireNonNull(store, "store");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Hands at most {@code limit} rows to {@code sink} in (time, event id) order.
     *
     * @return how many rows it handed on
     * @throws IOException from the sink; an interrupted export stops with {@link InterruptedIOException}
     */
    long forEach(long limit, RowSink sink) throws IOException {
        long done = 0;
        ViolationRow last = null;
        while (done < limit) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the report export was interrupted after " + done + " rows");
            }
            int asked = (int) Math.min(PAGE, limit - done);
            List<ViolationRow> page = store.page(filter, last, asked);
            for (ViolationRow row : page) {
                sink.accept(row);
            }
            done += page.size();
            progress.rowsDone(done);
            if (page.size() < asked) {
                break;
            }
            last = page.getLast();
        }
        return done;
    }
}
