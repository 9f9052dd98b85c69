package vn.canhgac.agent.documents;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.Collector;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.protocol.policy.DocumentsPolicy;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.Errors;

/**
 * Run mode of the document rule: scans the policy's document roots in the background (first a
 * minute after start, then every hour, incrementally), and judges every marked document again
 * whenever the connectivity verdict changes, without reading any file. Events:
 * <ul>
 *   <li>{@code document.violation} (HIGH; CRITICAL for TUYỆT MẬT): a marked document on an
 *       Internet-reachable machine or an internet-workstation, with size, SHA-256, level, location
 *       and the connectivity signals; once per document version and connectivity episode;
 *   <li>{@code document.marked} (INFO): a marked document first seen, or changed, where it is allowed;
 *   <li>{@code document.unreadable} (LOW): a document that could not be read (corrupt, hostile, too large);
 *   <li>{@code document.scan_completed} (INFO): the counts of a pass.
 * </ul>
 * Events carry an opaque reference instead of the path unless {@code documents.revealPaths} is
 * true; the {@link EvidenceStore} keeps the path. The rule only reports: the agent never opens a
 * document for writing, moves it or uploads it, so enforcement mode changes nothing here.
 *
 * <p>Implementation notes: all scanning and judging runs on one thread of this collector's own
 * ("documents-scan", lowest priority), so the index, the evidence store and the reader are
 * confined to it; the shared scheduler only queues work there, and a pass still running when the
 * next is due is not queued twice.
 */
public final class DocumentCollector implements Collector {

