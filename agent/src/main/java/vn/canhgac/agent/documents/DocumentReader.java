package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one document for stamps within the limits. Extraction runs on a worker thread at the
 * lowest priority: every extractor checks its {@link Deadline} as it reads, and if one still
 * has not returned a little after its limit (a library stuck in a loop that reads nothing), the
 * worker is interrupted and abandoned and a fresh one takes over. Abandoned workers that are
 * still alive are counted; past {@link #MAX_STUCK_WORKERS} the reader reports itself unhealthy
 * and the scan stops rather than pile up threads.
 *
 * <p>A mark found before a failure stands (a marked body followed by a corrupt footer is still
 * marked); a failure with no mark found is {@link ReadOutcome.Unreadable}. Messages never carry
 * the document's text or name. Not thread-safe: one scan uses one reader.
 */
public final class DocumentReader implements AutoCloseable {

    static final int MAX_STUCK_WORKERS = 2;
    /** Time past the deadline a cooperative extractor gets to notice it before its worker is abandoned. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final Logger log = LoggerFactory.getLogger(DocumentReader.class);

    private final LongSupplier nanoTime;
    private final List<Thread> abandoned = new ArrayList<>();
    private ExecutorService worker;
    private Thread workerThread;

    public DocumentReader(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether extractions can go on: false once too many abandoned workers are still running. */
    public boolean healthy() {
        abandoned.removeIf(thread -> !thread.isAlive());
        return abandoned.size() < MAX_STUCK_WORKERS;
    }

    /**
     * @param file     the file to read (a path under the host root)
     * @param fileName its name, for the format the extension suggests
     */
    public ReadOutcome read(Path file, String fileName, ScanLimits limits) {
        MarkTally tally = new MarkTally();
        Future<?> extraction = worker().submit(() -> {
            Deadline deadline = new Deadline(limits.timePerFile(), nanoTime);
            DocumentFormat format = DocumentFormat.detect(file, fileName);
            format.extractor().extract(file, limits, deadline, tally);
            return null;
        });
        try {
            extraction.get(limits.timePerFile().toNanos() + GRACE_NANOS, TimeUnit.NANOSECONDS);
            return outcome(tally, null);
        } catch (TimeoutException e) {
            abandonWorker(extraction);
            return outcome(tally, "took longer than the limit of " + limits.timePerFile().toMillis()
                    + " ms per file and did not stop: abandoned");
        } catch (InterruptedException e) {
            extraction.cancel(true);
            Thread.currentThread().interrupt();
            return outcome(tally, "scan interrupted (agent stopping)");
        } catch (ExecutionException e) {
            return outcome(tally, failure(e.getCause(), file));
        }
    }

    private static ReadOutcome outcome(MarkTally tally, String failure) {
        if (tally.level() != null) {
            return new ReadOutcome.Marked(tally.level(), tally.isDeclassified(), tally.location());
        }
        return failure == null ? new ReadOutcome.Clean() : new ReadOutcome.Unreadable(failure);
    }

    private static String failure(Throwable error, Path file) {
        if (error instanceof DocumentException) {
            return error.getMessage();
        }
        if (error instanceof IOException io) {
            return "cannot read: " + describe(io, file);
        }
        if (error instanceof UncheckedIOException io) {
            return "cannot read: " + describe(io.getCause(), file);
        }
        if (error instanceof OutOfMemoryError) {
            return "needed more memory than the agent has to read it: not read";
        }
        // A library's own exception on a malformed file (POI's RecordFormatException, PDFBox's …).
        return "corrupt or unsupported content: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + redact(error.getMessage(), file));
    }

    /**
     * An I/O failure in words, without the file's path: the JDK puts the path in the message of
     * {@link FileSystemException}s, and a path may itself be secret.
     */
    static String describe(IOException error, Path file) {
        if (error instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (the agent runs without the right to read it)";
        }
        if (error instanceof java.nio.file.NoSuchFileException) {
            return "the file disappeared while it was being read";
        }
        if (error instanceof FileSystemException fs) {
            return error.getClass().getSimpleName() + (fs.getReason() == null ? "" : ": " + fs.getReason());
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + redact(error.getMessage(), file));
    }

    private static String redact(String message, Path file) {
        String redacted = message.replace(file.toString(), "<file>");
        Path name = file.getFileName();
        return name == null ? redacted : redacted.replace(name.toString(), "<file>");
    }

    private ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(runnable -> {
                workerThread = Thread.ofPlatform().name("documents-extract").daemon().priority(Thread.MIN_PRIORITY).unstarted(runnable);
                return workerThread;
            });
        }
        return worker;
    }

    private void abandonWorker(Future<?> extraction) {
        extraction.cancel(true);
        worker.shutdownNow();
        if (workerThread != null && workerThread.isAlive()) {
            abandoned.add(workerThread);
            log.warn("event=documents.extraction_abandoned stuck_workers={}", abandoned.size());
        }
        worker = null;
        workerThread = null;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }
}
