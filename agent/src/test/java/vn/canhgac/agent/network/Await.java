package vn.canhgac.agent.network;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for something a background thread does; the limit is generous because it is a hang guard, not a timing check. */
final class Await {

    private static final long LIMIT_SECONDS = 30;

    private Await() {}

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after " + LIMIT_SECONDS + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
