package dev.chicory.gdbstub.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks and prints the results table of docs/performance.md. Every ratio compares
 * two things measured in this same run: absolute times on a shared machine mean little.
 *
 * <p>Usage: {@code Benchmarks ROOT [all|NAME,NAME...]} with names {@code lldb}, {@code tax},
 * {@code throughput}, {@code step}, {@code cycle}, {@code memory}. {@code scripts/bench.sh} calls it.
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
        all.put("tax", () -> new DebugTax(9).run());
        all.put("throughput", () -> new ModuleThroughput(7).run());
        all.put("step", () -> new StepLatency(20).run());
        all.put("cycle", () -> new StopCycle(5_000).run());
        all.put("memory", () -> new ModuleMemory().run());
        String selection = args.length > 1 ? args[1] : "all";
        Set<String> chosen = selection.equals("all") ? all.keySet() : Set.copyOf(Arrays.asList(selection.split(",")));

        List<String> table = new ArrayList<>(List.of(
                "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                        + Runtime.version() + ", by `scripts/bench.sh " + selection + "`.",
                "",
                "| figure | measured | ratio | target | |",
                "|---|---|---|---|---|"));
        for (var bench : all.entrySet()) {
            if (!chosen.contains(bench.getKey())) {
                continue;
            }
            System.err.println("bench: " + bench.getKey() + "...");
            for (Figure figure : bench.getValue().run()) {
                table.add(figure.row());
                System.err.println("bench:   " + figure.row());
            }
        }
        String text = String.join("\n", table) + "\n";
        System.out.print(text);
        Path results = root.resolve("benchmarks/target/results.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, text, StandardCharsets.UTF_8);
        System.err.println("bench: table written to " + results);
    }
}
