package io.github.chicorygdbstub.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks and prints the results table of docs/performance.md. Every ratio compares
 * two things measured in this same run: absolute times on a shared machine mean little.
 *
 * <p>Usage: {@code Benchmarks ROOT [all|NAME,NAME...|rows:NAME,...]} with names {@code lldb}, {@code tax},
 * {@code watch}, {@code calls}, {@code plugin}, {@code throughput}, {@code step}, {@code cycle}, {@code memory}, {@code compiled}. {@code scripts/bench.sh} calls it.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** A benchmark that produces figures. */
    @FunctionalInterface
    private interface Bench {
        List<Figure> run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, Bench> all = new LinkedHashMap<>();
        // LLDB first: it times separate processes, best measured before this JVM has run anything heavy.
        all.put("lldb", () -> new LldbLoad(root, 9).run());
        all.put("tax", () -> DebugTax.ofTheDebugger(5, 3).run());
        all.put("watch", () -> DebugTax.ofAWatchpoint(2, 3).run());
        all.put("calls", () -> DebugTax.ofExportCalls(false, 5, 10).run());
        all.put("plugin", () -> DebugTax.ofExportCalls(true, 2, 5).run());
        all.put("throughput", () -> new ModuleThroughput(7).run());
        all.put("step", () -> new StepLatency(20).run());
        all.put("cycle", () -> new StopCycle(5_000).run());
        all.put("memory", () -> new ModuleMemory().run());
        all.put("compiled", () -> new CompiledArtifacts(root, 10).run());
        String selection = args.length > 1 ? args[1] : "all";
        // "rows:NAME": rows only, to append to a table begun by an earlier run (scripts/bench.sh runs
        // each benchmark in a JVM of its own, so none inherits another's heap or compiled code).
        boolean rowsOnly = selection.startsWith("rows:");
        if (rowsOnly) {
            selection = selection.substring("rows:".length());
        }
        Set<String> chosen = selection.equals("all") ? all.keySet() : Set.copyOf(Arrays.asList(selection.split(",")));

        if (!rowsOnly) {
            System.out.println("Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores, Java " + Runtime.version() + ", by `scripts/bench.sh`.");
            System.out.println();
            System.out.println("| figure | measured | ratio | target | |");
            System.out.println("|---|---|---|---|---|");
        }
        for (var bench : all.entrySet()) {
            if (!chosen.contains(bench.getKey())) {
                continue;
            }
            System.err.println("bench: " + bench.getKey() + "...");
            for (Figure figure : bench.getValue().run()) {
                System.out.println(figure.row());
                System.out.flush();
            }
        }
    }
}
