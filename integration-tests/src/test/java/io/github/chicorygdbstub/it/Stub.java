package io.github.chicorygdbstub.it;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The debug server as a user starts it: {@code bin/chicory-gdbstub --listen 127.0.0.1:0 ...} in
 * its own process, with the port read from the line it prints.
 */
final class Stub implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("(?:chicory-gdbstub|plugin-host): listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START = Duration.ofSeconds(120);

    private final Process process;
    private final Processes.Transcript stdout;
    private final Processes.Transcript stderr;
    private final int port;

    private Stub(Process process, Duration start) {
        this.process = process;
        this.stdout = Processes.capture(process.getInputStream(), "stub-stdout");
        this.stderr = Processes.capture(process.getErrorStream(), "stub-stderr");
        String started = stderr.await(text -> LISTENING.matcher(text).find() || !process.isAlive(), start,
                "the server to listen");
        Matcher matcher = LISTENING.matcher(started);
        if (!matcher.find()) {
            throw new AssertionError("the server did not start:\n" + started);
        }
        this.port = Integer.parseInt(matcher.group(1));
    }

    /** Starts the server with these options and module (and guest arguments). */
    static Stub start(Object... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Tools.projectRoot().resolve("bin/chicory-gdbstub").toString());
        command.add("--listen");
        command.add("127.0.0.1:0");
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        return new Stub(new ProcessBuilder(command).start(), START);
    }

    /** A server some other way started (a shell running a documented command), once it listens. */
    static Stub of(Process process, Duration start) {
        return new Stub(process, start);
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** Waits until the guest has written {@code text} to its stdout. */
    void awaitStdout(String text) {
        stdout.await(out -> out.contains(text), Duration.ofSeconds(60), "guest output \"" + text + "\"");
    }

    /** Waits until the server has logged {@code text}. */
    void awaitStderr(String text) {
        stderr.await(err -> err.contains(text), Duration.ofSeconds(60), "server output \"" + text + "\"");
    }

    /** Waits for the server process to end; its exit code is the guest's. */
    int awaitExit() {
        return Processes.awaitExit(process, Duration.ofSeconds(60));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    static Path fixture(String name) {
        return Fixtures.wasm(name);
    }

    @Override
    public void close() {
        Processes.destroy(process);
    }
}
