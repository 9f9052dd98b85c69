package vn.canhgac.agent.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;

/**
 * Tells the connectivity collector, as soon as it happens, that an interface, address or route
 * may have changed. Two ways, by where the agent looks:
 * <ul>
 *   <li>on the real machine, {@code ip monitor link address route}: the kernel's netlink notifications, through
 *       iproute2 (sysfs and procfs emit no inotify events, and the JDK has no netlink);</li>
 *   <li>on a fixture host root, a {@link WatchService} on {@code sys/class/net} (and each interface directory in it) and
 *       {@code proc/net}.</li>
 * </ul>
 * Either is only a shortcut: the collector also polls, so a watcher that cannot start or dies
 * is logged and the collector carries on with the poll.
 */
final class ChangeWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final int MAX_WATCHED_DIRECTORIES = 256;

    private final AutoCloseable resource;

    private ChangeWatcher(AutoCloseable resource) {
        this.resource = resource;
    }

    /** Runs {@code prefix + ip monitor link address route} and calls {@code onChange} whenever it prints. */
    static ChangeWatcher netlink(List<String> prefix, Runnable onChange) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("ip", "monitor", "link", "address", "route"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread.ofPlatform().name("connectivity-netlink").daemon().start(() -> {
            // Only the fact that something was printed matters; the content is not parsed (the next reading is the truth).
            byte[] buffer = new byte[4096];
            try (InputStream output = process.getInputStream()) {
                while (output.read(buffer) >= 0) {
                    onChange.run();
                }
            } catch (IOException e) {
                log.debug("event=network.monitor_closed reason=\"{}\"", Errors.rootMessage(e));
            }
            if (process.isAlive()) {
                return;
            }
            log.warn("event=network.monitor_stopped command=\"{}\" exit={} fallback=poll", String.join(" ", command), process.exitValue());
        });
        return new ChangeWatcher(() -> {
            process.destroy();
            process.getInputStream().close();
        });
    }

    /** Watches fixture directories under the host root; {@code onChange} runs for every batch of file events. */
    static ChangeWatcher files(Path classNet, Path procNet, Runnable onChange) throws IOException {
        WatchService watch = FileSystems.getDefault().newWatchService();
        try {
            register(watch, procNet);
            register(watch, classNet);
            if (Files.isDirectory(classNet)) {
                try (DirectoryStream<Path> interfaces = Files.newDirectoryStream(classNet, Files::isDirectory)) {
                    int count = 0;
                    for (Path network : interfaces) {
                        if (++count > MAX_WATCHED_DIRECTORIES) {
                            break;
                        }
                        register(watch, network);
                    }
                }
            }
        } catch (IOException e) {
            watch.close();
            throw e;
        }
        Thread.ofPlatform().name("connectivity-watch").daemon().start(() -> {
            try {
                while (true) {
                    WatchKey key = watch.take();
                    key.pollEvents().forEach(event -> {
                        if (event.context() instanceof Path name && key.watchable() instanceof Path directory
                                && directory.equals(classNet) && Files.isDirectory(classNet.resolve(name))) {
                            registerQuietly(watch, classNet.resolve(name));
                        }
                    });
                    key.reset();
                    onChange.run();
                }
            } catch (ClosedWatchServiceException e) {
                log.debug("event=network.watch_closed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new ChangeWatcher(watch);
    }

    private static void register(WatchService watch, Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        }
    }

    private static void registerQuietly(WatchService watch, Path directory) {
        try {
            register(watch, directory);
        } catch (IOException e) {
            log.debug("event=network.watch_register_failed directory={} reason=\"{}\"", directory, Errors.rootMessage(e));
        }
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            log.debug("event=network.watch_close_failed reason=\"{}\"", Errors.rootMessage(e));
        }
    }
}
