package io.github.chicorygdbstub.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The external programs these tests drive. A missing one fails the test; it never skips it. */
final class Tools {
    static final String LLDB = "lldb-19";
    static final String GDB = "gdb";
    static final String PYTHON = "python3";

    private Tools() {}

    /** The program's path on {@code PATH}, or an assertion error that says how to install it. */
    static Path require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not installed; run scripts/install-deps.sh "
                + "(it installs lldb-19, python3-lldb-19, liblldb-19-dev, gdb, clang-16, lld-16, wasi-libc, wabt)");
    }

    /** Where LLDB's Python module lives ({@code lldb-19 -P}), for {@code import lldb}. */
    static String lldbPythonPath() {
        try {
            Process lldb = new ProcessBuilder(require(LLDB).toString(), "-P").redirectErrorStream(true).start();
            String path = new String(lldb.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (Processes.awaitExit(lldb, Duration.ofSeconds(30)) != 0 || !Files.isDirectory(Path.of(path))) {
                throw new AssertionError("lldb-19 -P gave no Python path (" + path + "); run scripts/install-deps.sh "
                        + "(python3-lldb-19 and liblldb-19-dev)");
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root, where {@code bin/chicory-gdbstub} lives. */
    static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }
}
