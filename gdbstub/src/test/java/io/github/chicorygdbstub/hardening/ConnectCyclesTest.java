package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.testing.RawRspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 debugger sessions, one after another, against one running guest: attach, look, set a
 * breakpoint, run to it, vanish without cleaning up. The guest must keep running, breakpoint-free,
 * every time, and nothing may pile up.
 */
@Timeout(120)
class ConnectCyclesTest {
    static final int CYCLES = 100;

    @Test
    void hundredConnectWorkDisconnectCycles() throws Exception {
        ThreadCheck threads = ThreadCheck.baseline();
        long heapBefore = HeapUse.live();
        int threadsInCycle1 = 0;
        try (LogCapture log = LogCapture.start(false); ServedGuest guest = ServedGuest.running("spin_wat")) {
            ModuleImage image = guest.debuggee().module(0);
            FunctionRange start = image.functions().stream().filter(f -> f.name().equals("_start")).findFirst().orElseThrow();
            // An instruction inside the loop body (the function's 4th: local.get $i).
            int inLoop = image.instructionAtOrAfter(start.firstInstruction() + 1).getAsInt();
            inLoop = image.instructionAtOrAfter(inLoop + 1).getAsInt();
            inLoop = image.instructionAtOrAfter(inLoop + 1).getAsInt();
            String breakpoint = Long.toHexString(0x4000000000000000L + inLoop);
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                try (RawRspClient client = guest.connect()) {
                    assertThat(client.ask("?")).startsWith("T");
                    assertThat(client.ask("qWasmCallStack:1")).hasSize(16);
                    assertThat(client.ask("Z0," + breakpoint + ",0")).isEqualTo("OK");
                    assertThat(client.ask("vCont;c:1")).contains("thread-pcs:" + breakpoint + ";");
                }
                guest.awaitNoSession();
                Await.until("the guest to run again after cycle", () -> guest.debuggee().state() == ExecutionState.RUNNING);
                assertThat(guest.debuggee().breakpoints()).isEmpty();
                if (cycle == 1) {
                    threadsInCycle1 = threads.newThreads().size();
                }
            }
            assertThat(threads.newThreads()).as("no thread per connection").hasSizeLessThanOrEqualTo(threadsInCycle1);
            assertThat(guest.server().stats().toString()).isNotEmpty();
            assertThat(log.failures()).isEmpty();
        }
        threads.assertAllEnded();
        long growth = HeapUse.live() - heapBefore;
        Figures.record("connect cycles: " + CYCLES + " survived, guest running after each, breakpoints cleared, live heap growth "
                + HeapUse.mib(growth));
        assertThat(growth).isLessThan(32L << 20);
    }
}
