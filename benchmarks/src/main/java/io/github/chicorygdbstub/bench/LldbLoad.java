package io.github.chicorygdbstub.bench;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall time of {@code lldb-19 --batch -o 'process connect …' -o 'image list'} on the large module,
 * divided by LLDB's start-up alone ({@code -o version}), interleaved in one run. Each load gets a
 * fresh server started through {@code bin/chicory-gdbstub}, as a user starts it.
 */
final class LldbLoad {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private final Path root;
    private final int rounds;

    LldbLoad(Path root, int rounds) {
        this.root = root;
        this.rounds = rounds;
    }

    List<Figure> run() throws Exception {
        var load = new Samples();
        var startup = new Samples();
        Path empty = Files.createTempDirectory("lldb-load");
        for (int round = -1; round < rounds; round++) {
            double s = time(empty, "-o", "version");
            double l = loadOnce(empty);
            if (round >= 0) {
                startup.add(s);
                load.add(l);
            }
        }
        // Then a server that stays up across sessions (what a second debugging session meets). Its
        // guest spins on one core, so LLDB's start-up is measured again beside it.
        var warm = new Samples();
        var warmStartup = new Samples();
        Process running = startServer("--no-wait", Fixtures.wasm("spin").toString());
        try {
            int port = awaitPort(running);
            for (int round = -1; round < rounds; round++) {
                double s = time(empty, "-o", "version");
                double w = time(empty, "-o", "process connect connect://127.0.0.1:" + port, "-o", "image list",
                        "-o", "process detach");
                if (round >= 0) {
                    warmStartup.add(s);
                    warm.add(w);
                }
            }
        } finally {
            stop(running);
        }
        double ratio = load.median() / startup.median();
        return List.of(
                new Figure("LLDB connect + `image list` of big.wasm, fresh server (median), ratio to LLDB start-up",
                        load.median() * 1000, "ms", ratio, "≤ 1.5", ratio <= 1.5),
                new Figure("LLDB start-up alone, `lldb-19 --batch -o version` (median)", startup.median() * 1000, "ms",
                        1.0, "", true),
                new Figure("LLDB connect + `image list` + detach, spin.wasm, server after its first session (median),"
                        + " ratio to LLDB start-up measured beside it", warm.median() * 1000, "ms",
                        warm.median() / warmStartup.median(), "", true));
    }

    private double loadOnce(Path directory) throws Exception {
        Process server = startServer(Fixtures.wasm("big").toString());
        try {
            int port = awaitPort(server);
            return time(directory, "-o", "process connect connect://127.0.0.1:" + port, "-o", "image list");
        } finally {
            stop(server);
        }
    }

    private Process startServer(String... arguments) throws IOException {
        var command = new java.util.ArrayList<>(List.of(root.resolve("bin/chicory-gdbstub").toString(),
                "--listen", "127.0.0.1:0"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private static int awaitPort(Process server) throws IOException {
        var stderr = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = stderr.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> stderr.lines().forEach(ignored -> { }), "server-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("the server did not start");
    }

    /** Seconds for one {@code lldb-19 --batch} run with these arguments. */
    private static double time(Path directory, String... arguments) throws Exception {
        var command = new java.util.ArrayList<>(List.of("lldb-19", "--no-lldbinit", "--batch"));
        command.addAll(List.of(arguments));
        long start = System.nanoTime();
        Process lldb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).start();
        String out = new String(lldb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Checks.check(lldb.waitFor(120, TimeUnit.SECONDS), "lldb did not finish");
        double seconds = (System.nanoTime() - start) / 1e9;
        Checks.check(lldb.exitValue() == 0, "lldb failed:\n" + out);
        if (command.contains("image list") && !command.contains("process detach")) {
            Checks.check(out.contains("big.wasm"), "image list did not show big.wasm:\n" + out);
        }
        return seconds;
    }
}