    /** When to scan; the agent uses {@link #DEFAULT}, tests shorten it. */
    public record Settings(Duration firstScan, Duration rescan, Duration connectivityCheck, double dutyCycle) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(30), 0.25);
    }

    static final String INDEX_FILE = "documents-index.db";
    public static final String EVIDENCE_FILE = "evidence.db";
    private static final int MAX_SIGNALS = 32;
    private static final Logger log = LoggerFactory.getLogger(DocumentCollector.class);

    private final Settings settings;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private CollectorContext context;
    private ExecutorService scanThread;
    private SqliteScanIndex index;
    private EvidenceStore evidence;
    private DocumentReader reader;
    private DocumentScanner scanner;
    private ScheduledFuture<?> passes;
    private ScheduledFuture<?> checks;
    private ConnectivityBoard.Verdict lastVerdict;

    public DocumentCollector() {
        this(Settings.DEFAULT);
    }

    public DocumentCollector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "documents";
    }

    @Override
    public void start(CollectorContext context) {
        this.context = context;
        index = SqliteScanIndex.open(context.stateDirectory().resolve(INDEX_FILE));
        evidence = EvidenceStore.open(context.stateDirectory().resolve(EVIDENCE_FILE), context.clock());
        reader = new DocumentReader(System::nanoTime);
        scanner = new DocumentScanner(context.hostRoot(), index, reader, Throttle.sleeping(settings.dutyCycle()), System::nanoTime);
        scanThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("documents-scan").daemon()
                .priority(Thread.MIN_PRIORITY).factory());
        passes = context.scheduler().scheduleWithFixedDelay(this::queuePass, settings.firstScan().toMillis(),
                settings.rescan().toMillis(), TimeUnit.MILLISECONDS);
        checks = context.scheduler().scheduleWithFixedDelay(() -> scanThread.execute(contained("recheck", this::recheck)),
                settings.connectivityCheck().toMillis(), settings.connectivityCheck().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a pass now (the server's "resend inventory" and tests use this); returns at once. */
    public void scanSoon() {
        queuePass();
    }

    private void queuePass() {
        if (passQueued.compareAndSet(false, true)) {
            scanThread.execute(contained("pass", () -> {
                passQueued.set(false);
                pass();
            }));
        }
    }

    private void pass() {
        Policy policy = context.policy().get();
        DocumentsPolicy documents = policy.documents();
        if (!documents.scan()) {
            return;
        }
        ConnectivityBoard.Snapshot connectivity = context.connectivity().current();
        lastVerdict = connectivity.verdict();
        DocumentScanner.Summary summary = scanner.scan(documents.roots(), false, ScanLimits.forMaxFileSizeMb(documents.maxFileSizeMb()),
                document -> judge(document, connectivity, documents.revealPaths()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("files", summary.files());
        details.put("bytes", summary.bytes());
        details.put("read", summary.read());
        details.put("unchanged", summary.fromIndex());
        details.put("marked", summary.marked());
        details.put("unreadable", summary.unreadable());
        details.put("durationMs", TimeUnit.NANOSECONDS.toMillis(summary.nanos()));
        details.put("complete", summary.stoppedBecause() == null);
        if (summary.stoppedBecause() != null) {
            details.put("stoppedBecause", summary.stoppedBecause());
        }
        context.events().record("document.scan_completed", EventSeverity.INFO, details);
        log.info("event=documents.scan_completed files={} read={} unchanged={} marked={} unreadable={} duration_ms={} complete={}",
                summary.files(), summary.read(), summary.fromIndex(), summary.marked(), summary.unreadable(),
                TimeUnit.NANOSECONDS.toMillis(summary.nanos()), summary.stoppedBecause() == null);
    }

    /** Judges the known marked documents again if the verdict changed: going online makes them violations at once. */
    private void recheck() {
        ConnectivityBoard.Snapshot connectivity = context.connectivity().current();
        if (lastVerdict == null || connectivity.verdict() == lastVerdict) {
            return;
        }
        lastVerdict = connectivity.verdict();
        boolean reveal = context.policy().get().documents().revealPaths();
        List<ScannedDocument> marked = index.marked();
        marked.forEach(document -> judge(document, connectivity, reveal));
    }

    private void judge(ScannedDocument document, ConnectivityBoard.Snapshot connectivity, boolean revealPaths) {
        String reference = evidence.reference(document.hostPath());
        String previous = evidence.lastReported(reference).orElse("");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ref", reference);
        if (revealPaths) {
            details.put("path", document.hostPath());
        }
        details.put("role", context.role());
        switch (document.outcome()) {
            case ReadOutcome.Marked marked -> {
                boolean violation = DocumentRule.isViolation(marked, context.role(), connectivity);
                String state = (violation ? "violation:" : "marked:") + document.sha256();
                details.put("level", marked.level().name());
                details.put("declassified", marked.declassified());
                details.put("size", document.size());
                details.put("sha256", document.sha256());
                details.put("location", marked.location());
                if (violation && !state.equals(previous)) {
                    details.put("reason", DocumentRule.reason(context.role(), connectivity));
                    details.put("connectivity", connectivity(connectivity));
                    context.events().record("document.violation", DocumentRule.severity(marked.level()), details);
                    log.warn("event=documents.violation ref={} level={}", reference, marked.level());
                } else if (!violation && !previous.endsWith(":" + document.sha256())) {
                    context.events().record("document.marked", EventSeverity.INFO, details);
                }
                evidence.reported(reference, state);
            }
            case ReadOutcome.Unreadable unreadable -> {
                String state = "unreadable:" + unreadable.message();
                if (!state.equals(previous)) {
                    details.put("reason", unreadable.message());
                    context.events().record("document.unreadable", EventSeverity.LOW, details);
                    evidence.reported(reference, state);
                }
            }
            case ReadOutcome.Clean clean -> { }
        }
    }

    private static Map<String, Object> connectivity(ConnectivityBoard.Snapshot snapshot) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verdict", snapshot.verdict().name().toLowerCase(Locale.ROOT));
        details.put("signals", snapshot.signals().stream().limit(MAX_SIGNALS).toList());
        details.put("at", snapshot.at().toString());
        return details;
    }

    private static Runnable contained(String task, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("event=documents.task_failed task={} reason=\"{}\"", task, Errors.rootMessage(e));
            }
        };
    }

    @Override
    public void close() {
        if (passes != null) {
            passes.cancel(false);
            checks.cancel(false);
        }
        if (scanThread != null) {
            scanThread.shutdownNow();
            try {
                scanThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reader != null) {
            reader.close();
        }
        if (index != null) {
            index.close();
        }
        if (evidence != null) {
            evidence.close();
        }
    }
}
