package io.github.chicorygdbstub.cli;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.runtime.control.UnsatisfiedImportException;
import io.github.chicorygdbstub.runtime.module.InvalidModuleException;
import io.github.chicorygdbstub.runtime.compiled.CompiledArtifactException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.SessionListener;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code chicory-gdbstub} command: loads a module, starts the debug server, runs the guest
 * and exits with the guest's exit code. The only place that calls {@link System#exit}.
 *
 * <p>Everything that can be wrong with the command line or the module is reported before the
 * server listens, in the order a user would fix it: the options, then the files, then the module's
 * imports.
 */
public final class Main {
    /** Exit code for a bad command line, an unreadable or invalid module, or a busy port. */
    static final int USAGE_EXIT_CODE = 2;
    /** Exit code after no debugger connected within {@code --connect-timeout}. */
    static final int NO_DEBUGGER_EXIT_CODE = 3;
    /** Exit code after a trap ended the guest (as for an abort). */
    static final int CRASH_EXIT_CODE = 134;
    /** Exit code after a debugger killed the guest (as for SIGKILL). */
    static final int KILLED_EXIT_CODE = 137;
    private static final Duration FINAL_REPLY_GRACE = Duration.ofSeconds(3);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final String PROGRAM = "chicory-gdbstub: ";

    private Main() {}

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /** Runs the command in a JVM whose logging it leaves alone (tests), returning the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    /**
     * Runs the command and returns the process exit code; help and version go to {@code out}.
     *
     * @param configureLogging whether to set up the command's own logging (the JVM-wide Logback context)
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean configureLogging) {
        if (args.length > 0 && args[0].equals("compile")) {
            return compile(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            err.println(PROGRAM + e.getMessage());
            err.println("Try 'chicory-gdbstub --help' for more information.");
            return USAGE_EXIT_CODE;
        }
        switch (options.action()) {
            case HELP -> {
                out.print(CliOptions.usage());
                return 0;
            }
            case VERSION -> {
                out.println(Version.text());
                return 0;
            }
            default -> {
                if (configureLogging) {
                    CliLogging.configure(options.quiet(), options.verbose());
                }
                return serve(options, err);
            }
        }
    }

    /** The build-time compiler is an optional dependency: the cli jar has it, a library user may not. */
    private static int compile(String[] args, PrintStream out, PrintStream err) {
        try {
            return CompileCommand.run(args, out, err);
        } catch (NoClassDefFoundError e) {
            err.println(PROGRAM + "error: compile needs io.github.chicorygdbstub:build-time-compiler on the class"
                    + " path (the cli jar has it): " + e.getMessage() + " is missing");
            return USAGE_EXIT_CODE;
        }
    }

