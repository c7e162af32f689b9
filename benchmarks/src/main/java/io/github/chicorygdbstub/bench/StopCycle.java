package io.github.chicorygdbstub.bench;

import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.session.ClientProfile;
import java.util.List;

/**
 * What LLDB does at every breakpoint stop: the call stack, four locals, lift the breakpoint,
 * step off it, re-insert it, continue to the next hit. Measured on recursive fib, whose entry
 * breakpoint is hit on every call.
 */
final class StopCycle {
    private static final int WARM_UP = 1_000;
    private static final int ROUND_TRIPS_PER_CYCLE = 9;
    private final int cycles;

    StopCycle(int cycles) {
        this.cycles = cycles;
    }

    List<Figure> run() throws Exception {
        var bare = new Samples();
        long nanos;
        try (ServedGuest guest = ServedGuest.start("compute", ClientProfile.LLDB);
                BenchClient client = guest.connect();
                ModuleThroughput.EchoServer echo = new ModuleThroughput.EchoServer()) {
            FunctionRange fib = guest.debuggee().module(0).functions().stream()
                    .filter(f -> f.name().equals("fib")).findFirst().orElseThrow();
            String breakpoint = Long.toHexString(0x4000000000000000L + fib.firstInstruction());
            client.ask("?");
            Checks.check(client.ask("Z0," + breakpoint + ",0").equals("OK"), "Z0 refused");
            String hit = client.ask("vCont;c:1");
            Checks.check(hit.contains("reason:breakpoint"), "no breakpoint hit: " + hit);
            for (int i = 0; i < WARM_UP; i++) {
                cycle(client, breakpoint);
            }
            long start = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                cycle(client, breakpoint);
            }
            nanos = System.nanoTime() - start;
            byte[] request = BenchClient.frame("qWasmLocal:0;1");
            byte[] reply = BenchClient.frame("00000000");
            for (int i = 0; i < 10_000; i++) {
                bare.add(echo.roundTripMicros(request, reply));
            }
        }
        double cycleMicros = nanos / 1e3 / cycles;
        return List.of(new Figure("stop cycles per second (ratio: cycle time / " + ROUND_TRIPS_PER_CYCLE
                + " bare round trips)", cycles / (nanos / 1e9), "cycles/s",
                cycleMicros / (ROUND_TRIPS_PER_CYCLE * bare.median()), "", true));
    }

    private static void cycle(BenchClient client, String breakpoint) throws Exception {
        client.askRaw("qWasmCallStack:1");
        for (int local = 0; local < 4; local++) {
            client.askRaw("qWasmLocal:0;" + local);
        }
        client.askRaw("z0," + breakpoint + ",0");
        client.askRaw("vCont;s:1");
        client.askRaw("Z0," + breakpoint + ",0");
        String hit = client.ask("vCont;c:1");
        Checks.check(hit.contains("reason:breakpoint"), "guest did not stop at the breakpoint: " + hit);
    }
}
