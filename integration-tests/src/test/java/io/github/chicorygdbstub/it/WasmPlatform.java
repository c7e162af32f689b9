package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LLDB 22's Wasm platform starting {@code bin/chicory-gdbstub} itself ({@code lldb prog.wasm},
 * then {@code run}), and the servers it started. A server is told apart from every other
 * process by the module's path, a copy in a directory of the test's own: the server's Java
 * command line holds that path after the launcher property, which no debugger's command line has.
 */
final class WasmPlatform {
    private static final String LAUNCHER_PROPERTY = "-Dchicory.gdbstub.launcher=";
    private static final Pattern SERVERS = Pattern.compile("(?m)^servers: \\[([0-9 ]*)\\]$");

    private WasmPlatform() {}

    /** The three settings the server's banner prints, with this {@code port-arg}. */
    static List<String> settings(String portArg) {
        return List.of(
                "settings set platform.plugin.wasm.runtime-path " + Tools.projectRoot().resolve("bin/chicory-gdbstub"),
                "settings set -- platform.plugin.wasm.port-arg " + portArg,
                "settings set -- platform.plugin.wasm.runtime-args --lldb-platform");
    }

    /** A copy of the fixture at a path no other test uses, the marker of the servers started for it. */
    static Path uniqueCopy(String fixture, Path directory) {
        try {
            return Files.copy(Fixtures.wasm(fixture), directory.resolve(fixture + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An LLDB command that prints {@code servers: [PIDS]}, the servers running for this module,
     * from LLDB's own Python while LLDB holds the process stopped. The pattern's {@code [.]}
     * keeps pgrep from matching the command lines that carry the pattern itself.
     */
    static String listServersCommand(Path module) {
        String pattern = "chicory[.]gdbstub[.]launcher=.*" + module.toString().replace(".", "[.]");
        return "script import subprocess; print('servers: [' + ' '.join(subprocess.run(['pgrep', '-f', '"
                + pattern + "'], capture_output=True, text=True).stdout.split()) + ']')";
    }

    /** The process ids {@link #listServersCommand} printed. */
    static List<Long> listedServers(String lldbOutput) {
        Matcher listed = SERVERS.matcher(lldbOutput);
        assertThat(listed.find()).as(lldbOutput).isTrue();
        var pids = new ArrayList<Long>();
        for (String pid : listed.group(1).trim().split("\\s+")) {
            if (!pid.isEmpty()) {
                pids.add(Long.parseLong(pid));
            }
        }
        return pids;
    }

    /** Servers running now for this module. */
    static List<ProcessHandle> running(Path module) {
        return ProcessHandle.allProcesses().filter(process -> {
            String arguments = String.join(" ", process.info().arguments().orElse(new String[0]));
            return arguments.contains(LAUNCHER_PROPERTY) && arguments.contains(module.toString());
        }).toList();
    }

    /** Waits for each of these processes to end, then checks that no server for the module is left. */
    static void awaitNoServerLeft(List<Long> pids, Path module, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var all = new ArrayList<ProcessHandle>(running(module));
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(all::add));
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Started by this test's debugger: end it, so a failure does not leave it behind.
                process.destroyForcibly();
                throw new AssertionError("server " + process.pid() + " for " + module + " still runs after " + timeout);
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(running(module)).as("servers left for " + module).isEmpty();
    }
}
