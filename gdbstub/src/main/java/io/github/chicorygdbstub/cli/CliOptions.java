package io.github.chicorygdbstub.cli;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line: {@code chicory-gdbstub [options] [--] MODULE.wasm [GUEST-ARGS...]}. The first
 * argument that is not an option is the module, and everything after it belongs to the guest, so
 * a guest's own {@code -v} is never taken for ours.
 *
 * @param action what the command is asked to do
 * @param listen where to listen
 * @param module the main module
 * @param guestArgs arguments after the module (argv[1..] of the guest)
 * @param libraries extra modules to link, by import name
 * @param directories preopened directories, guest path to host path
 * @param environment guest environment variables
 * @param noWait run at once instead of waiting stopped for a debugger
 * @param profile fixed client profile, or null to detect it
 * @param allowRemote permit a non-loopback listen address
 * @param sourceDirectories where the monitor's {@code list} may read source files
 * @param verbose packet trace at DEBUG
 * @param quiet no banner and no log lines below WARN: the terminal belongs to the guest
 * @param exitOnDetach end the guest and the command when the debugger detaches or disconnects
 * @param connectTimeout end the guest and the command if no debugger connects in this time; null waits forever
 * @param warmUp rehearse a module download before listening
 */
record CliOptions(Action action, ListenAddress listen, Path module, List<String> guestArgs,
        Map<String, Path> libraries, Map<String, Path> directories, Map<String, String> environment, boolean noWait,
        ClientProfile profile, boolean allowRemote, List<Path> sourceDirectories, boolean verbose, boolean quiet,
        boolean exitOnDetach, Duration connectTimeout, boolean warmUp) {

    /** What the command line asks for. */
    enum Action {
        /** Run the module under the debug server. */
        SERVE,
        /** Print the usage on stdout. */
        HELP,
        /** Print the version on stdout. */
        VERSION
    }

    /** The environment variable that replaces the default listen address. */
    static final String LISTEN_VARIABLE = "CHICORY_GDBSTUB_LISTEN";

    /** How long an LLDB platform launch waits for LLDB, which connects within 5 s or gives up. */
    static final Duration PLATFORM_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Thrown for a command line that cannot be understood; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    String host() {
        return listen.host();
    }

    int port() {
        return listen.port();
    }

    /** The usage text, as {@code --help} prints it. */
    static String usage() {
        return commandLine(new Spec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    static CliOptions parse(String[] args) throws UsageException {
        var spec = new Spec();
        CommandLine commandLine = commandLine(spec);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            String unknown = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            List<String> suggestions = e.getSuggestions();
            throw new UsageException("unknown option " + unknown
                    + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)"));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getCause() instanceof TypeConversionException conversion
                    ? conversion.getMessage() : e.getMessage());
        }
        if (spec.help) {
            return spec.toOptions(Action.HELP);
        }
        if (spec.version) {
            return spec.toOptions(Action.VERSION);
        }
        if (spec.arguments.isEmpty()) {
            throw new UsageException("no module given");
        }
        return spec.toOptions(Action.SERVE);
    }

    private static CommandLine commandLine(Spec spec) {
        return new CommandLine(spec)
                .setStopAtPositional(true)
                .setUsageHelpWidth(100);
    }

    /** The options as picocli binds them. */
    @Command(name = "chicory-gdbstub", sortOptions = false,
            customSynopsis = "chicory-gdbstub [OPTIONS] [--] MODULE.wasm [GUEST-ARGS...]",
            description = {"Runs a WebAssembly module in Chicory and serves it to LLDB or GDB over the GDB remote"
                    + " protocol. It waits, stopped at its first instruction, until a debugger connects.", ""},
            footer = {"", "The guest's stdout and stderr pass through; the command exits with the guest's exit code"
                    + " (134 after a trap, 137 after a kill, 2 for a bad command line or module)."})
    private static final class Spec {
        @Option(names = {"-g", "--listen"}, paramLabel = "[HOST:]PORT", converter = ListenConverter.class,
                defaultValue = "${env:" + LISTEN_VARIABLE + ":-127.0.0.1:1234}",
                description = "where to listen (default 127.0.0.1:1234, or $" + LISTEN_VARIABLE + "; port 0 picks"
                        + " a free port; IPv6 as [::1]:PORT)")
        ListenAddress listen;

        @Option(names = "--module", paramLabel = "NAME=PATH",
                description = "link another module; its exports are importable as NAME.*")
        List<String> libraries = new ArrayList<>();

        @Option(names = "--dir", paramLabel = "GUEST[=HOST]", description = "preopen a host directory for the guest")
        List<String> directories = new ArrayList<>();

        @Option(names = "--env", paramLabel = "KEY=VALUE", description = "set a guest environment variable")
        List<String> environment = new ArrayList<>();

        @Option(names = "--no-wait", description = "run at once; a debugger may attach later")
        boolean noWait;

        @Option(names = "--client", paramLabel = "auto|lldb|gdb", converter = ProfileConverter.class,
                description = "client profile (default: detect from the first packets)")
        ClientProfile profile;

        @Option(names = "--allow-remote",
                description = "allow a non-loopback listen address (RSP has no authentication)")
        boolean allowRemote;

        @Option(names = "--source-dir", paramLabel = "DIR", converter = SourceDirectoryConverter.class,
                description = "let 'monitor list' show source files found under DIR (repeatable; without it no"
                        + " source file is read)")
        List<Path> sourceDirectories = new ArrayList<>();

        @Option(names = "--exit-on-detach",
                description = "end the guest and exit when the debugger detaches or disconnects")
        boolean exitOnDetach;

        @Option(names = "--connect-timeout", paramLabel = "SECONDS", converter = SecondsConverter.class,
                description = "end the guest and exit if no debugger connects within SECONDS")
        Duration connectTimeout;

        @Option(names = "--lldb-platform",
                description = "as LLDB's Wasm platform launches it ('lldb prog.wasm', then 'run'): --quiet"
                        + " --exit-on-detach --connect-timeout 30")
        boolean lldbPlatform;

        @Option(names = "--warm-up", description = "rehearse a module download before listening: the first LLDB"
                + " load of a large module is faster, the server starts about half a second later")
        boolean warmUp;

        @Option(names = {"-q", "--quiet"}, description = "print no banner and log only warnings and errors")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, description = "log every packet as it crosses the socket (DEBUG)")
        boolean verbose;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "show the version and exit")
        boolean version;

        @Parameters(paramLabel = "MODULE.wasm [GUEST-ARGS...]", arity = "0..*", hideParamSyntax = true,
                description = "the module to run, then its arguments")
        List<String> arguments = new ArrayList<>();

        CliOptions toOptions(Action action) throws UsageException {
            Path module = arguments.isEmpty() ? null : Path.of(arguments.get(0));
            List<String> guestArgs = arguments.isEmpty() ? List.of() : List.copyOf(arguments.subList(1, arguments.size()));
            Duration timeout = connectTimeout != null ? connectTimeout : lldbPlatform ? PLATFORM_CONNECT_TIMEOUT : null;
            return new CliOptions(action, listen, module, guestArgs, pairs("--module", libraries, true, Path::of),
                    pairs("--dir", directories, false, Path::of), pairs("--env", environment, true, value -> value),
                    noWait, profile, allowRemote, List.copyOf(sourceDirectories), verbose && !quiet,
                    quiet || lldbPlatform, exitOnDetach || lldbPlatform, timeout, warmUp);
        }

        /** NAME=VALUE arguments in order; without '=', either an error or the name standing for both. */
        private static <T> Map<String, T> pairs(String option, List<String> values, boolean valueRequired,
                java.util.function.Function<String, T> convert) throws UsageException {
            var result = new LinkedHashMap<String, T>();
            for (String value : values) {
                int sep = value.indexOf('=');
                if (sep < 0 && !valueRequired && !value.isEmpty()) {
                    result.put(value, convert.apply(value));
                } else if (sep <= 0) {
                    throw new UsageException(option + " takes " + (option.equals("--env") ? "KEY=VALUE" : "NAME=PATH")
                            + ", got '" + value + "'");
                } else {
                    result.put(value.substring(0, sep), convert.apply(value.substring(sep + 1)));
                }
            }
            return Collections.unmodifiableMap(result);
        }
    }

    private static final class ListenConverter implements ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (ListenAddress.InvalidListenAddressException e) {
                throw new TypeConversionException("--listen: " + e.getMessage());
            }
        }
    }

    private static final class ProfileConverter implements ITypeConverter<ClientProfile> {
        @Override
        public ClientProfile convert(String value) {
            return switch (value) {
                case "auto" -> null;
                case "lldb" -> ClientProfile.LLDB;
                case "gdb" -> ClientProfile.GDB;
                default -> throw new TypeConversionException("--client takes auto, lldb or gdb, got '" + value + "'");
            };
        }
    }

    /** A directory that exists: an empty value would mean the working directory, by accident. */
    private static final class SourceDirectoryConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("--source-dir needs a directory");
            }
            Path directory = Path.of(value);
            if (!Files.isDirectory(directory)) {
                throw new TypeConversionException("--source-dir: no such directory: " + value);
            }
            return directory;
        }
    }

    private static final class SecondsConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                double seconds = Double.parseDouble(value);
                if (seconds > 0 && seconds <= 86_400 * 365) {
                    return Duration.ofMillis(Math.round(seconds * 1000));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("--connect-timeout takes a number of seconds above 0, got '" + value + "'");
        }
    }
}
