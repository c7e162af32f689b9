package io.github.chicorygdbstub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One real LLDB, in batch mode, connected to a {@link Stub} with its gdb-remote packet log enabled.
 * {@link #V19} connects with plain gdb-remote; {@link #V22} with the Wasm process plugin
 * ({@code --plugin wasm}), which is what makes LLDB unwind, read locals and globals through the
 * {@code qWasm*} packets.
 *
 * <p>{@code lldb --batch} quits at the first command that fails and after a stop it considers a
 * crash (a trap); the {@code afterCrash} commands ({@code -k}) run in that case.
 */
final class Lldb {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    /** Debian's {@code lldb-19}: gdb-remote only (no Wasm plugin). */
    static final Lldb V19 = new Lldb("lldb-19", () -> Tools.require(Tools.LLDB), "process connect connect://");
    /** LLDB 22 from the prefix {@code scripts/install-deps.sh} unpacks it into, with the Wasm plugin. */
    static final Lldb V22 = new Lldb("lldb-22", Tools::lldb22, "process connect --plugin wasm connect://");

    private final String name;
    private final Supplier<Path> binary;
    private final String connect;

    private Lldb(String name, Supplier<Path> binary, String connect) {
        this.name = name;
        this.binary = binary;
        this.connect = connect;
    }

    /** The command that connects this LLDB to a server at {@code address} ({@code host:port}). */
    String connectCommand(String address) {
        return connect + address;
    }

    Path binary() {
        return binary.get();
    }

    ClientRun run(Stub stub, String... commands) throws IOException {
        return run(stub, List.of(commands), List.of());
    }

    ClientRun run(Stub stub, List<String> commands, List<String> afterCrash) throws IOException {
        Path directory = ClientDirectory.create(name);
        Path packetLog = directory.resolve("packets.log");
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--no-lldbinit", "--batch",
                "-o", "log enable -T -f " + packetLog + " gdb-remote packets",
                "-o", connectCommand(stub.address())));
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
        Processes.Transcript output = Processes.capture(lldb.getInputStream(), name + "-output");
        int exitCode = Processes.awaitExit(lldb, TIMEOUT);
        return new ClientRun(exitCode, output.complete(TIMEOUT), ClientDirectory.read(packetLog), directory);
    }

    /**
     * Runs LLDB on a module file that it starts itself ({@code run} through a platform): the
     * {@code settings} run before the target is created ({@code -O}), then {@code commands}.
     */
    ClientRun runTarget(Path module, List<String> settings, String... commands) throws IOException {
        Path directory = ClientDirectory.create(name + "-target");
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--no-lldbinit", "--batch"));
        for (String each : settings) {
            command.add("-O");
            command.add(each);
        }
        command.add(module.toString());
        for (String each : commands) {
            command.add("-o");
            command.add(each);
        }
        Process lldb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        lldb.getOutputStream().close();
        Processes.Transcript output = Processes.capture(lldb.getInputStream(), name + "-output");
        int exitCode = Processes.awaitExit(lldb, TIMEOUT);
        return new ClientRun(exitCode, output.complete(TIMEOUT), "", directory);
    }

    /**
     * Runs one of the test resources' Python scripts with this LLDB's {@code lldb} module; the
     * run's packet log is whatever the script wrote to {@code packets.log} in its directory.
     */
    ClientRun runPython(String script, Duration timeout, String... arguments) throws IOException {
        Path directory = ClientDirectory.create(name + "-python");
        Path copy = directory.resolve(script);
        try (var in = Lldb.class.getResourceAsStream("/" + script)) {
            Files.copy(in, copy);
        }
        List<String> command = new ArrayList<>(List.of(Tools.require(Tools.PYTHON).toString(), copy.toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", pythonPath());
        Process python = builder.start();
        python.getOutputStream().close();
        Processes.Transcript output = Processes.capture(python.getInputStream(), name + "-python");
        int exitCode = Processes.awaitExit(python, timeout);
        return new ClientRun(exitCode, output.complete(Duration.ofSeconds(10)),
                ClientDirectory.read(directory.resolve("packets.log")), directory);
    }

    /** Where this LLDB's Python module lives ({@code lldb -P}), for {@code import lldb}. */
    String pythonPath() {
        try {
            Process lldb = new ProcessBuilder(binary().toString(), "-P").redirectErrorStream(true).start();
            String path = new String(lldb.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (Processes.awaitExit(lldb, Duration.ofSeconds(30)) != 0 || !Files.isDirectory(Path.of(path))) {
                throw new AssertionError(name + " -P gave no Python path (" + path + "); run scripts/install-deps.sh");
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
