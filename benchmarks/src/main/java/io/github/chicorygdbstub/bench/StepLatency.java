package io.github.chicorygdbstub.bench;

import io.github.chicorygdbstub.session.ClientProfile;
import java.util.List;

/**
 * {@code vCont;s} round trips with their stop replies on a tight-loop guest, against bare socket
 * round trips of the same sizes, in interleaved blocks of the same run.
 */
final class StepLatency {
    private static final int WARM_UP = 5_000;
    private static final int BLOCK = 1_000;
    private final int blocks;

    StepLatency(int blocks) {
        this.blocks = blocks;
    }

    List<Figure> run() throws Exception {
        var steps = new Samples();
        var bare = new Samples();
        long stepNanos = 0;
        try (ServedGuest guest = ServedGuest.start("spin_wat", ClientProfile.LLDB);
                BenchClient client = guest.connect();
                ModuleThroughput.EchoServer echo = new ModuleThroughput.EchoServer()) {
            String stop = client.ask("?");
            byte[] request = BenchClient.frame("vCont;s:1");
            byte[] reply = BenchClient.frame(stop);
            for (int i = 0; i < WARM_UP; i++) {
                step(client);
                echo.roundTripMicros(request, reply);
            }
            for (int block = 0; block < blocks; block++) {
                long start = System.nanoTime();
                for (int i = 0; i < BLOCK; i++) {
                    steps.add(step(client));
                }
                stepNanos += System.nanoTime() - start;
                for (int i = 0; i < BLOCK; i++) {
                    bare.add(echo.roundTripMicros(request, reply));
                }
            }
        }
        double p50 = steps.median();
        double p99 = steps.percentile(99);
        return List.of(
                new Figure("step latency p50 (`vCont;s` + stop reply), ratio to bare round trip", p50, "µs",
                        p50 / bare.median(), "p50 < 100 µs", p50 < 100),
                new Figure("step latency p99, ratio to bare round trip p99", p99, "µs", p99 / bare.percentile(99), "", true),
                new Figure("steps per second (ratio: bare round trips per second / steps per second)",
                        steps.size() / (stepNanos / 1e9), "steps/s",
                        (stepNanos / 1e3 / steps.size()) / bare.median(), "", true),
                new Figure("bare socket round trip p50 (same sizes)", bare.median(), "µs", 1.0, "", true));
    }

    private static double step(BenchClient client) throws Exception {
        long start = System.nanoTime();
        int n = client.askRaw("vCont;s:1");
        double micros = (System.nanoTime() - start) / 1e3;
        Checks.check(n > 3 && client.reply()[0] == 'T', "step did not stop");
        return micros;
    }
}
