package vn.canhgac.agent.usb;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;

/**
 * Wakes the USB monitor when something may have changed, without polling sysfs fast.
 *
 * <p>Two threads. {@code usb-watch} waits on inotify ({@link WatchService}) over the given
 * directories and, for {@code /dev/bus/usb}, over each bus directory under it, where devtmpfs
 * creates and removes a node per device; real sysfs sends no inotify events, fixture directories
 * do. {@code usb-look} runs the looks: after a wake-up, when a follow-up look is asked for, or when
 * the safety poll interval passes without either. Wake-ups that arrive while a look runs are
 * merged into the next one, so a burst of events costs one or two looks.
 *
 * <p>Implementation notes: the look callback runs only on {@code usb-look}; a callback that throws is
 * logged and the loop goes on. {@link #close} stops both threads, letting a look in progress finish
 * (up to {@link #CLOSE_WAIT}). Without inotify (no instance left) only the safety poll runs, and a warning says so.
 */
final class UsbWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsbWatcher.class);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final List<Path> watched;
    private final List<Path> watchedWithSubdirectories;
    private final Duration safetyPoll;
    private final Function<String, List<Duration>> look;
    private final ScheduledExecutorService scheduler;
    private final LinkedBlockingQueue<String> wakeUps = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private WatchService watchService;
    private Thread watchThread;
    private Thread lookThread;

    /**
     * @param watched                   directories whose entries appear and disappear with devices
     * @param watchedWithSubdirectories directories whose subdirectories do (one level: /dev/bus/usb/001)
     * @param look                      runs one look, given its trigger, and says when to look again
     * @param scheduler                 where those later looks are timed (the agent's shared low-priority scheduler)
     */
    UsbWatcher(List<Path> watched, List<Path> watchedWithSubdirectories, Duration safetyPoll, Function<String, List<Duration>> look,
               ScheduledExecutorService scheduler) {
        if (safetyPoll.isNegative() || safetyPoll.isZero()) {
            throw new IllegalArgumentException("safety poll interval must be positive (got " + safetyPoll + ")");
        }
        this.watched = List.copyOf(watched);
        this.watchedWithSubdirectories = List.copyOf(watchedWithSubdirectories);
        this.safetyPoll = safetyPoll;
        this.look = look;
        this.scheduler = scheduler;
    }

    /** Starts both threads; the first look ("startup") runs at once. Returns the directories actually watched (none without inotify). */
    synchronized List<Path> start() {
        List<Path> registered = openWatches();
        wakeUps.add("startup");
        lookThread = Thread.ofPlatform().name("usb-look").daemon().start(this::lookLoop);
        if (watchService != null) {
            watchThread = Thread.ofPlatform().name("usb-watch").daemon().start(this::watchLoop);
        }
        return registered;
    }

    private List<Path> openWatches() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            // e.g. the user's inotify instance limit is reached: the safety poll still finds every device, later.
            log.warn("event=usb.watch_unavailable reason=\"{}\" fallback=\"safety poll every {}\"", Errors.rootMessage(e), safetyPoll);
            return List.of();
        }
        List<Path> registered = new ArrayList<>();
        watched.forEach(directory -> register(directory, registered));
        for (Path directory : watchedWithSubdirectories) {
            if (register(directory, registered)) {
                try (var children = Files.list(directory)) {
                    children.filter(Files::isDirectory).forEach(child -> register(child, registered));
                } catch (IOException e) {
                    log.warn("event=usb.watch_failed path={} reason=\"{}\"", directory, Errors.rootMessage(e));
                }
            }
        }
        return List.copyOf(registered);
    }

    /** Asks for a look soon, from any thread. */
    void wakeUp(String trigger) {
        wakeUps.add(trigger);
    }

    private boolean register(Path directory, List<Path> registered) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try {
            directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            registered.add(directory);
            return true;
        } catch (IOException e) {
            log.warn("event=usb.watch_failed path={} reason=\"{}\"", directory, Errors.rootMessage(e));
            return false;
        }
    }

    private void watchLoop() {
        try {
            while (running) {
                WatchKey key = watchService.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    Path parent = (Path) key.watchable();
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && watchedWithSubdirectories.contains(parent)
                            && event.context() instanceof Path name && Files.isDirectory(parent.resolve(name))) {
                        // A new bus: its device nodes will appear in the new directory.
                        register(parent.resolve(name), new ArrayList<>());
                    }
                }
                key.reset();
                wakeUps.add("hot-plug");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // close() was called: the normal way out.
        }
    }

    private void lookLoop() {
        while (running) {
            String trigger;
            try {
                trigger = wakeUps.poll(safetyPoll.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wakeUps.clear();
            if (!running) {
                return;
            }
            try {
                look.apply(trigger == null ? "safety-poll" : trigger).forEach(this::wakeUpAfter);
            } catch (RuntimeException e) {
                log.error("event=usb.look_failed reason=\"{}\"", Errors.rootMessage(e));
            }
        }
    }

    private void wakeUpAfter(Duration delay) {
        try {
            scheduler.schedule(() -> wakeUp("follow-up"), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("event=usb.follow_up_skipped reason=\"scheduler stopped\"");
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                log.warn("event=usb.watch_close_failed reason=\"{}\"", Errors.rootMessage(e));
            }
        }
        if (lookThread != null) {
            // Woken, not interrupted: an interrupt in file I/O can close an interruptible channel mid-read, and the
            // devices the look could not read would be reported as unplugged. The look in progress finishes first.
            wakeUps.add("stop");
            awaitEnd(lookThread);
        }
        if (watchThread != null) {
            watchThread.interrupt();
            awaitEnd(watchThread);
        }
    }

    private static void awaitEnd(Thread thread) {
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("event=usb.thread_not_stopped thread={} waited={}", thread.getName(), CLOSE_WAIT);
            thread.interrupt();
        }
    }
}
