package io.github.chicorygdbstub.cli;

import io.github.chicorygdbstub.runtime.locate.Spelling;
import io.github.chicorygdbstub.session.ClientProfile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code chicory-gdbstub [options] [--] MODULE.wasm [GUEST-ARGS...]}, or with
 * {@code --compiled NAME} instead of the module, {@code chicory-gdbstub --class-path JARS
 * --compiled NAME [options] [--] [GUEST-ARGS...]}. The first argument that is not an option is the
 * module (or, with {@code --compiled}, the first guest argument), and everything after it belongs
 * to the guest, so a guest's own {@code -v} is never taken for ours.
 *
 * <p>Options take their value as the next argument, after {@code =} ({@code --listen=1234},
 * {@code -g=1234}) or glued to a short name ({@code -g1234}, which LLDB's Wasm platform passes).
 * Flags may be grouped ({@code -qv}). The options are a table ({@link #OPTIONS}) that both the
 * parser and the help read; the parser is hand-written rather than a library's because the
 * launcher's start-up time is what LLDB's platform waits for (a reflective parser cost about a
 * quarter of a second of it, and its classes could not be shared through the JVM's class data
 * archive).
 *
 * @param action what the command is asked to do
 * @param listen where to listen
 * @param module the main module's file, or null with {@code compiled}
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
 * @param idleTimeout disconnect a debugger that sends nothing for this long while the guest is stopped; null never does
 * @param classPath where {@code compiled} is looked up
 * @param compiled the class name of a build-time-compiled module whose embedded original is the
 *     main module, or null to run {@code module}
 */
record CliOptions(Action action, ListenAddress listen, Path module, List<String> guestArgs,
        Map<String, Path> libraries, Map<String, Path> directories, Map<String, String> environment, boolean noWait,
        ClientProfile profile, boolean allowRemote, List<Path> sourceDirectories, boolean verbose, boolean quiet,
        boolean exitOnDetach, Duration connectTimeout, boolean warmUp, Duration idleTimeout, List<Path> classPath,
        String compiled) {

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

    /** What an option does with its value (null for a flag). */
    @FunctionalInterface
    private interface Setter {
        void apply(Parsed parsed, String value) throws UsageException;
    }

    /**
     * One option: its names, the label of its value (null for a flag) and its help line.
     *
     * @param shortName one letter, or 0 for none
     */
    private record OptionSpec(char shortName, String longName, String valueLabel, String help, Setter setter) {
        boolean takesValue() {
            return valueLabel != null;
        }

        String names() {
            return (shortName != 0 ? "-" + shortName + ", " : "    ") + "--" + longName
                    + (takesValue() ? " " + valueLabel : "");
        }
    }

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec('g', "listen", "[HOST:]PORT", "where to listen (default 127.0.0.1:1234, or $" + LISTEN_VARIABLE
                    + "; port 0 picks a free port; IPv6 as [::1]:PORT)", (p, v) -> p.listen = listen(v)),
            new OptionSpec((char) 0, "module", "NAME=PATH", "link another module; its exports are importable as NAME.*",
                    (p, v) -> put(p.libraries, "--module", "NAME=PATH", v, true, Path::of)),
            new OptionSpec((char) 0, "dir", "GUEST[=HOST]", "preopen a host directory for the guest",
                    (p, v) -> put(p.directories, "--dir", "GUEST[=HOST]", v, false, Path::of)),
            new OptionSpec((char) 0, "env", "KEY=VALUE", "set a guest environment variable",
                    (p, v) -> put(p.environment, "--env", "KEY=VALUE", v, true, text -> text)),
            new OptionSpec((char) 0, "class-path", "PATHS", "jars or class folders (separated by '"
                    + java.io.File.pathSeparator + "') where --compiled finds its module", (p, v) -> p.classPath.addAll(paths(v))),
            new OptionSpec((char) 0, "compiled", "NAME", "run the original embedded in the build-time-compiled module"
                    + " NAME (made by 'chicory-gdbstub compile' or the Maven goal) instead of a MODULE.wasm; every"
                    + " argument that follows the options goes to the guest", (p, v) -> p.compiled = v),
            new OptionSpec((char) 0, "no-wait", null, "run at once; a debugger may attach later", (p, v) -> p.noWait = true),
            new OptionSpec((char) 0, "client", "auto|lldb|gdb", "client profile (default: detect from the first packets)",
                    (p, v) -> p.profile = profile(v)),
            new OptionSpec((char) 0, "allow-remote", null,
                    "allow a non-loopback listen address (RSP has no authentication)", (p, v) -> p.allowRemote = true),
            new OptionSpec((char) 0, "source-dir", "DIR", "let 'monitor list' show source files found under DIR"
                    + " (repeatable; without it no source file is read)", (p, v) -> p.sourceDirectories.add(directory(v))),
            new OptionSpec((char) 0, "exit-on-detach", null,
                    "end the guest and exit when the debugger detaches or disconnects", (p, v) -> p.exitOnDetach = true),
            new OptionSpec((char) 0, "connect-timeout", "SECONDS",
                    "end the guest and exit (code 3) if no debugger connects within SECONDS",
                    (p, v) -> p.connectTimeout = seconds("--connect-timeout", v)),
            new OptionSpec((char) 0, "idle-timeout", "SECONDS", "disconnect a debugger that sends nothing for SECONDS"
                    + " while the guest is stopped, which then runs on (default: never)",
                    (p, v) -> p.idleTimeout = seconds("--idle-timeout", v)),
            new OptionSpec((char) 0, "lldb-platform", null, "as LLDB's Wasm platform launches it ('lldb prog.wasm',"
                    + " then 'run'): --quiet --exit-on-detach --connect-timeout 30", (p, v) -> p.lldbPlatform = true),
            new OptionSpec((char) 0, "warm-up", null, "rehearse a module download before listening: the first LLDB"
                    + " load of a large module is faster, the banner comes about half a second later",
                    (p, v) -> p.warmUp = true),
            new OptionSpec('q', "quiet", null, "print no banner and log only warnings and errors", (p, v) -> p.quiet = true),
            new OptionSpec('v', "verbose", null, "log every packet as it crosses the socket (DEBUG)",
                    (p, v) -> p.verbose = true),
            new OptionSpec('h', "help", null, "show this help and exit", (p, v) -> p.action = Action.HELP),
            new OptionSpec('V', "version", null, "show the version and exit", (p, v) -> p.action = Action.VERSION));

    private static final int HELP_COLUMN = 30;
    private static final int USAGE_WIDTH = 100;

    String host() {
        return listen.host();
    }

    int port() {
        return listen.port();
    }

    /** The usage text, as {@code --help} prints it. */
    static String usage() {
        var out = new StringBuilder("""
                Usage: chicory-gdbstub [OPTIONS] [--] MODULE.wasm [GUEST-ARGS...]
                       chicory-gdbstub --class-path JARS --compiled NAME [OPTIONS] [--] [GUEST-ARGS...]
                       chicory-gdbstub compile MODULE.wasm --name NAME -o JAR   (compile --help for more)

                Runs a WebAssembly module in Chicory and serves it to LLDB or GDB over the GDB remote protocol.
                It waits, stopped at its first instruction, until a debugger connects.

                Options:
                """);
        for (OptionSpec option : OPTIONS) {
            String names = option.names();
            out.append("  ").append(names);
            int column = 2 + names.length();
            if (column > HELP_COLUMN - 2) {
                out.append('\n');
                column = 0;
            }
            for (String word : option.help().split(" ")) {
                // Help text from column 30, wrapped at 100, as a terminal shows it without scrolling sideways.
                if (column >= HELP_COLUMN && column + 1 + word.length() <= USAGE_WIDTH) {
                    out.append(' ');
                    column++;
                } else {
                    out.append(column >= HELP_COLUMN ? "\n" : "").append(" ".repeat(column >= HELP_COLUMN ? HELP_COLUMN
                            : HELP_COLUMN - column));
                    column = HELP_COLUMN;
                }
                out.append(word);
                column += word.length();
            }
            out.append('\n');
        }
        return out.append("""

                The guest's stdout and stderr pass through; the command exits with the guest's exit code (134
                after a trap, 137 after a kill, 2 for a bad command line or module).
                """).toString();
    }

    /** Parses a command line, with the default listen address from {@link #LISTEN_VARIABLE}. */
    static CliOptions parse(String[] args) throws UsageException {
        return parse(args, System.getenv(LISTEN_VARIABLE));
    }

    /** Parses a command line; {@code listenVariable} (may be null) replaces the default listen address. */
    static CliOptions parse(String[] args, String listenVariable) throws UsageException {
        var parsed = new Parsed();
        if (listenVariable != null && !listenVariable.isEmpty()) {
            try {
                parsed.listen = listen(listenVariable);
            } catch (UsageException e) {
                throw new UsageException("$" + LISTEN_VARIABLE + e.getMessage().substring("--listen".length()));
            }
        }
        int i = 0;
        while (i < args.length && parsed.action == Action.SERVE) {
            String arg = args[i++];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                i--;
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                OptionSpec option = byLongName(eq < 0 ? arg.substring(2) : arg.substring(2, eq), arg);
                if (!option.takesValue() && eq >= 0) {
                    throw new UsageException("--" + option.longName() + " takes no value");
                }
                String value = !option.takesValue() ? null : eq >= 0 ? arg.substring(eq + 1) : next(args, i++, option);
                option.setter().apply(parsed, value);
            } else {
                i = shortOptions(args, i, arg, parsed);
            }
        }
        if (parsed.action != Action.SERVE) {
            return parsed.toOptions(null, List.of());
        }
        if (parsed.compiled != null) {
            if (parsed.classPath.isEmpty()) {
                throw new UsageException("--compiled needs --class-path, the jars that hold " + parsed.compiled);
            }
            return parsed.toOptions(null, List.of(args).subList(i, args.length));
        }
        if (!parsed.classPath.isEmpty()) {
            throw new UsageException("--class-path is only for --compiled NAME");
        }
        if (i >= args.length) {
            throw new UsageException("no module given");
        }
        return parsed.toOptions(Path.of(args[i]), List.of(args).subList(i + 1, args.length));
    }

    /** {@code -g VALUE}, {@code -gVALUE}, {@code -g=VALUE} or a group of flags {@code -qv}; returns the next index. */
    private static int shortOptions(String[] args, int i, String arg, Parsed parsed) throws UsageException {
        for (int c = 1; c < arg.length(); c++) {
            OptionSpec option = byShortName(arg.charAt(c), arg);
            if (option.takesValue()) {
                String rest = arg.substring(c + 1);
                String value = rest.isEmpty() ? next(args, i++, option) : rest.startsWith("=") ? rest.substring(1) : rest;
                option.setter().apply(parsed, value);
                return i;
            }
            option.setter().apply(parsed, null);
        }
        return i;
    }

    private static String next(String[] args, int index, OptionSpec option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException("--" + option.longName() + " needs a value (" + option.valueLabel() + ")");
        }
        return args[index];
    }

    private static OptionSpec byLongName(String name, String arg) throws UsageException {
        for (OptionSpec option : OPTIONS) {
            if (option.longName().equals(name)) {
                return option;
            }
        }
        throw unknown(arg, name);
    }

    private static OptionSpec byShortName(char name, String arg) throws UsageException {
        for (OptionSpec option : OPTIONS) {
            if (option.shortName() == name) {
                return option;
            }
        }
        throw unknown(arg, String.valueOf(name));
    }

    /** The unknown option, with the closest known one when it looks like a typo of it. */
    private static UsageException unknown(String arg, String name) {
        String shown = arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
        Optional<String> closest = name.length() < 2 ? Optional.empty() : OPTIONS.stream()
                .map(OptionSpec::longName)
                .filter(known -> Spelling.distance(known, name) <= Math.max(1, known.length() / 4)
                        || known.startsWith(name))
                .min((a, b) -> Integer.compare(Spelling.distance(a, name), Spelling.distance(b, name)));
        return new UsageException("unknown option " + shown + closest.map(known -> " (did you mean --" + known + "?)")
                .orElse(""));
    }

    private static ListenAddress listen(String value) throws UsageException {
        try {
            return ListenAddress.parse(value);
        } catch (ListenAddress.InvalidListenAddressException e) {
            throw new UsageException("--listen: " + e.getMessage());
        }
    }

    private static List<Path> paths(String value) throws UsageException {
        var paths = new ArrayList<Path>();
        for (String entry : value.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
            if (entry.isEmpty()) {
                continue;
            }
            paths.add(Path.of(entry)); // checked as the module is loaded, as a module file is
        }
        if (paths.isEmpty()) {
            throw new UsageException("--class-path needs at least one jar or directory");
        }
        return paths;
    }

    private static ClientProfile profile(String value) throws UsageException {
        return switch (value) {
            case "auto" -> null;
            case "lldb" -> ClientProfile.LLDB;
            case "gdb" -> ClientProfile.GDB;
            default -> throw new UsageException("--client takes auto, lldb or gdb, got '" + value + "'");
        };
    }

    /** A directory that exists: an empty value would mean the working directory, by accident. */
    private static Path directory(String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("--source-dir needs a directory");
        }
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
            throw new UsageException("--source-dir: no such directory: " + value);
        }
        return directory;
    }

    private static Duration seconds(String option, String value) throws UsageException {
        try {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.signum() > 0 && seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) <= 0) {
                return Duration.ofMillis(seconds.movePointRight(3).longValue());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a number of seconds above 0, got '" + value + "'");
    }

    /** NAME=VALUE; without '=', either an error or the name standing for both ({@code --dir /data}). */
    private static <T> void put(Map<String, T> map, String option, String form, String value, boolean valueRequired,
            java.util.function.Function<String, T> convert) throws UsageException {
        int sep = value.indexOf('=');
        if (sep < 0 && !valueRequired && !value.isEmpty()) {
            map.put(value, convert.apply(value));
        } else if (sep <= 0) {
            throw new UsageException(option + " takes " + form + ", got '" + value + "'");
        } else {
            map.put(value.substring(0, sep), convert.apply(value.substring(sep + 1)));
        }
    }

    /** The options seen so far. */
    private static final class Parsed {
        Action action = Action.SERVE;
        ListenAddress listen = ListenAddress.DEFAULT;
        final Map<String, Path> libraries = new LinkedHashMap<>();
        final Map<String, Path> directories = new LinkedHashMap<>();
        final Map<String, String> environment = new LinkedHashMap<>();
        boolean noWait;
        ClientProfile profile;
        boolean allowRemote;
        final List<Path> sourceDirectories = new ArrayList<>();
        boolean exitOnDetach;
        Duration connectTimeout;
        Duration idleTimeout;
        boolean lldbPlatform;
        boolean warmUp;
        final List<Path> classPath = new ArrayList<>();
        String compiled;
        boolean quiet;
        boolean verbose;

        CliOptions toOptions(Path module, List<String> guestArgs) {
            boolean silent = quiet || lldbPlatform;
            Duration timeout = connectTimeout != null ? connectTimeout : lldbPlatform ? PLATFORM_CONNECT_TIMEOUT : null;
            return new CliOptions(action, listen, module, List.copyOf(guestArgs),
                    Collections.unmodifiableMap(libraries), Collections.unmodifiableMap(directories),
                    Collections.unmodifiableMap(environment), noWait, profile, allowRemote,
                    List.copyOf(sourceDirectories), verbose && !silent, silent, exitOnDetach || lldbPlatform, timeout,
                    warmUp, idleTimeout, List.copyOf(classPath), compiled);
        }
    }
}
