package io.github.chicorygdbstub.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * LLDB 19 in batch mode, connected with {@code process connect} to a {@link Stub}, with its
 * gdb-remote packet log enabled.
 *
 * <p>{@code lldb --batch} quits at the first command that fails and after a stop it considers a
 * crash (a trap); the {@code afterCrash} commands ({@code -k}) run in that case.
 */
final class Lldb {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private Lldb() {}

    static ClientRun run(Stub stub, String... commands) throws IOException {
        return run(stub, List.of(commands), List.of());
    }

    static ClientRun run(Stub stub, List<String> commands, List<String> afterCrash) throws IOException {
        Path directory = ClientDirectory.create("lldb");
        Path packetLog = directory.resolve("packets.log");
        List<String> command = new ArrayList<>(List.of(Tools.require(Tools.LLDB).toString(), "--no-lldbinit", "--batch",
                "-o", "log enable -T -f " + packetLog + " gdb-remote packets",
                "-o", "process connect connect://" + stub.address()));
        for (String each : commands) {
            command.add("-o");
            command.add(each);
        }
        for (String each : afterCrash) {
            command.add("-k");
            command.add(each);
        }
        Process lldb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        lldb.getOutputStream().close();
        Processes.Transcript output = Processes.capture(lldb.getInputStream(), "lldb-output");
        int exitCode = Processes.awaitExit(lldb, TIMEOUT);
        return new ClientRun(exitCode, output.complete(TIMEOUT), ClientDirectory.read(packetLog), directory);
    }
}
