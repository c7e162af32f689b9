package io.github.chicorygdbstub.bench;

/** Fails a benchmark whose run did not do what it measures (a timing of a failed run means nothing). */
final class Checks {
    private Checks() {}

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
