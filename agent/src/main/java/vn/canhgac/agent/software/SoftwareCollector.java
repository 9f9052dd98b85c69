package vn.canhgac.agent.software;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.Collector;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.protocol.policy.SoftwarePolicy;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.SoftwareRules;

/**
 * Software inventory and unapproved-software control in run mode. Every {@link #INTERVAL} it
 * reads the inventory and the running processes ({@link SoftwareScan}), sends the full
 * inventory once ({@code software.inventory}) and then only differences
 * ({@code software.installed}, {@code .removed}, {@code .upgraded}), judges every package and
 * process against the policy in force, and reports each hit once as {@code software.violation},
 * killing the process when the policy says {@code kill} and enforcement is on. The server's
 * RESEND_INVENTORY command sends the full inventory again.
 *
 * <p>Implementation notes: every cycle and resend runs on the runtime's scheduler and the
 * methods are synchronized, so the state below is touched by one thread at a time. The baseline
 * (what the server was sent) is written after the events are in the outbox: a crash in between
 * resends those differences, never loses them. A source that could not be read completely keeps
 * its previous items, so a truncated database is not reported as hundreds of removals. A hit is
 * reported once per package version and rule, and once per process (pid and start time) and
 * rule, for as long as it lasts; a killed process that comes back is a new process and a new hit.
 */
public final class SoftwareCollector implements Collector {

