package io.github.chicorygdbstub.hardening;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: the only way these tests wait for another thread. */
final class Await {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Await() {}

    /** Returns as soon as {@code condition} holds; fails with {@code what} after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(200_000); // re-check the condition; not a timing assumption
        }
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, WAIT, condition);
    }
}
