package io.github.chicorygdbstub.hardening;

import java.util.Set;
import java.util.stream.Collectors;

/** The threads alive before a test, so that the test can wait for every thread it caused to end. */
final class ThreadCheck {
    private final Set<Thread> baseline;

    private ThreadCheck(Set<Thread> baseline) {
        this.baseline = baseline;
    }

    static ThreadCheck baseline() {
        return new ThreadCheck(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    int baselineCount() {
        return baseline.size();
    }

    /** Threads alive now that were not alive at the baseline. */
    Set<Thread> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !baseline.contains(t))
                .collect(Collectors.toSet());
    }

    /** Waits until every thread started since the baseline has ended; fails naming the ones left. */
    void assertAllEnded() {
        try {
            Await.until("threads started by the test to end", () -> newThreads().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("threads left running: " + newThreads().stream()
                    .map(Thread::getName).sorted().toList(), e);
        }
    }
}
