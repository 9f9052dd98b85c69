package vn.canhgac.loadgen;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs die with the benchmark: a server or agent left behind by an interrupted run would
 * hold its ports and skew the next run's figures.
 */
final class ChildProcesses {

    private ChildProcesses() {}

    /** Registers a shutdown hook that kills {@code process}; pass the hook to {@link #release} once the child has been stopped. */
    static Thread destroyOnExit(Process process) {
        Thread hook = Thread.ofPlatform().name("stop-child-" + process.pid()).unstarted(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * SIGTERM, so the child can finish what it has queued and close its files; SIGKILL if it is
     * still running after {@code limit}. Then releases the child's exit hook.
     */
    static void stop(Process process, Duration limit, Thread hook) {
        process.destroy();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        release(hook);
    }

    static void release(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or about to, which is what we wanted anyway.
        }
    }
}
