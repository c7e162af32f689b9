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
 * {@code qWasm*} packets. A test that runs with each takes it as its parameter ({@link EachLldb}).
 *
 * <p>{@code lldb --batch} quits at the first command that fails and after a stop it considers a
 * crash (a trap); the {@code afterCrash} commands ({@code -k}) run in that case.
 */
enum Lldb {
    /** Debian's {@code lldb-19}: gdb-remote only (no Wasm plugin). */
    V19("lldb-19", () -> Tools.require(Tools.LLDB), ""),
    /** LLDB 22 from the prefix {@code scripts/install-deps.sh} unpacks it into, with the Wasm plugin. */
    V22("lldb-22", Tools::lldb22, "wasm");

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** What the test resources' Python scripts import to connect. */
    private static final String PYTHON_CONNECT = "lldb_connect.py";

    private final String program;
    private final Supplier<Path> binary;
    private final String plugin;

    Lldb(String program, Supplier<Path> binary, String plugin) {
        this.program = program;
        this.binary = binary;
        this.plugin = plugin;
    }

    /** The command that connects this LLDB to a server at {@code address} ({@code host:port}). */
    String connectCommand(String address) {
        return "process connect " + (hasWasmPlugin() ? "--plugin " + plugin + " " : "") + "connect://" + address;
    }

    /**
     * Whether it connects with the Wasm process plugin, which unwinds past frame 0 and evaluates
     * the locations of locals; LLDB 19's gdb-remote does neither.
     */
    boolean hasWasmPlugin() {
        return !plugin.isEmpty();
    }

    /**
     * A frame's argument as this LLDB shows it in a stop or a backtrace: LLDB 19 cannot evaluate a
     * Wasm local's location ({@code DW_OP_WASM_location}) and shows every argument unavailable.
     */
    String argument(String name, String value) {
        return name + "=" + (hasWasmPlugin() ? value : "<unavailable>");
    }

    Path binary() {
        return binary.get();
    }

    ClientRun run(Stub stub, String... commands) throws IOException {
        return run(stub, List.of(commands), List.of());
    }

    ClientRun run(Stub stub, List<String> commands, List<String> afterCrash) throws IOException {
        return run(stub.address(), commands, afterCrash);
    }

    /** Connects to a server at {@code address} ({@code host:port}) that this test runs itself. */
    ClientRun run(String address, List<String> commands, List<String> afterCrash) throws IOException {
        Path directory = ClientDirectory.create(program);
        Path packetLog = directory.resolve("packets.log");
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--no-lldbinit", "--batch",
                "-o", "log enable -T -f " + packetLog + " gdb-remote packets",
                "-o", connectCommand(address)));
        for (String each : commands) {
            command.add("-o");
            command.add(each);
        }
        for (String each : afterCrash) {
            command.add("-k");
            command.add(each);
        }
        return execute(new ProcessBuilder(command), directory, packetLog, TIMEOUT);
    }

    /**
     * Runs LLDB on a module file that it starts itself ({@code run} through a platform): the
     * {@code settings} run before the target is created ({@code -O}), then {@code commands}.
     */
    ClientRun runTarget(Path module, List<String> settings, String... commands) throws IOException {
        Path directory = ClientDirectory.create(program + "-target");
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
        return execute(new ProcessBuilder(command), directory, null, TIMEOUT);
    }

    /**
     * Runs one of the test resources' Python scripts with this LLDB's {@code lldb} module, as
     * {@code script PORT PLUGIN arguments...} (PLUGIN empty for LLDB's default, gdb-remote); the
     * run's packet log is whatever the script wrote to {@code packets.log} in its directory.
     */
    ClientRun runPython(String script, Duration timeout, Stub stub, String... arguments) throws IOException {
        Path directory = ClientDirectory.create(program + "-python");
        for (String resource : List.of(script, PYTHON_CONNECT)) {
            try (var in = Lldb.class.getResourceAsStream("/" + resource)) {
                Files.copy(in, directory.resolve(resource));
            }
        }
        List<String> command = new ArrayList<>(List.of(Tools.require(Tools.PYTHON).toString(),
                directory.resolve(script).toString(), Integer.toString(stub.port()), plugin));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONPATH", pythonPath());
        return execute(builder, directory, directory.resolve("packets.log"), timeout);
    }

    /** Runs the client in {@code directory}, its stdin closed, and collects what it printed and logged. */
    private ClientRun execute(ProcessBuilder builder, Path directory, Path packetLog, Duration timeout)
            throws IOException {
        Process client = builder.directory(directory.toFile()).redirectErrorStream(true).start();
        client.getOutputStream().close();
        Processes.Transcript output = Processes.capture(client.getInputStream(), program + "-output");
        int exitCode = Processes.awaitExit(client, timeout);
        return new ClientRun(exitCode, output.complete(timeout), packetLog == null ? "" : ClientDirectory.read(packetLog),
                directory);
    }

    /** Where this LLDB's Python module lives ({@code lldb -P}), for {@code import lldb}. */
    String pythonPath() {
        try {
            Process lldb = new ProcessBuilder(binary().toString(), "-P").redirectErrorStream(true).start();
            String path = new String(lldb.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (Processes.awaitExit(lldb, Duration.ofSeconds(30)) != 0 || !Files.isDirectory(Path.of(path))) {
                throw new AssertionError(program + " -P gave no Python path (" + path + "); run scripts/install-deps.sh");
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return program;
    }
}
