package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Interrupting an endless loop from LLDB's Python API (what {@code process interrupt} and an
 * IDE's pause button do). The server's part is measured in LLDB's own timestamped packet log:
 * from the moment LLDB sent {@code 0x03} to the moment it read the stop reply.
 */
@Timeout(300)
class LldbInterruptTest {
    private static final int ROUNDS = 5;
    private static final Pattern INTERRUPT_SENT = Pattern.compile("^(\\d+\\.\\d+) .*sent packet: \\\\x03$");
    private static final Pattern STOP_READ = Pattern.compile("^(\\d+\\.\\d+) .*read packet: \\$T02");
    private static final Pattern CONTINUE_SENT = Pattern.compile("^\\d+\\.\\d+ .*send packet: \\$(c|vCont;c)");

    @EachLldb
    void theEndlessLoopStopsWithin100MillisecondsOfTheInterrupt(Lldb lldb) throws Exception {
        // --no-wait: the guest is in its endless loop before LLDB attaches, so every interrupt lands there.
        try (Stub stub = Stub.start("--no-wait", Stub.fixture("spin"))) {
            stub.awaitStdout("spinning");
            ClientRun python = lldb.runPython("lldb_interrupt.py", Duration.ofSeconds(120), stub,
                    "packets.log", Integer.toString(ROUNDS));
            String out = python.output();
            int exitCode = python.exitCode();
            assertThat(exitCode).as(out).isZero();
            List<String> stops = out.lines().filter(line -> line.startsWith("stop ")).toList();
            assertThat(stops).as(out).hasSize(ROUNDS).allSatisfy(stop -> assertThat(stop)
                    .matches("stop [0-9.]+ signal SIGINT " + Programs.spinLoop()));
            assertThat(out).contains("killed");
            if (lldb.hasWasmPlugin()) {
                // The Wasm plugin asks for the call stack at each stop; gdb-remote alone never does.
                assertThat(python.packetLog()).contains("send packet: $qWasmCallStack:1#");
            }

            List<Double> latencies = interruptLatenciesMillis(python.packetLog().lines().toList());
            assertThat(latencies).as("0x03 to T02 in LLDB's packet log").hasSize(ROUNDS)
                    .allSatisfy(ms -> assertThat(ms).isLessThan(100.0));
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }

    /**
     * One latency per continue: from the {@code 0x03} to the stop reply that follow it. LLDB logs
     * the {@code 0x03} after writing it, and its reader thread may log a fast reply first, so a
     * reply logged before its interrupt counts as 0 ms.
     */
    private static List<Double> interruptLatenciesMillis(List<String> log) {
        List<Double> latencies = new ArrayList<>();
        Double sent = null;
        Double stopped = null;
        boolean counted = false;
        for (String line : log) {
            Matcher interrupt = INTERRUPT_SENT.matcher(line);
            Matcher stop = STOP_READ.matcher(line);
            if (CONTINUE_SENT.matcher(line).find()) {
                sent = null;
                stopped = null;
                counted = false;
            } else if (sent == null && interrupt.find()) {
                sent = Double.parseDouble(interrupt.group(1));
            } else if (stopped == null && stop.find()) {
                stopped = Double.parseDouble(stop.group(1));
            }
            if (!counted && sent != null && stopped != null) {
                latencies.add(Math.max(0, stopped - sent) * 1000);
                counted = true;
            }
        }
        return latencies;
    }
}
