package vn.canhgac.agent.channel;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: exponential growth with "full jitter", so that a
 * thousand agents cut off by the same outage do not all knock on the server at the same
 * instant when it comes back.
 *
 * <p>Attempt {@code n} (counting from 0 after construction or {@link #reset()}) waits a
 * uniformly random time in {@code [initial/2, min(max, initial * 2^n)]}. Pure full jitter
 * would start at zero; the floor of half the initial delay keeps a dead server from being
 * hammered in a tight loop when the random draw is small.
 *
 * <p>Implementation notes: the random source is injected so tests are deterministic; no
 * clock is read and nothing sleeps here, the caller schedules the returned delay. Methods
 * are synchronized so the channel's event loop and a reconnect timer may share one instance.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException(
                    "initial back-off delay must be positive (got " + initial + ")");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "maximum back-off delay must not be less than the initial delay (got max="
                            + max + ", initial=" + initial + ")");
        }
        this.initialNanos = saturatedNanos(initial);
        this.maxNanos = saturatedNanos(max);
    }

    /** The delay before the next attempt; each call counts as one more failed attempt. */
    public synchronized Duration nextDelay() {
        long ceiling = ceilingNanos(attempt);
        if (ceiling < maxNanos) {
            // Once the ceiling reaches max, stop counting: it cannot grow, and int must not wrap.
            attempt++;
        }
        long floor = Math.min(initialNanos / 2, ceiling);
        long delay = floor == ceiling
                ? floor
                : random.nextLong(floor, ceiling == Long.MAX_VALUE ? ceiling : ceiling + 1);
        return Duration.ofNanos(delay);
    }

    /** Starts again from the initial delay; call after a connection succeeded. */
    public synchronized void reset() {
        attempt = 0;
    }

    @Override
    public synchronized String toString() {
        return "Backoff[initial=" + Duration.ofNanos(initialNanos) + ", max="
                + Duration.ofNanos(maxNanos) + ", attempt=" + attempt + "]";
    }

    private long ceilingNanos(int n) {
        // initial * 2^n without overflow: shifting past the leading zeros would lose bits.
        if (n >= Long.numberOfLeadingZeros(initialNanos) - 1) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << n);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            // Beyond ~292 years; as a reconnect delay that is simply "as long as possible".
            return Long.MAX_VALUE;
        }
    }
}
