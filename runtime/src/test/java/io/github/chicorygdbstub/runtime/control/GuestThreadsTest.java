package io.github.chicorygdbstub.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry's entry without the lock ({@link GuestThreads}), on its own: a lock stands in for
 * the controller's, and entering and leaving are what {@link ExecutionController#enterMachine}
 * and {@link ExecutionController#exitMachine} do, without the machines.
 */
@Timeout(60)
class GuestThreadsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final GuestThreads threads = new GuestThreads();
    private final ReentrantLock lock = new ReentrantLock();

    /** Enters as the controller does: unlisted if nothing watches, else under the lock. */
    private GuestThread enter() {
        GuestThread thread = threads.own();
        if (thread != null && threads.enterUnwatched(thread, 0)) {
            return thread;
        }
        return underLock(() -> {
            GuestThread own = threads.own();
            return own != null && own.isListed() ? own : threads.enter(0);
        });
    }

    /** Leaves as the controller does: without the lock if still unlisted, else under it. */
    private void leave(GuestThread thread) {
        if (!threads.leaveUnwatched(thread)) {
            underLock(() -> {
                if (thread.isListed()) {
                    threads.leave(thread);
                }
                return null;
            });
        }
    }

    private <T> T underLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aThreadsFirstEntryIsListedAndLaterOnesAreNotUntilSomethingWatches() {
        GuestThread first = enter();
        assertThat(first.isListed()).isTrue();
        assertThat(threads.all()).containsExactly(first);
        leave(first);
        assertThat(threads.isEmpty()).isTrue();
        assertThat(first.isInside()).isFalse();

        GuestThread second = enter();
        assertThat(second).isSameAs(first);
        assertThat(second.presence()).isEqualTo(GuestThread.UNLISTED);
        assertThat(threads.all()).isEmpty();

        underLock(() -> {
            threads.watchEntries();
            return null;
        });
        assertThat(threads.all()).containsExactly(first); // adopted while inside
        assertThat(threads.leaveUnwatched(first)).isFalse(); // so it has to leave under the lock
        leave(first);
        assertThat(threads.isEmpty()).isTrue();
        assertThat(first.isInside()).isFalse();

        GuestThread watched = enter(); // while watched, an entry takes the lock and is listed
        assertThat(watched.isListed()).isTrue();
        leave(watched);
        underLock(() -> {
            threads.unwatchEntries();
            return null;
        });
        assertThat(enter().presence()).isEqualTo(GuestThread.UNLISTED);
        assertThat(underLock(threads::current)).isSameAs(first); // reaching the controller lists it
        assertThat(threads.all()).containsExactly(first);
        leave(first);
        assertThat(threads.isEmpty()).isTrue();
    }

    /**
     * Threads enter and leave as fast as they can while a watcher starts and stops watching:
     * every time it starts, every thread that is inside is listed by the time watchEntries
     * returns (a thread that was not would have entered unlisted without the watcher seeing it),
     * and once they are all done the list is empty (no thread stayed listed after it left).
     */
    @Test
    void aWatcherThatStartsWhileThreadsEnterAndLeaveListsEveryThreadInside() throws Exception {
        int workers = 4;
        int rounds = 10_000;
        var inside = new AtomicIntegerArray(workers);
        var owns = new GuestThread[workers];
        var done = new AtomicBoolean();
        var entries = new AtomicLong();
        var futures = new ArrayList<CompletableFuture<Void>>();
        for (int i = 0; i < workers; i++) {
            int worker = i;
            futures.add(CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    GuestThread thread = enter();
                    owns[worker] = thread;
                    inside.set(worker, 1); // after the entry, before the leave: inside for sure
                    entries.incrementAndGet();
                    inside.set(worker, 0);
                    leave(thread);
                }
            }, runnable -> new Thread(runnable, "worker-" + worker).start()));
        }
        int listedAtWatch = 0;
        // At most a few seconds, however busy the machine: the rounds are many chances, not a count to reach.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
            long before = entries.get();
            // The workers enter unwatched for a while: wait for some entries (not for a time).
            assertThat(waitUntil(() -> entries.get() > before)).isTrue();
            lock.lock();
            try {
                threads.watchEntries();
                List<GuestThread> listed = threads.all();
                for (int worker = 0; worker < workers; worker++) {
                    if (inside.get(worker) == 1) {
                        // Cannot leave meanwhile: it was adopted or listed, so it leaves under the lock.
                        assertThat(listed).as("worker %d inside, round %d", worker, round).contains(owns[worker]);
                    }
                }
                listedAtWatch += listed.size();
                threads.unwatchEntries();
            } finally {
                lock.unlock();
            }
        }
        done.set(true);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(threads.isEmpty()).isTrue();
        for (GuestThread thread : owns) {
            assertThat(thread.isInside()).isFalse();
        }
        assertThat(listedAtWatch).as("threads found inside when watching started").isPositive();
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
