package vn.canhgac.agent.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Always draws the top of the range, exposing the ceiling. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("Backoff must draw from a bounded range");
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    };

    /** Always draws the bottom of the range, exposing the floor. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("Backoff must draw from a bounded range");
        }

        @Override
        public long nextLong(long origin, long bound) {
            return origin;
        }
    };

    private static List<Duration> delays(Backoff backoff, int count) {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.nextDelay());
        }
        return delays;
    }

    @Test
    void ceilingDoublesWithEachAttemptUpToTheMaximum() {
        Backoff backoff = new Backoff(SECOND, Duration.ofSeconds(10), HIGHEST);

        assertEquals(List.of(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                delays(backoff, 6));
    }

    @Test
    void delayNeverFallsBelowHalfTheInitialDelay() {
        Backoff backoff = new Backoff(SECOND, MINUTE, LOWEST);

        for (Duration delay : delays(backoff, 20)) {
            assertEquals(Duration.ofMillis(500), delay);
        }
    }

    @Test
    void randomDelaysStayWithinTheJitterRange() {
        Backoff backoff = new Backoff(SECOND, MINUTE, new SplittableRandom(2026));

        for (int round = 0; round < 200; round++) {
            backoff.reset();
            for (int attempt = 0; attempt < 10; attempt++) {
                Duration delay = backoff.nextDelay();
                Duration ceiling = SECOND.multipliedBy(1L << attempt);
                if (ceiling.compareTo(MINUTE) > 0) {
                    ceiling = MINUTE;
                }
                assertTrue(delay.compareTo(Duration.ofMillis(500)) >= 0, "attempt " + attempt + ": " + delay);
                assertTrue(delay.compareTo(ceiling) <= 0, "attempt " + attempt + ": " + delay);
            }
        }
    }

    @Test
    void jitterSpreadsAgentsThatFailedTogether() {
        SplittableRandom random = new SplittableRandom(117);
        Set<Duration> fifthDelays = new HashSet<>();
        for (int agent = 0; agent < 1000; agent++) {
            Backoff backoff = new Backoff(SECOND, MINUTE, random.split());
            fifthDelays.add(delays(backoff, 5).getLast());
        }

        assertTrue(fifthDelays.size() > 900, "distinct delays: " + fifthDelays.size());
    }

    @Test
    void resetStartsAgainFromTheInitialDelay() {
        Backoff backoff = new Backoff(SECOND, MINUTE, HIGHEST);
        delays(backoff, 8);

        backoff.reset();

        assertEquals(SECOND, backoff.nextDelay());
        assertEquals(Duration.ofSeconds(2), backoff.nextDelay());
    }

    @Test
    void hugeMaximumNeverOverflows() {
        Backoff backoff = new Backoff(SECOND, Duration.ofSeconds(Long.MAX_VALUE), HIGHEST);

        Duration previous = Duration.ZERO;
        for (Duration delay : delays(backoff, 200)) {
            assertTrue(delay.compareTo(previous) >= 0, delay + " after " + previous);
            previous = delay;
        }
        assertEquals(Duration.ofNanos(Long.MAX_VALUE - 1), previous);
    }

    @Test
    void equalInitialAndMaximumGiveAFixedCeiling() {
        Backoff backoff = new Backoff(SECOND, SECOND, HIGHEST);

        assertEquals(List.of(SECOND, SECOND, SECOND), delays(backoff, 3));
    }

    @Test
    void initialDelayMustBePositive() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, MINUTE, LOWEST));
        assertEquals("initial back-off delay must be positive (got PT0S)", zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(-1), MINUTE, LOWEST));
    }

    @Test
    void maximumMustNotBeLessThanTheInitialDelay() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Backoff(MINUTE, SECOND, LOWEST));
        assertEquals("maximum back-off delay must not be less than the initial delay"
                + " (got max=PT1S, initial=PT1M)", e.getMessage());
    }
}
