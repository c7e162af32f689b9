package dev.chicory.gdbstub.bench;

import dev.chicory.gdbstub.bench.GuestTimer.Setup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Guest run time under the debugger divided by plain Chicory interpreter time, for a
 * compute-heavy guest (recursive fib and a loop over a 1 MiB buffer): (a) debuggable, no
 * breakpoints; (b) breakpoints in functions that never run; (c) through the server with a client
 * attached that has continued.
 *
 * <p>Each setup runs in JVMs of its own ({@link GuestTimer} forks): plain and debuggable
 * instances share Chicory's interpreter loop, and in one JVM whichever ran first would shape the
 * JIT's compilation of it for both (measured: plain Chicory ran 14-24 % slower in a JVM that had
 * also run debuggable instances). A set is one JVM per setup, started together and kept alive;
 * they take turns, one run each per round, in a balanced order (each setup follows each other
 * one equally often). A set's ratio divides a setup's fastest run by the plain JVM's fastest:
 * the machine's slow spells (runs 30-50 % slower for seconds) only ever add time, while within
 * one JVM undisturbed runs agree within 2-3 %. The JIT's compilation of the interpreter loop is a
 * draw per JVM (the same setup runs up to 18 % apart from one JVM to the next), so the figure is
 * the median over several sets, with their range in its name.
 */
final class DebugTax {
    private static final int WARMUPS = 4;
    /** Rows of a Williams square: over four rounds every setup runs once right after each other one. */
    private static final int[][] ORDER = {{0, 1, 3, 2}, {1, 2, 0, 3}, {2, 3, 1, 0}, {3, 0, 2, 1}};

    private final int sets;
    private final int rounds;

    DebugTax(int sets, int rounds) {
        Checks.check(ORDER[0].length == Setup.values().length, "the order must name every setup");
        this.sets = sets;
        this.rounds = rounds;
    }

    List<Figure> run() throws Exception {
        Map<Setup, Samples> setTimes = samplesPerSetup();
        Map<Setup, Samples> setRatios = samplesPerSetup();
        for (int set = 0; set < sets; set++) {
            Map<Setup, Samples> times = measureSet(set);
            double plain = times.get(Setup.PLAIN).min();
            var summary = new StringBuilder("tax set " + set + ":");
            for (Setup setup : Setup.values()) {
                double fastest = times.get(setup).min();
                setTimes.get(setup).add(fastest);
                setRatios.get(setup).add(fastest / plain);
                summary.append(String.format(" %s %.0f ms (%.3f)", setup, fastest * 1000, fastest / plain));
            }
            System.err.println(summary);
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("plain Chicory run of compute.wasm (fastest of " + rounds + " runs, median of " + sets
                + " JVMs)", setTimes.get(Setup.PLAIN).median() * 1000, "ms", 1.0, "", true));
        figures.add(tax("debug tax (a): debuggable, no breakpoints", Setup.DEBUGGABLE, setTimes, setRatios, 1.05));
        figures.add(tax("debug tax (b): breakpoints in functions never run", Setup.IDLE_BREAKPOINTS, setTimes,
                setRatios, 1.10));
        figures.add(tax("debug tax (c): client attached and continued", Setup.ATTACHED, setTimes, setRatios, 1.05));
        return figures;
    }

    /**
     * One set: a fork per setup, warm-up rounds, then {@link #rounds} measured ones, whose times
     * it returns; the rows of the order shift by one per set, so that the measured rounds of all
     * sets use every row.
     */
    private Map<Setup, Samples> measureSet(int set) throws Exception {
        Setup[] setups = Setup.values();
        Map<Setup, Samples> times = samplesPerSetup();
        Map<Setup, ForkedJvm> forks = new EnumMap<>(Setup.class);
        try {
            for (Setup setup : setups) {
                forks.put(setup, new ForkedJvm(GuestTimer.class, List.of(setup.name())));
            }
            for (int round = -WARMUPS; round < rounds; round++) {
                for (int index : ORDER[Math.floorMod(round + set, ORDER.length)]) {
                    double seconds = Double.parseDouble(forks.get(setups[index]).ask("run"));
                    if (round >= 0) {
                        times.get(setups[index]).add(seconds);
                    }
                }
            }
            return times;
        } finally {
            forks.values().forEach(ForkedJvm::close);
        }
    }

    private static Map<Setup, Samples> samplesPerSetup() {
        Map<Setup, Samples> samples = new EnumMap<>(Setup.class);
        for (Setup setup : Setup.values()) {
            samples.put(setup, new Samples());
        }
        return samples;
    }

    /** The median set's ratio; the time shown is the median of the sets' fastest runs. */
    private static Figure tax(String name, Setup setup, Map<Setup, Samples> setTimes, Map<Setup, Samples> setRatios,
            double target) {
        Samples ratios = setRatios.get(setup);
        double ratio = ratios.median();
        return new Figure(String.format("%s (sets: %.3f-%.3f)", name, ratios.min(), ratios.max()),
                setTimes.get(setup).median() * 1000, "ms", ratio, "≤ " + target, ratio <= target);
    }
}
