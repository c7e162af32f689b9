package io.github.chicorygdbstub.cli;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.module.InvalidModuleException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

/**
 * The {@code chicory-gdbstub} command: loads a module, starts the debug server, runs the guest
 * and exits with the guest's exit code. The only place that calls {@link System#exit}.
 */
public final class Main {
    /** Exit code after a trap ended the guest (as for an abort). */
    static final int CRASH_EXIT_CODE = 134;
    /** Exit code after a debugger killed the guest (as for SIGKILL). */
    static final int KILLED_EXIT_CODE = 137;
    private static final Duration FINAL_REPLY_GRACE = Duration.ofSeconds(3);

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command and returns the process exit code. */
    static int run(String[] args, PrintStream err) {
        CliOptions options;
        try {
            for (String arg : args) {
                if (arg.equals("-h") || arg.equals("--help")) {
                    err.print(CliOptions.USAGE);
                    return 0;
                }
                if (!arg.startsWith("-")) {
                    break;
                }
            }
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            err.println("chicory-gdbstub: " + e.getMessage());
            err.print(CliOptions.USAGE);
            return 2;
        }
        configureLogging(options.verbose());
        // Warm up on the second core while this thread loads the user's module.
        Thread rehearsal = Rehearsal.startInBackground();
        try {
            return serve(options, rehearsal, err);
        } finally {
            Rehearsal.awaitQuietly(rehearsal);
        }
    }

    private static int serve(CliOptions options, Thread rehearsal, PrintStream err) {
        Debuggee debuggee;
        try {
            debuggee = buildDebuggee(options);
        } catch (NoSuchFileException e) {
            err.println("chicory-gdbstub: error: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("chicory-gdbstub: error: cannot read " + e.getMessage());
            return 2;
        } catch (InvalidModuleException e) {
            err.println("chicory-gdbstub: error: " + e.getMessage());
            return 2;
        }
        ServerOptions serverOptions = new ServerOptions(options.host(), options.port(), options.profile(),
                ServerOptions.DEFAULT_PACKET_SIZE, options.allowRemote(), options.sourceDirectories());
        Rehearsal.awaitQuietly(rehearsal);
        try (GdbStubServer server = GdbStubServer.start(debuggee, serverOptions)) {
            String address = server.address().getAddress().getHostAddress() + ":" + server.port();
            err.println("chicory-gdbstub: listening on " + address);
            err.println("chicory-gdbstub:   lldb: lldb -o 'process connect connect://" + address + "'");
            err.println("chicory-gdbstub:   gdb:  gdb -ex 'target remote " + address + "'");
            err.println(options.noWait() ? "chicory-gdbstub: running " + options.module()
                    : "chicory-gdbstub: " + options.module() + " is stopped at its first instruction,"
                            + " waiting for a debugger");
            err.flush();
            debuggee.start();
            StopEvent end = awaitEnd(debuggee);
            // Give the debugger time to read the exit packet and hang up before the socket closes.
            server.awaitNoSession(FINAL_REPLY_GRACE);
            return exitCode(end);
        } catch (IOException | IllegalArgumentException e) {
            err.println("chicory-gdbstub: error: cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static Debuggee buildDebuggee(CliOptions options) throws IOException {
        ModuleImage main = load(options.module());
        var builder = Debuggee.builder(main).withStopAtEntry(!options.noWait());
        for (Map.Entry<String, Path> library : options.libraries().entrySet()) {
            builder.withLibrary(library.getKey(), load(library.getValue()));
        }
        var argv = new ArrayList<String>();
        argv.add(main.name());
        argv.addAll(options.guestArgs());
        var wasi = WasiOptions.builder().inheritSystem().withArguments(argv);
        options.environment().forEach(wasi::withEnvironment);
        options.directories().forEach(wasi::withDirectory);
        return builder.withWasiOptions(wasi.build()).build();
    }

    private static ModuleImage load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return ModuleImage.load(path);
    }

    private static StopEvent awaitEnd(Debuggee debuggee) throws InterruptedException {
        while (true) {
            try {
                return debuggee.awaitTermination(Duration.ofDays(1));
            } catch (java.util.concurrent.TimeoutException e) {
                // keep waiting: a debug session may last long
            }
        }
    }

    static int exitCode(StopEvent end) {
        return switch (end.reason()) {
            case EXITED -> end.exitCode();
            case KILLED -> KILLED_EXIT_CODE;
            default -> CRASH_EXIT_CODE;
        };
    }

    private static void configureLogging(boolean verbose) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "chicory-gdbstub-logback.xml");
        }
        System.setProperty("chicory.gdbstub.packetLevel", verbose ? "DEBUG" : "INFO");
    }
}
