package vn.canhgac.agent.documents;

/**
 * Keeps a scan to a share of one core: after each document that took {@code busy} nanoseconds,
 * it rests long enough that work is at most {@code dutyCycle} of the time. With the scan thread
 * at the lowest priority, a user at the machine does not feel a first scan of a full home folder.
 */
public final class Throttle {

    /** How the throttle rests; the agent sleeps, tests record. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double dutyCycle;
    private final Sleeper sleeper;

    public Throttle(double dutyCycle, Sleeper sleeper) {
        if (!(dutyCycle > 0 && dutyCycle <= 1)) {
            throw new IllegalArgumentException("duty cycle must be in (0, 1] (got " + dutyCycle + ")");
        }
        this.dutyCycle = dutyCycle;
        this.sleeper = sleeper;
    }

    /** No rest: for an audit an inspector waits for, and for benchmarks. */
    public static Throttle none() {
        return new Throttle(1, nanos -> { });
    }

    /** Sleeps with the thread's own sleep: the agent's scan thread. */
    public static Throttle sleeping(double dutyCycle) {
        return new Throttle(dutyCycle, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** @throws InterruptedException if the scan is being stopped */
    public void pace(long busyNanos) throws InterruptedException {
        if (dutyCycle < 1 && busyNanos > 0) {
            sleeper.sleep((long) (busyNanos * (1 - dutyCycle) / dutyCycle));
        }
    }
}
