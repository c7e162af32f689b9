package io.github.chicorygdbstub.bench;

import io.github.chicorygdbstub.bench.GuestTimer.Setup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Guest run time under the debugger divided by plain Chicory interpreter time, for a
 * compute-heavy guest (recursive fib and a loop over a 1 MiB buffer): (a) debuggable, no
 * breakpoints; (b) breakpoints in functions that never run; (c) through the server with a client
 * attached that has continued. One more row shows the floor: plain Chicory with an empty
 * execution listener, what Chicory's per-instruction listener call costs by itself.
 *
 * <p>Each setup runs in JVMs of its own ({@link GuestTimer} forks): plain and debuggable
 * instances share Chicory's interpreter loop, and in one JVM whichever ran first would shape the
 * JIT's compilation of it for both (measured: plain Chicory ran 14-24 % slower in a JVM that had
 * also run debuggable instances). A set is one fork per arm (plain Chicory twice), started
 * together and kept alive; they take turns, one run each per round, in a balanced order (each arm
 * follows each other one equally often), so that the machine's slow spells (runs 30-50 % slower
 * for seconds) hit all of them. A JVM's time is its fastest measured run, because slow spells
 * only ever add time, while within one JVM undisturbed runs agree within 2-3 %. Between JVMs the
 * same setup differs by 20 % and more (each JVM recompiles the 4 KB interpreter loop from a
 * profile taken at a different moment, and keeps what it got), so a setup's figure is the median
 * of its JVMs divided by the median of all plain JVMs, and each row names the range of its JVMs
 * against that median; the plain row's own range is the benchmark's resolution.
 *
 * <p>The same method prices an idle watchpoint ({@link #ofAWatchpoint}), against a debuggable
 * instance with nothing armed instead of plain Chicory.
 */
final class DebugTax {
    private static final int WARMUPS = 3;
    private static final double NO_TARGET = Double.NaN;

    /** A row of the results, for the JVMs of one setup. */
    private record Row(Setup setup, String name, double target) {}

    /** Names the sets in the progress lines. */
    private final String label;
    private final int sets;
    private final int rounds;
    /** The forks of a set; the first arm is the reference every row is divided by. */
    private final List<Setup> arms;
    private final String referenceName;
    private final List<Row> rows;

    private DebugTax(String label, int sets, int rounds, List<Setup> arms, String referenceName, List<Row> rows) {
        this.label = label;
        this.sets = sets;
        this.rounds = rounds;
        this.arms = arms;
        this.referenceName = referenceName;
        this.rows = rows;
    }

    /** The debug tax: plain Chicory twice per set, because every other row is divided by its median. */
    static DebugTax ofTheDebugger(int sets, int rounds) {
        return new DebugTax("tax", sets, rounds, List.of(Setup.PLAIN, Setup.PLAIN, Setup.EMPTY_LISTENER,
                Setup.DEBUGGABLE, Setup.IDLE_BREAKPOINTS, Setup.ATTACHED), "plain Chicory run of compute.wasm", List.of(
                new Row(Setup.EMPTY_LISTENER, "floor: plain Chicory with an empty execution listener", NO_TARGET),
                new Row(Setup.DEBUGGABLE, "debug tax (a): debuggable, no breakpoints", 1.05),
                new Row(Setup.IDLE_BREAKPOINTS, "debug tax (b): breakpoints in functions never run", 1.10),
                new Row(Setup.ATTACHED, "debug tax (c): client attached and continued", 1.05)));
    }

    /** What a watchpoint costs while nothing touches it: every instruction takes the hook's slow path. */
    static DebugTax ofAWatchpoint(int sets, int rounds) {
        return new DebugTax("watch", sets, rounds, List.of(Setup.DEBUGGABLE, Setup.IDLE_WATCHPOINT, Setup.DEBUGGABLE,
                Setup.IDLE_WATCHPOINT), "debuggable run of compute.wasm, nothing armed", List.of(
                new Row(Setup.IDLE_WATCHPOINT, "the same with a watchpoint on 4 bytes nothing touches", NO_TARGET)));
    }

    /**
     * What an export call costs on an instrumented instance with nothing armed and no debugger
     * attached, against plain Chicory: {@link ExportCalls} of the reactor (pure call overhead) or,
     * with {@code plugin}, of the C plugin (a little work per call).
     */
    static DebugTax ofExportCalls(boolean plugin, int sets, int rounds) {
        Setup plain = plugin ? Setup.PLAIN_PLUGIN_CALLS : Setup.PLAIN_CALLS;
        Setup instrumented = plugin ? Setup.INSTRUMENTED_PLUGIN_CALLS : Setup.INSTRUMENTED_CALLS;
        ExportCalls.Guest guest = plugin ? ExportCalls.Guest.PLUGIN : ExportCalls.Guest.REACTOR;
        String calls = String.format("%,d × process(x) of %s", guest.calls, plugin ? "plugin.c, x = 1..4" : "reactor.wat");
        return new DebugTax(plugin ? "plugin calls" : "calls", sets, rounds,
                List.of(plain, instrumented, plain, instrumented), "plain Chicory: " + calls, List.of(
                new Row(instrumented, "export call: " + calls + ", instrumented vs plain Chicory", 1.05)));
    }

    List<Figure> run() throws Exception {
        Map<Setup, Samples> fastest = new EnumMap<>(Setup.class);
        for (int set = 0; set < sets; set++) {
            List<Samples> times = measureSet(set);
            var summary = new StringBuilder(label + " set " + set + ":");
            for (int arm = 0; arm < arms.size(); arm++) {
                double armFastest = times.get(arm).min();
                fastest.computeIfAbsent(arms.get(arm), setup -> new Samples()).add(armFastest);
                summary.append(String.format(" %s %.0f ms", arms.get(arm), armFastest * 1000));
            }
            System.err.println(summary);
        }
        Samples base = fastest.get(arms.get(0));
        double reference = base.median();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(String.format("%s, fastest of %d runs, median of %d JVMs (JVMs: %.3f-%.3f)",
                referenceName, rounds, base.size(), base.min() / reference, base.max() / reference),
                reference * 1000, "ms", 1.0, "", true));
        for (Row row : rows) {
            figures.add(figure(row, fastest.get(row.setup()), reference));
        }
        return figures;
    }

    /**
     * One set: a fork per arm, warm-up rounds, then {@link #rounds} measured ones, whose times it
     * returns; the rows of the order shift by one per set, so that the measured rounds of all
     * sets use every row.
     */
    private List<Samples> measureSet(int set) throws Exception {
        List<Samples> times = samplesPerArm();
        List<ForkedJvm> forks = new ArrayList<>();
        try {
            for (Setup setup : arms) {
                forks.add(new ForkedJvm(GuestTimer.class, List.of(setup.name())));
            }
            for (int round = -WARMUPS; round < rounds; round++) {
                for (int arm : williamsRow(round + set, arms.size())) {
                    double seconds = Double.parseDouble(forks.get(arm).ask("run"));
                    if (round >= 0) {
                        times.get(arm).add(seconds);
                    }
                }
            }
            return times;
        } finally {
            forks.forEach(ForkedJvm::close);
        }
    }

    /**
     * Row {@code row} of a Williams square for an even number of arms: 0, 1, n-1, 2, n-2, ...
     * shifted by the row. Over n rows every arm runs once right after each other one, so no arm
     * always inherits the machine state (caches, a slow spell) another one leaves behind.
     */
    static int[] williamsRow(int row, int arms) {
        Checks.check(arms % 2 == 0, "a Williams square of one row per arm needs an even number of arms");
        int[] order = new int[arms];
        for (int position = 0; position < arms; position++) {
            int base = position % 2 == 1 ? (position + 1) / 2 : (arms - position / 2) % arms;
            order[position] = Math.floorMod(base + row, arms);
        }
        return order;
    }

    private List<Samples> samplesPerArm() {
        List<Samples> samples = new ArrayList<>();
        arms.forEach(arm -> samples.add(new Samples()));
        return samples;
    }

    /** The median of the setup's JVMs against the median of the plain ones. */
    private static Figure figure(Row row, Samples fastest, double reference) {
        double ratio = fastest.median() / reference;
        String name = String.format("%s (JVMs: %.3f-%.3f)", row.name(), fastest.min() / reference,
                fastest.max() / reference);
        boolean hasTarget = !Double.isNaN(row.target());
        return new Figure(name, fastest.median() * 1000, "ms", ratio, hasTarget ? "≤ " + row.target() : "",
                !hasTarget || ratio <= row.target());
    }
}
