package io.github.chicorygdbstub.runtime.control;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one lock of a debuggee, which every guest and debugger thread takes to stop, resume, edit
 * or inspect, and its one condition, signalled whenever something a waiter may wait for changes:
 * parked threads wait on it for their resume, newcomers for the end of a stop, debugger threads
 * for a stop or the end. The lock gives happens-before in both directions between a parked guest
 * thread and the debugger threads that read and edit it.
 */
final class ControllerLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** {@return what {@code action} returns, run under the lock} */
    <T> T call(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the lock. */
    void run(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter; under the lock. */
    void signalAll() {
        changed.signalAll();
    }

    /** Waits for a signal, interrupts notwithstanding; under the lock. */
    void awaitUninterruptibly() {
        changed.awaitUninterruptibly();
    }

    /**
     * Waits until {@code done} or the deadline; under the lock.
     *
     * @param deadline a {@link System#nanoTime()}
     * @return whether {@code done} holds
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitUntil(BooleanSupplier done, long deadline) throws InterruptedException {
        while (!done.getAsBoolean()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            changed.awaitNanos(remaining);
        }
        return true;
    }
}
