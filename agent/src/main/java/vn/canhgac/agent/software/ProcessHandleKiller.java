package vn.canhgac.agent.software;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import vn.canhgac.agent.host.HostRoot;

/**
 * Kills through {@link ProcessHandle}: SIGTERM, then SIGKILL if the process is still there after
 * {@link #GRACE}. Used only when the host root is this machine's "/" and enforcement is on.
 *
 * <p>Before signalling, the process's start time is read again from {@code /proc/PID/stat} and
 * compared with the scan's: a pid that was reused by another process since the scan is left
 * alone. (A reuse between that check and the signal, a few microseconds, remains possible; the
 * kernel offers pidfds to close that gap, the JDK does not.) Pid 1 and the agent itself are
 * never signalled.
 */
final class ProcessHandleKiller implements ProcessKiller {

    static final Duration GRACE = Duration.ofSeconds(2);

    private final HostRoot host;

    ProcessHandleKiller(HostRoot host) {
        this.host = host;
    }

    @Override
    public KillResult kill(RunningProgram program) {
        long pid = program.pid();
        if (pid <= 1 || pid == ProcessHandle.current().pid()) {
            return new KillResult(false, "not-attempted: pid " + pid + " is init or the agent itself");
        }
        OptionalLong started = ProcessScanner.startTicks(host, pid);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (started.isEmpty() || started.getAsLong() != program.startTicks() || handle.isEmpty()) {
            return new KillResult(true, "exited-before-kill");
        }
        if (!handle.get().destroy()) {
            return new KillResult(false, "failed: the operating system refused to signal pid " + pid);
        }
        if (exited(handle.get())) {
            return new KillResult(true, "killed");
        }
        handle.get().destroyForcibly();
        if (exited(handle.get())) {
            return new KillResult(true, "killed");
        }
        return new KillResult(false, "failed: pid " + pid + " still runs after SIGTERM and SIGKILL");
    }

    private static boolean exited(ProcessHandle handle) {
        try {
            handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
