package io.github.chicorygdbstub.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * GDB 13 in batch mode, connected with {@code target remote} to a {@link Stub}. The user types
 * no {@code set architecture}: the server's target description is what gives GDB 64-bit
 * addresses.
 */
final class Gdb {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private Gdb() {}

    static ClientRun run(Stub stub, String... commands) throws IOException {
        Session session = start(stub, commands);
        return session.finish();
    }

    /** Starts GDB without waiting for it, so a test can interrupt it like Ctrl-C would. */
    static Session start(Stub stub, String... commands) throws IOException {
        Path directory = ClientDirectory.create("gdb");
        List<String> command = new ArrayList<>(List.of(Tools.require(Tools.GDB).toString(), "-nx", "-batch",
                "-ex", "set confirm off", "-ex", "set pagination off",
                "-ex", "target remote " + stub.address()));
        for (String each : commands) {
            command.add("-ex");
            command.add(each);
        }
        Process gdb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        gdb.getOutputStream().close();
        return new Session(gdb, Processes.capture(gdb.getInputStream(), "gdb-output"), directory);
    }

    /** A GDB run in progress. */
    record Session(Process process, Processes.Transcript output, Path directory) {
        ClientRun finish() {
            int exitCode = Processes.awaitExit(process, TIMEOUT);
            return new ClientRun(exitCode, output.complete(TIMEOUT), "", directory);
        }
    }
}
