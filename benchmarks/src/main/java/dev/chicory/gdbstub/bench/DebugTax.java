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
 * also run debuggable instances). The forks stay alive and take turns, one run each per round,
 * so a machine that gets busier for a while slows all of them alike; each ratio is the median
 * over rounds of that round's time divided by the plain run's time in the same round. Several
 * sets of forks, because a JVM's compilation of the interpreter loop is itself a draw.
 */
final class DebugTax {
    private static final int WARMUPS = 4;

    private final int sets;
    private final int rounds;

    DebugTax(int sets, int rounds) {
        this.sets = sets;
        this.rounds = rounds;
    }

    List<Figure> run() throws Exception {
        Setup[] setups = Setup.values();
        Map<Setup, Samples> times = new EnumMap<>(Setup.class);
        Map<Setup, Samples> ratios = new EnumMap<>(Setup.class);
        for (Setup setup : setups) {
            times.put(setup, new Samples());
            ratios.put(setup, new Samples());
        }
        for (int set = 0; set < sets; set++) {
            Map<Setup, ForkedJvm> forks = new EnumMap<>(Setup.class);
            try {
                for (Setup setup : setups) {
                    forks.put(setup, new ForkedJvm(GuestTimer.class, List.of(setup.name())));
                }
                for (int round = -WARMUPS; round < rounds; round++) {
                    Map<Setup, Double> seconds = new EnumMap<>(Setup.class);
                    for (int i = 0; i < setups.length; i++) { // each setup first in turn
                        Setup setup = setups[Math.floorMod(round + i, setups.length)];
                        seconds.put(setup, Double.parseDouble(forks.get(setup).ask("run")));
                    }
                    System.err.printf("tax set %d round %d: %s%n", set, round, seconds);
                    if (round >= 0) {
                        for (Setup setup : setups) {
                            times.get(setup).add(seconds.get(setup));
                            ratios.get(setup).add(seconds.get(setup) / seconds.get(Setup.PLAIN));
                        }
                    }
                }
            } finally {
                for (ForkedJvm fork : forks.values()) {
                    fork.close();
                }
            }
        }
        String each = " (" + sets + " sets of JVMs, " + sets * rounds + " rounds)";
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("plain Chicory run of compute.wasm" + each, times.get(Setup.PLAIN).median() * 1000,
                "ms", 1.0, "", true));
        figures.add(tax("debug tax (a): debuggable, no breakpoints", Setup.DEBUGGABLE, times, ratios, 1.05));
        figures.add(tax("debug tax (b): breakpoints in functions never run", Setup.IDLE_BREAKPOINTS, times, ratios, 1.10));
        figures.add(tax("debug tax (c): client attached and continued", Setup.ATTACHED, times, ratios, 1.05));
        return figures;
    }

    private static Figure tax(String name, Setup setup, Map<Setup, Samples> times, Map<Setup, Samples> ratios,
            double target) {
        double ratio = ratios.get(setup).median();
        return new Figure(name, times.get(setup).median() * 1000, "ms", ratio, "≤ " + target, ratio <= target);
    }
}
