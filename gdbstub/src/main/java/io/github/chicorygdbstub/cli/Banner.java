package io.github.chicorygdbstub.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The lines the command prints once it listens: one {@code listening} line, then what to type in
 * each client, so that a newcomer can copy one line into a shell.
 *
 * <pre>
 * chicory-gdbstub: listening on 127.0.0.1:1234; fib.wasm is stopped at its first instruction
 *   LLDB 22+  lldb -o 'process connect --plugin wasm connect://127.0.0.1:1234'
 *   LLDB 19   lldb-19 -o 'process connect connect://127.0.0.1:1234'
 *   GDB       gdb -ex 'target remote 127.0.0.1:1234'
 *   or let LLDB 22+ start this server itself ('lldb MODULE.wasm', then 'run'):
 *             lldb -O 'settings set ...runtime-path ...' ... examples/fib.wasm
 * </pre>
 */
final class Banner {
    /** The system property through which {@code bin/chicory-gdbstub} says where it is. */
    static final String LAUNCHER_PROPERTY = "chicory.gdbstub.launcher";

    private Banner() {}

    /**
     * @param address the bound address
     * @param module the module as the user named it
     * @param stoppedAtEntry whether the guest waits at its first instruction
     * @param launcher the launcher script, or null when unknown (the platform line is left out)
     */
    static String of(InetSocketAddress address, Path module, boolean stoppedAtEntry, String launcher) {
        String authority = ListenAddress.authority(address);
        var out = new StringBuilder();
        out.append("chicory-gdbstub: listening on ").append(authority).append("; ").append(module.getFileName())
                .append(stoppedAtEntry ? " is stopped at its first instruction" : " is running").append('\n');
        out.append("  LLDB 22+  lldb -o 'process connect --plugin wasm connect://").append(authority).append("'\n");
        out.append("  LLDB 19   lldb-19 -o 'process connect connect://").append(authority).append("'\n");
        out.append("  GDB       gdb -ex 'target remote ").append(authority).append("'\n");
        if (launcher != null) {
            out.append("  or let LLDB 22+ start this server itself ('lldb MODULE.wasm', then 'run'):\n")
                    .append("            ").append(platformCommand(launcher, module)).append('\n');
        }
        return out.toString();
    }

    /**
     * {@code lldb} with the Wasm platform's three settings. Values that start with '-' follow
     * {@code --}, or {@code settings set} would read them as its own options.
     */
    static String platformCommand(String launcher, Path module) {
        return "lldb -O 'settings set platform.plugin.wasm.runtime-path " + launcher + "'"
                + " -O 'settings set -- platform.plugin.wasm.port-arg -g=127.0.0.1:'"
                + " -O 'settings set -- platform.plugin.wasm.runtime-args --lldb-platform' " + module;
    }
}