    private static final Logger log = LoggerFactory.getLogger(SoftwareCollector.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration INTERVAL = Duration.ofSeconds(15);

    private final ProcessKiller injectedKiller;
    private final Duration firstDelay;
    private final Duration interval;

    private CollectorContext context;
    private SoftwareScan scan;
    private ProcessKiller killer;
    private InventoryBaseline baseline;
    private Map<String, SoftwareItem> sent;
    private Set<String> reportedPackages = new HashSet<>();
    private Set<String> reportedProcesses = new HashSet<>();
    private Set<ScanProblem> loggedProblems = new HashSet<>();
    private SoftwarePolicy rulesPolicy;
    private IocLists.Loaded rulesIoc;
    private List<FileStamp> iocStamps;
    private SoftwareRules rules;
    private ScanProblem iocListing;
    private ScheduledFuture<?> cycles;
    private volatile boolean closed;

    public SoftwareCollector() {
        this(null, FIRST_DELAY, INTERVAL);
    }

    /** @param killer what ends processes; null to choose at start (the real one only for host root "/") */
    SoftwareCollector(ProcessKiller killer, Duration firstDelay, Duration interval) {
        this.injectedKiller = killer;
        this.firstDelay = firstDelay;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "software";
    }

    @Override
    public synchronized void start(CollectorContext context) {
        this.context = context;
        this.scan = SoftwareScan.of(context.hostRoot());
        this.killer = injectedKiller != null ? injectedKiller
                : context.hostRoot().root().getParent() == null ? new ProcessHandleKiller(context.hostRoot())
                : ProcessKiller.notAttempted("the host root is not /, so its processes are not this machine's");
        this.baseline = new InventoryBaseline(context.stateDirectory().resolve(InventoryBaseline.FILE));
        context.commands().on(ServerCommands.Kind.RESEND_INVENTORY, id -> {
            if (!closed) {
                context.scheduler().execute(() -> contained("resend", () -> resend(id)));
            }
        });
        cycles = context.scheduler().scheduleWithFixedDelay(() -> contained("cycle", this::cycle), firstDelay.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        if (cycles != null) {
            cycles.cancel(false);
        }
    }

    /** Runs one cycle on the scheduler now (tests, and nothing else, need it sooner than the interval). */
    Future<?> cycleNow() {
        return context.scheduler().submit(() -> contained("cycle", this::cycle));
    }

    synchronized void cycle() {
        SoftwareRules current = rules();
        List<SourceInventory> inventory = scan.inventory();
        List<ScanProblem> problems = new ArrayList<>(rulesIoc.problems());
        if (iocListing != null) {
            problems.add(iocListing);
        }
        inventory.forEach(source -> problems.addAll(source.problems()));
        reportChanges(merged(inventory));
        judgePackages(inventory, current);
        ProcessScan processes = scan.processes();
        problems.addAll(processes.problems());
        judgeProcesses(processes, current);
        logProblems(problems);
    }

    synchronized void resend(String commandId) {
        loadBaselineIfNeeded();
        sendFull(merged(scan.inventory()), "resend", commandId);
    }

    private void reportChanges(Map<String, SoftwareItem> current) {
        String firstReason = loadBaselineIfNeeded();
        if (sent == null) {
            // A host root with no package database at all (a container's view, a test's empty root)
            // has nothing to inventory yet; the first inventory is sent once there is something in it.
            if (!current.isEmpty()) {
                sendFull(current, firstReason, null);
            }
            return;
        }
        InventoryDiff diff = InventoryDiff.between(sent, current);
        diff.installed().forEach(item -> record(SoftwareEvents.INSTALLED, EventSeverity.INFO, SoftwareEvents.item(item)));
        diff.removed().forEach(item -> record(SoftwareEvents.REMOVED, EventSeverity.INFO, SoftwareEvents.item(item)));
        diff.upgraded().forEach(change -> record(SoftwareEvents.UPGRADED, EventSeverity.INFO, SoftwareEvents.upgraded(change)));
        if (!current.equals(sent)) {
            remember(current);
        }
    }

    /** Reads the baseline file the first time; the reason for a full send if there is no usable one. */
    private String loadBaselineIfNeeded() {
        if (sent != null) {
            return null;
        }
        InventoryBaseline.Loaded loaded = baseline.load();
        if (loaded.items().isPresent()) {
            sent = loaded.items().get();
            return null;
        }
        if (loaded.problem() != null) {
            log.warn("event=software.baseline_unreadable reason=\"{}\" action=\"sending the full inventory again\"", loaded.problem());
            return "baseline-unreadable";
        }
        return "first-run";
    }

    private void sendFull(Map<String, SoftwareItem> current, String reason, String commandId) {
        List<Map<String, Object>> parts = SoftwareEvents.inventoryParts(current.values(), reason, commandId, context.clock().instant());
        parts.forEach(part -> record(SoftwareEvents.INVENTORY, EventSeverity.INFO, part));
        log.info("event=software.inventory_sent reason={} items={} parts={}", reason, current.size(), parts.size());
        remember(current);
    }

    private void remember(Map<String, SoftwareItem> current) {
        sent = current;
        try {
            baseline.save(current.values());
        } catch (IOException e) {
            log.warn("event=software.baseline_save_failed reason=\"{}\" effect=\"after a restart, recent changes are sent again\"",
                    Errors.rootMessage(e));
        }
    }

    /** This cycle's items; for a source read only in part, what the server already has stands in for what was not read. */
    private Map<String, SoftwareItem> merged(List<SourceInventory> inventory) {
        Map<String, SoftwareItem> current = new LinkedHashMap<>();
        for (SourceInventory source : inventory) {
            if (!source.complete() && sent != null) {
                sent.values().stream().filter(item -> item.source().equals(source.source())).forEach(item -> current.put(item.key(), item));
            }
            source.items().forEach(item -> current.put(item.key(), item));
        }
        return current;
    }

    private void judgePackages(List<SourceInventory> inventory, SoftwareRules current) {
        Set<String> flagged = new HashSet<>();
        for (SourceInventory source : inventory) {
            for (SoftwareItem item : source.items()) {
                SoftwareRules.Decision decision = current.judge(SoftwareSubjects.of(item));
                if (!decision.flagged()) {
                    continue;
                }
                String key = item.key() + "|" + item.version() + "|" + decision.rule();
                flagged.add(key);
                if (!reportedPackages.contains(key)) {
                    record(SoftwareEvents.VIOLATION, SoftwareEvents.severity(decision.basis()), SoftwareEvents.violation(item, decision));
                    log.info("event=software.violation subject=package source={} name=\"{}\" version=\"{}\" rule=\"{}\"", item.source(),
                            item.name(), item.version(), decision.rule());
                }
            }
        }
        reportedPackages = flagged;
    }

    private void judgeProcesses(ProcessScan processes, SoftwareRules current) {
        Set<String> flagged = new HashSet<>();
        for (RunningProgram program : processes.programs()) {
            SoftwareRules.Decision decision = current.judge(SoftwareSubjects.of(program));
            if (!decision.flagged()) {
                continue;
            }
            String key = program.pid() + "|" + program.startTicks() + "|" + decision.rule();
            flagged.add(key);
            if (reportedProcesses.contains(key)) {
                continue;
            }
            String result = "reported";
            if (decision.verdict() == SoftwareRules.Verdict.KILL) {
                result = context.enforcement() == Enforcement.REPORT_ONLY ? "not-attempted: report-only" : killer.kill(program).outcome();
            }
            record(SoftwareEvents.VIOLATION, SoftwareEvents.severity(decision.basis()), SoftwareEvents.violation(program, decision, result));
            log.info("event=software.violation subject=process pid={} name=\"{}\" path=\"{}\" rule=\"{}\" action={} result=\"{}\"",
                    program.pid(), program.name(), program.executable(), decision.rule(), decision.verdict().word(), result);
        }
        reportedProcesses = flagged;
    }

    /** The policy's rules with the IOC lists in the state directory; compiled again when either changes. */
    private SoftwareRules rules() {
        SoftwarePolicy policy = context.policy().get().software();
        List<Path> files = List.of();
        List<FileStamp> stamps = new ArrayList<>();
        Path directory = context.stateDirectory().resolve(IocLists.DIRECTORY);
        try {
            files = IocLists.inDirectory(directory);
            for (Path file : files) {
                stamps.add(FileStamp.of(file));
            }
            iocListing = null;
        } catch (IOException e) {
            iocListing = new ScanProblem("ioc", directory.toString(), "cannot list IOC lists: " + HostFiles.reason(e));
        }
        if (rules == null || !policy.equals(rulesPolicy) || !stamps.equals(iocStamps)) {
            rulesIoc = IocLists.load(files);
            rules = SoftwareRules.compile(policy, BuiltinDenyList.tools(), rulesIoc.hashes());
            rulesPolicy = policy;
            iocStamps = stamps;
            log.info("event=software.rules_loaded mode={} action={} builtin={} deny={} allow={} ioc_hashes={}", policy.mode().word(),
                    policy.action().word(), policy.builtinRemoteControlDenyList(), policy.deny().size(), policy.allow().size(),
                    rulesIoc.hashes().size());
        }
        return rules;
    }

    /** Logs each problem once while it lasts: a machine with an unreadable file must not fill the journal every 15 s. */
    private void logProblems(List<ScanProblem> problems) {
        Set<ScanProblem> now = new HashSet<>(problems);
        for (ScanProblem problem : now) {
            if (!loggedProblems.contains(problem)) {
                log.warn("event=software.scan_problem source={} path=\"{}\" reason=\"{}\"", problem.source(), problem.path(),
                        problem.message());
            }
        }
        loggedProblems = now;
    }

    private void record(String type, EventSeverity severity, Map<String, ?> details) {
        context.events().record(type, severity, details);
    }

    private void contained(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("event=software.task_failed task={} reason=\"{}\"", task, Errors.rootMessage(e));
        }
    }
}
