package io.github.chicorygdbstub.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Small helpers for the child processes (server, debuggers) the tests start. */
final class Processes {
    private Processes() {}

    /** Copies a stream into a {@link Transcript} on a daemon thread. */
    static Transcript capture(InputStream in, String name) {
        var transcript = new Transcript();
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    transcript.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The process ended or was killed: the transcript keeps what arrived.
            } finally {
                transcript.end();
            }
        }, name);
        pump.setDaemon(true);
        pump.start();
        return transcript;
    }

    /** Waits for the process to end and returns its exit code; kills it if it overstays. */
    static int awaitExit(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy(process);
                throw new AssertionError(process.info().command().orElse("process") + " did not end within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills a process and everything it started. */
    static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends SIGINT, what Ctrl-C in a terminal does. */
    static void interrupt(Process process) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            awaitExit(kill, Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text a process wrote so far, with a way to wait for something to appear in it. */
    static final class Transcript {
        private final StringBuilder text = new StringBuilder();
        private boolean ended;

        synchronized void append(String more) {
            text.append(more);
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** All the text, once the process has closed the stream. */
        String complete(Duration timeout) {
            return await(text -> ended, timeout, "the end of the output");
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }

        /** Waits until the text satisfies {@code condition}; fails after {@code timeout}. */
        synchronized String await(Predicate<String> condition, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (!condition.test(text.toString())) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; got:\n" + text);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return text.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
