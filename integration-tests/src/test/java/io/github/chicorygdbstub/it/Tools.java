package io.github.chicorygdbstub.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * LLDB 22, run through {@code scripts/lldb-22} from the prefix {@code scripts/install-deps.sh}
     * unpacks it into (apt cannot install it beside LLDB 19).
     */
    static Path lldb22() {
        Path prefix = Path.of(System.getenv().getOrDefault("CHICORY_GDBSTUB_LLDB22_PREFIX", "/opt/chicory-gdbstub/lldb-22"));
        if (!Files.isExecutable(prefix.resolve("usr/lib/llvm-22/bin/lldb"))) {
            throw new AssertionError("LLDB 22 is not unpacked in " + prefix + "; run scripts/install-deps.sh");
        }
        return projectRoot().resolve("scripts/lldb-22");
    }

    /** LLDB 22's Debug Adapter Protocol server, run through {@code scripts/lldb-dap-22}. */
    static Path lldbDap22() {
        lldb22();
        return projectRoot().resolve("scripts/lldb-dap-22");
    }

    /**
     * A jar the reactor built before this module, by name: {@code classifier} is {@code ""} for
     * the module's own jar, {@code "-cli"} for the command-line jar.
     */
    static Path builtJar(String module, String classifier) {
        Path jar = projectRoot().resolve(module).resolve("target")
                .resolve(module + "-" + System.getProperty("project.version") + classifier + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the reactor packages " + module + " before this module");
        }
        return jar;
    }

    /** The repository root, where {@code bin/chicory-gdbstub} lives. */
    static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }
}
