package io.github.chicorygdbstub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.testing.SessionHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up warm-up's packets: what the JIT must have seen before the first debugger arrives. */
class WarmUpTest {
    @Test
    void bulkReadsIncludeLengthsThatEndInAPartialWord() {
        try (Debuggee debuggee = Debuggee.builder(SessionHarness.image("fib")).build()) {
            List<String> packets = WarmUp.packets(debuggee, ServerOptions.DEFAULT_PACKET_SIZE);

            List<Integer> xLengths = lengths(packets, "x4");
            List<Integer> mLengths = lengths(packets, "m4");
            // Both kinds, so the JIT compiles the word loops with their byte-by-byte tails already taken.
            assertThat(xLengths).anyMatch(n -> n % 8 == 0).anyMatch(n -> n % 8 != 0);
            assertThat(mLengths).anyMatch(n -> n % 8 == 0).anyMatch(n -> n % 8 != 0);
        }
    }

    private static List<Integer> lengths(List<String> packets, String prefix) {
        return packets.stream().filter(p -> p.startsWith(prefix))
                .map(p -> Integer.parseInt(p.substring(p.indexOf(',') + 1), 16)).toList();
    }
}
