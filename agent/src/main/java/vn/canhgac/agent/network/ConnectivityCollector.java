package vn.canhgac.agent.network;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.collect.Collector;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.Errors;

/**
 * The connectivity monitor (issue 5, secret drafting): keeps the machine's connectivity verdict
 * current on the {@code ConnectivityBoard}, records its changes, reports violations for a secret
 * workstation and, under {@code isolate}, brings offending interfaces down.
 *
 * <p>When it looks: at start; on every change the {@link ChangeWatcher} sees (netlink on the real
 * machine, file events on a fixture); every {@value #CHEAP_SECONDS} s a cheap reading of sysfs and
 * procfs that triggers a full evaluation only when something changed; and a full evaluation,
 * probes included, every {@value #FULL_SECONDS} s whatever happens.
 *
 * <p>Implementation notes: the shared scheduler only requests evaluations; they run on this
 * collector's own low-priority thread, because probes can take their whole timeout and must not
 * hold up other collectors. Requests coalesce: while one evaluation is waiting, further requests
 * only raise it from cheap to full, so a burst of netlink messages costs one evaluation.
 */
public final class ConnectivityCollector implements Collector {

    private static final Logger log = LoggerFactory.getLogger(ConnectivityCollector.class);
    static final long CHEAP_SECONDS = 10;
    static final long FULL_SECONDS = 60;
    private static final int NONE = 0;
    private static final int CHEAP = 1;
    private static final int FULL = 2;

    private final Prober prober;
    private final Optional<LinkController> links;
    private final Duration cheapEvery;
    private final Duration fullEvery;
    private final AtomicInteger requested = new AtomicInteger(NONE);
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private ExecutorService worker;
    private ConnectivityMonitor monitor;
    private Optional<ChangeWatcher> watcher = Optional.empty();

    /** The agent's collector: the JDK's trust store for HTTPS probes, {@code ip link} for isolation on the real machine. */
    public ConnectivityCollector() {
        this(Prober.withDefaultTrust(), Optional.empty(), Duration.ofSeconds(CHEAP_SECONDS), Duration.ofSeconds(FULL_SECONDS));
    }

    /** @param links how interfaces are brought down; empty chooses by host root ({@code ip link} on "/", nothing on a fixture) */
    ConnectivityCollector(Prober prober, Optional<LinkController> links, Duration cheapEvery, Duration fullEvery) {
        this.prober = prober;
        this.links = links;
        this.cheapEvery = cheapEvery;
        this.fullEvery = fullEvery;
    }

    @Override
    public String name() {
        return "connectivity";
    }

    @Override
    public void start(CollectorContext context) {
        if (!Roles.ALL.contains(context.role())) {
            log.warn("event=network.unknown_role role=\"{}\" known={} judged_as=\"not a secret workstation\"", context.role(), Roles.ALL);
        }
        boolean thisMachine = context.hostRoot().root().equals(Path.of("/"));
        LinkController controller = links.orElseGet(() -> thisMachine
                ? IpLinkCommand.onThisHost() : LinkController.notThisHost(context.hostRoot().root().toString()));
        ConnectivityCheck check = new ConnectivityCheck(new NetworkStateReader(context.hostRoot()), prober,
                ManagementServer.enrolledIn(Optional.of(context.stateDirectory())));
        monitor = new ConnectivityMonitor(check, ConnectivityHistory.in(context.stateDirectory()),
                new Isolation(controller, context.enforcement()), context);
        worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("connectivity").daemon().priority(Thread.MIN_PRIORITY).factory());
        request(FULL);
        ticks.add(context.scheduler().scheduleWithFixedDelay(() -> request(CHEAP), cheapEvery.toMillis(), cheapEvery.toMillis(),
                TimeUnit.MILLISECONDS));
        ticks.add(context.scheduler().scheduleWithFixedDelay(() -> request(FULL), fullEvery.toMillis(), fullEvery.toMillis(),
                TimeUnit.MILLISECONDS));
        watcher = startWatcher(context, thisMachine);
        log.info("event=network.monitoring role={} host_root={} watch={} poll_seconds={} full_seconds={} probes={} action={} enforcement={}",
                context.role(), context.hostRoot().root(), thisMachine ? "netlink" : "files", cheapEvery.toSeconds(), fullEvery.toSeconds(),
                context.policy().get().secretDrafting().probes().size(), context.policy().get().secretDrafting().internetAction().word(),
                context.enforcement().word());
    }

    private Optional<ChangeWatcher> startWatcher(CollectorContext context, boolean thisMachine) {
        try {
            if (thisMachine) {
                return Optional.of(ChangeWatcher.netlink(List.of(), () -> request(CHEAP)));
            }
            Path root = context.hostRoot().root();
            return Optional.of(ChangeWatcher.files(root.resolve("sys/class/net"), root.resolve("proc/net"), () -> request(CHEAP)));
        } catch (IOException | RuntimeException e) {
            log.warn("event=network.watch_unavailable reason=\"{}\" fallback=\"poll every {} s\"", Errors.rootMessage(e),
                    cheapEvery.toSeconds());
            return Optional.empty();
        }
    }

    /** Asks for an evaluation of at least {@code level}; at most one waits at a time. */
    private void request(int level) {
        if (requested.getAndAccumulate(level, Math::max) != NONE) {
            return;
        }
        try {
            worker.execute(this::evaluate);
        } catch (RejectedExecutionException e) {
            log.debug("event=network.evaluation_skipped reason=stopped");
        }
    }

    private void evaluate() {
        int level = requested.getAndSet(NONE);
        try {
            if (monitor.evaluate(level == FULL)) {
                request(CHEAP);
            }
        } catch (RuntimeException e) {
            log.error("event=network.evaluation_failed reason=\"{}\"", Errors.rootMessage(e));
        }
    }

    @Override
    public void close() {
        ticks.forEach(tick -> tick.cancel(false));
        watcher.ifPresent(ChangeWatcher::close);
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