    private static int serve(CliOptions options, PrintStream err) {
        Debuggee debuggee;
        ModuleImage main;
        try {
            main = options.compiled() != null ? CompiledModules.load(options.classPath(), options.compiled())
                    : load(options.module());
            debuggee = buildDebuggee(main, options);
        } catch (ModuleFileException | InvalidModuleException | UnsatisfiedImportException
                | CompiledArtifactException e) {
            err.println(PROGRAM + "error: " + e.getMessage());
            return USAGE_EXIT_CODE;
        }
        ServerOptions serverOptions = new ServerOptions(options.host(), options.port(), options.profile(),
                ServerOptions.DEFAULT_PACKET_SIZE, options.allowRemote(), options.sourceDirectories(), options.warmUp(),
                ServerOptions.DEFAULT_WRITE_TIMEOUT,
                options.idleTimeout() != null ? options.idleTimeout() : Duration.ZERO);
        var sessions = new SessionWatch(debuggee, options.exitOnDetach());
        debuggee.addStopListener(sessions::onStop);
        try (debuggee; GdbStubServer server = GdbStubServer.start(debuggee, serverOptions, sessions)) {
            if (!options.quiet()) {
                // LLDB's platform launches a .wasm file: no platform line for a compiled module.
                Path shown = options.compiled() != null ? Path.of(main.name()) : options.module();
                err.print(Banner.of(server.address(), shown, !options.noWait(),
                        options.compiled() != null ? null : System.getProperty(Banner.LAUNCHER_PROPERTY)));
                err.flush();
            }
            debuggee.start();
            if (options.connectTimeout() != null && !sessions.awaitFirst(options.connectTimeout())) {
                err.println(PROGRAM + "no debugger connected within " + java.math.BigDecimal.valueOf(options.connectTimeout().toMillis(), 3)
                        .stripTrailingZeros().toPlainString()
                        + " s; ending the guest");
                debuggee.kill(KILL_TIMEOUT);
                return NO_DEBUGGER_EXIT_CODE;
            }
            StopEvent end = awaitEnd(debuggee);
            if (end.reason() == StopReason.CRASHED) {
                err.print(TrapReport.of(end.message(), debuggee.crashFrames(), debuggee.modules()));
            }
            // Give the debugger time to read the exit packet and hang up before the socket closes.
            server.awaitNoSession(FINAL_REPLY_GRACE);
            return exitCode(end);
        } catch (IOException | IllegalArgumentException e) {
            err.println(PROGRAM + "error: cannot listen on "
                    + ListenAddress.authority(options.host(), options.port()) + ": " + e.getMessage());
            return USAGE_EXIT_CODE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static Debuggee buildDebuggee(ModuleImage main, CliOptions options) throws ModuleFileException {
        for (Path directory : options.directories().values()) {
            if (!Files.isDirectory(directory)) {
                throw new ModuleFileException("--dir: no such directory: " + directory);
            }
        }
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

    /** A module file that cannot be used, with a message naming its path. */
    private static final class ModuleFileException extends Exception {
        private static final long serialVersionUID = 1L;

        ModuleFileException(String message) {
            super(message);
        }
    }

    private static ModuleImage load(Path path) throws ModuleFileException {
        if (Files.isDirectory(path)) {
            throw new ModuleFileException(path + " is a directory, not a WebAssembly module");
        }
        try {
            return ModuleImage.load(path);
        } catch (NoSuchFileException e) {
            throw new ModuleFileException("no such file: " + path);
        } catch (AccessDeniedException e) {
            throw new ModuleFileException("cannot read " + path + ": permission denied");
        } catch (IOException e) {
            throw new ModuleFileException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static StopEvent awaitEnd(Debuggee debuggee) throws InterruptedException {
        while (true) {
            try {
                return debuggee.awaitTermination(Duration.ofDays(1));
            } catch (TimeoutException e) {
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

    /**
     * Sees the first session for {@code --connect-timeout} and ends the guest when a session ends
     * for {@code --exit-on-detach}.
     */
    private static final class SessionWatch implements SessionListener {
        private final Debuggee debuggee;
        private final boolean exitOnDetach;
        /** Counted down by the first session or the guest's end, whichever comes first. */
        private final CountDownLatch firstSessionOrEnd = new CountDownLatch(1);

        SessionWatch(Debuggee debuggee, boolean exitOnDetach) {
            this.debuggee = debuggee;
            this.exitOnDetach = exitOnDetach;
        }

        /** Whether a debugger connected (or the guest ended by itself) within the timeout. */
        boolean awaitFirst(Duration timeout) throws InterruptedException {
            return firstSessionOrEnd.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void onStop(StopEvent event) {
            if (event.isTerminal()) {
                firstSessionOrEnd.countDown();
            }
        }

        @Override
        public void connected(SocketAddress client) {
            firstSessionOrEnd.countDown();
        }

        @Override
        public void disconnected(SocketAddress client) {
            if (exitOnDetach) {
                try {
                    // Only asks: the guest ends at its next instruction, and the main thread sees it end.
                    debuggee.kill(Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
