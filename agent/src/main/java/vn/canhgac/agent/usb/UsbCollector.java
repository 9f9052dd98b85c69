package vn.canhgac.agent.usb;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.collect.Collector;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.host.HostRoot;

/**
 * The USB collector in run mode: a {@link UsbMonitor} woken by a {@link UsbWatcher}. Every device
 * present at start-up, and every one plugged in later, is judged, acted on and recorded.
 */
public final class UsbCollector implements Collector {

    private static final Logger log = LoggerFactory.getLogger(UsbCollector.class);

    private final Function<HostRoot, UsbPlatform> platforms;
    private UsbWatcher watcher;

    /** Detects the platform from the host root: what the agent runs. */
    public UsbCollector() {
        this(UsbPlatform::detect);
    }

    /** With a chosen platform: tests and benchmarks pass a fixture's, or one with another safety poll. */
    public UsbCollector(Function<HostRoot, UsbPlatform> platforms) {
        this.platforms = platforms;
    }

    @Override
    public String name() {
        return "usb";
    }

    @Override
    public synchronized void start(CollectorContext context) {
        UsbPlatform platform = platforms.apply(context.hostRoot());
        platform.enforcer().unavailable().ifPresent(reason -> log.warn("event=usb.enforcement_unavailable reason=\"{}\"", reason));
        UsbMonitor monitor = new UsbMonitor(platform.source(), platform.enforcer(), context.policy(), context.events(),
                context.enforcement());
        HostRoot root = context.hostRoot();
        watcher = new UsbWatcher(resolve(root, platform.watched()), resolve(root, platform.watchedWithSubdirectories()),
                platform.safetyPoll(), monitor::look, context.scheduler());
        List<Path> watching = watcher.start();
        log.info("event=usb.watching source=\"{}\" inotify={} safety_poll={} enforcement={}", platform.source().describe(),
                watching.stream().map(root::hostPath).toList(), platform.safetyPoll(), context.enforcement().word());
    }

    private static List<Path> resolve(HostRoot root, List<String> hostPaths) {
        return hostPaths.stream().map(root::resolve).toList();
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
