package vn.canhgac.loadgen;

import java.time.Duration;

/**
 * The point in time a benchmark run must stop at. Measured on the monotonic clock, as are all
 * the load generator's durations: wall-clock adjustments must not bend a measurement.
 */
record Deadline(long endNanos) {

    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }
}
