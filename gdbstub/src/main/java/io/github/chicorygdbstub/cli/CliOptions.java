package io.github.chicorygdbstub.cli;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code chicory-gdbstub [options] MODULE.wasm [GUEST-ARGS...]}. Everything
 * after the module path belongs to the guest.
 *
 * @param host listen address
 * @param port listen port (0 = any free port)
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
 */
record CliOptions(String host, int port, Path module, List<String> guestArgs, Map<String, Path> libraries,
        Map<String, Path> directories, Map<String, String> environment, boolean noWait, ClientProfile profile,
        boolean allowRemote, List<Path> sourceDirectories, boolean verbose) {

    static final int DEFAULT_PORT = 1234;

    static final String USAGE = """
            usage: chicory-gdbstub [options] MODULE.wasm [GUEST-ARGS...]

            Runs a WebAssembly module in Chicory and serves it to LLDB or GDB over the GDB remote protocol.

            options:
              -g, --listen [HOST:]PORT  where to listen (default 127.0.0.1:1234; port 0 picks a free port)
                  --module NAME=PATH    link another module; its exports are importable as NAME.*
                  --dir GUEST[=HOST]    preopen a host directory for the guest
                  --env KEY=VALUE       set a guest environment variable
                  --no-wait             run at once; a debugger may attach later
                  --client auto|lldb|gdb  client profile (default: detect from the first packets)
                  --allow-remote        allow listening on a non-loopback address (no authentication!)
                  --source-dir DIR      let 'monitor list' show source files found under DIR (repeatable;
                                        without it no source file is read)
              -v, --verbose             log every packet (DEBUG)
              -h, --help                show this help
            """;

    /** Thrown for a command line that cannot be understood. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CliOptions parse(String[] args) throws UsageException {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        Path module = null;
        var guestArgs = new ArrayList<String>();
        var libraries = new LinkedHashMap<String, Path>();
        var directories = new LinkedHashMap<String, Path>();
        var environment = new LinkedHashMap<String, String>();
        boolean noWait = false;
        ClientProfile profile = null;
        boolean allowRemote = false;
        var sourceDirectories = new ArrayList<Path>();
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (module != null) {
                guestArgs.add(arg);
                continue;
            }
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "-g", "--listen" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    int colon = value.lastIndexOf(':');
                    if (colon >= 0) {
                        host = value.substring(0, colon);
                        value = value.substring(colon + 1);
                    }
                    port = port(value);
                }
                case "--module" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    int sep = value.indexOf('=');
                    if (sep <= 0) {
                        throw new UsageException("--module takes NAME=PATH, got '" + value + "'");
                    }
                    libraries.put(value.substring(0, sep), Path.of(value.substring(sep + 1)));
                }
                case "--dir" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    int sep = value.indexOf('=');
                    directories.put(sep < 0 ? value : value.substring(0, sep),
                            Path.of(sep < 0 ? value : value.substring(sep + 1)));
                }
                case "--env" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    int sep = value.indexOf('=');
                    if (sep <= 0) {
                        throw new UsageException("--env takes KEY=VALUE, got '" + value + "'");
                    }
                    environment.put(value.substring(0, sep), value.substring(sep + 1));
                }
                case "--client" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    profile = switch (value) {
                        case "auto" -> null;
                        case "lldb" -> ClientProfile.LLDB;
                        case "gdb" -> ClientProfile.GDB;
                        default -> throw new UsageException("--client takes auto, lldb or gdb, got '" + value + "'");
                    };
                }
                case "--source-dir" -> sourceDirectories.add(sourceDirectory(inlineValue != null ? inlineValue : value(args, ++i, name)));
                case "--no-wait" -> noWait = true;
                case "--allow-remote" -> allowRemote = true;
                case "-v", "--verbose" -> verbose = true;
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    module = Path.of(arg);
                }
            }
        }
        if (module == null) {
            throw new UsageException("no module given");
        }
        return new CliOptions(host, port, module, List.copyOf(guestArgs), java.util.Collections.unmodifiableMap(libraries),
                java.util.Collections.unmodifiableMap(directories), java.util.Collections.unmodifiableMap(environment), noWait, profile, allowRemote, List.copyOf(sourceDirectories), verbose);
    }

    /** A directory that exists: an empty value would mean the working directory, by accident. */
    private static Path sourceDirectory(String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("--source-dir needs a directory");
        }
        Path directory = Path.of(value);
        if (!java.nio.file.Files.isDirectory(directory)) {
            throw new UsageException("--source-dir: no such directory: " + value);
        }
        return directory;
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid port '" + text + "'");
        }
    }
}
