package vn.canhgac.server.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.tls.KeyFiles;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.Access;
import vn.canhgac.server.auth.Principal;
import vn.canhgac.server.units.UnitTree;
import vn.canhgac.server.units.UnitService;

/**
 * Report exports as jobs: a request is checked (parameters, then every unit against the caller's
 * units), queued, generated on the {@code report-worker} thread with its progress counted, and
 * its file and signed manifest kept in the data directory's {@code reports/} (owner-only) for
 * the retention time. A finished export is audited as {@code report.exported}.
 *
 * <p>Implementation notes. One worker runs one export at a time: an export reads the whole
 * period and the server shares two cores with the agent channel, so a second export waits
 * rather than halving the first's speed. Jobs live in memory; the files of a previous run are
 * deleted at start, since no job names them any more. Only the account that asked for a report
 * sees it: anyone else gets the answer for a report that does not exist.
 */
public final class ReportService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** Unfinished reports one account may have; more would only wait behind them. */
    static final int MAX_WAITING_PER_ACCOUNT = 2;
    private static final long CLEANUP_MINUTES = 10;

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** A job as its owner sees it; {@code rowsTotal} is -1 until the violations are counted. */
    public record JobView(String id, State state, ReportQuery query, Instant createdAt, long rowsDone, long rowsTotal,
                          Optional<String> error, Optional<ReportManifest> manifest) {}

    /** A finished report's file or manifest, to be sent as it is. */
    public record Download(Path path, String fileName, String mediaType) {}

    private final ReportGenerator generator;
    private final UnitService units;
    private final Access access;
    private final AuditLog audit;
    private final Path directory;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker;

    public ReportService(ReportGenerator generator, UnitService units, Access access, AuditLog audit, Path directory, Clock clock,
                         Duration retention) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.units = Objects.requireNonNull(units, "units");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("report retention must be positive (got " + retention + ")");
        }
        this.retention = retention;
        KeyFiles.createPrivateDirectory(directory);
        deleteLeftovers();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("report-worker").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        this.worker = executor;
        worker.scheduleWithFixedDelay(this::deleteExpired, CLEANUP_MINUTES, CLEANUP_MINUTES, TimeUnit.MINUTES);
    }

    /**
     * Checks and queues a report.
     *
     * @throws ReportRefused INVALID for a unit that does not exist (asked by an admin), BUSY when the account has reports waiting
     * @throws vn.canhgac.server.auth.AccessDenied FORBIDDEN, audited, for a unit outside the caller's units
     */
    public JobView create(Principal principal, ReportQuery query) {
        UnitTree tree = units.tree();
        for (String unit : query.units()) {
            if (principal.isAdmin() && !tree.contains(unit)) {
                throw new ReportRefused(ReportRefused.Kind.INVALID, UnitService.notFound(unit));
            }
            access.requireWithin(principal, unit, "export violation reports");
        }
        long waiting = jobs.values().stream().filter(job -> job.owner.equals(principal.username()) && !job.finished()).count();
        if (waiting >= MAX_WAITING_PER_ACCOUNT) {
            throw new ReportRefused(ReportRefused.Kind.BUSY, "you have " + waiting + " reports being made already; wait for one to"
                    + " finish (canhgacctl report status ID), then ask again");
        }
        Set<String> scope = tree.subtrees(query.units());
        Job job = new Job(UUID.randomUUID().toString(), principal.username(), query, clock.instant());
        jobs.put(job.id, job);
        worker.execute(() -> run(job, scope));
        log.info("event=report.queued id={} account={} format={} units={} from={} to={}", job.id, job.owner, query.format().wire(),
                query.units().size(), query.from(), query.to());
        return job.view();
    }

    public JobView status(Principal principal, String id) {
        return job(principal, id).view();
    }

    public Download file(Principal principal, String id) {
        Job job = finished(principal, id);
        return new Download(reportFile(job), job.manifest.reportFile(), job.query.format().mediaType());
    }

    public Download manifest(Principal principal, String id) {
        Job job = finished(principal, id);
        return new Download(manifestFile(job), job.manifest.reportFile() + ReportManifests.FILE_SUFFIX, "application/json; charset=utf-8");
    }

    /** Stops the worker; an export in progress is interrupted and its files are deleted. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("event=report.worker_stop_timeout seconds=30");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Job job, Set<String> scope) {
        job.state = State.RUNNING;
        long started = System.nanoTime();
        try {
            ReportManifest manifest = generator.generate(job.query, scope, job.owner, clock.instant(), fileName(job), reportFile(job),
                    manifestFile(job), total -> job.rowsTotal = total, job.rowsDone::set);
            // Audited before it can be downloaded: there is no export without its audit entry.
            audit.record(job.owner, "report.exported", "report:" + job.id, details(job.query, manifest));
            job.manifest = manifest;
            job.finishedAt = clock.instant();
            job.state = State.DONE;
            log.info("event=report.exported id={} account={} format={} rows={} bytes={} ms={}", job.id, job.owner, manifest.format(),
                    manifest.rowCount(), manifest.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            job.error = "the report could not be made: " + Errors.rootMessage(e) + "; the server's log has the details (event=report.failed)";
            job.finishedAt = clock.instant();
            job.state = State.FAILED;
            log.error("event=report.failed id={} account={} error=\"{}\"", job.id, job.owner, Errors.rootMessage(e), e);
            deleteFiles(job);
        }
    }

    private static Map<String, Object> details(ReportQuery query, ReportManifest manifest) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", manifest.format());
        details.put("units", String.join(", ", query.units()));
        details.put("from", query.from().toString());
        details.put("to", query.to().toString());
        details.put("rows", manifest.rowCount());
        details.put("sha256", manifest.sha256());
        return details;
    }

    private static String fileName(Job job) {
        String stem = job.query.language() == ReportLanguage.VI ? "bao-cao-vi-pham" : "violation-report";
        return stem + "-" + job.query.from() + "-" + job.query.to() + "-" + job.id.substring(0, 8) + job.query.format().extension();
    }

    private Job job(Principal principal, String id) {
        Job job = jobs.get(id);
        if (job == null || !job.owner.equals(principal.username())) {
            throw new ReportRefused(ReportRefused.Kind.NOT_FOUND, "there is no report " + id + " of yours; reports are kept for "
                    + retention.toHours() + " hours and only their author sees them");
        }
        return job;
    }

    private Job finished(Principal principal, String id) {
        Job job = job(principal, id);
        return switch (job.state) {
            case DONE -> job;
            case FAILED -> throw new ReportRefused(ReportRefused.Kind.NOT_READY, job.error);
            case QUEUED, RUNNING -> throw new ReportRefused(ReportRefused.Kind.NOT_READY, "report " + id + " is not finished ("
                    + job.rowsDone.get() + " rows written); ask for its status until it is done");
        };
    }

    private void deleteExpired() {
        Instant cutoff = clock.instant().minus(retention);
        for (Job job : List.copyOf(jobs.values())) {
            if (job.finished() && job.finishedAt.isBefore(cutoff)) {
                jobs.remove(job.id);
                deleteFiles(job);
                log.info("event=report.expired id={}", job.id);
            }
        }
    }

    private Path reportFile(Job job) {
        return directory.resolve(job.id + job.query.format().extension());
    }

    private Path manifestFile(Job job) {
        return directory.resolve(job.id + ReportManifests.FILE_SUFFIX);
    }

    private void deleteFiles(Job job) {
        deleteQuietly(reportFile(job));
        deleteQuietly(manifestFile(job));
    }

    private void deleteLeftovers() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                deleteQuietly(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the report directory " + directory + "; check that the server's user owns it", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("event=report.delete_failed file={} error=\"{}\"", file, e.getMessage());
        }
    }

    /** One export; fields the worker writes are volatile, read by API threads. */
    private static final class Job {
        final String id;
        final String owner;
        final ReportQuery query;
        final Instant createdAt;
        final AtomicLong rowsDone = new AtomicLong();
        volatile State state = State.QUEUED;
        volatile long rowsTotal = -1;
        volatile ReportManifest manifest;
        volatile String error;
        volatile Instant finishedAt;

        Job(String id, String owner, ReportQuery query, Instant createdAt) {
            this.id = id;
            this.owner = owner;
            this.query = query;
            this.createdAt = createdAt;
        }

        boolean finished() {
            return state == State.DONE || state == State.FAILED;
        }

        JobView view() {
            return new JobView(id, state, query, createdAt, rowsDone.get(), rowsTotal, Optional.ofNullable(error), Optional.ofNullable(manifest));
        }
    }
}
