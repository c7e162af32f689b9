package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.testing.RawRspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client streaming an endless packet, or endless restarted partial frames, costs the server
 * time, not memory: the heap is measured while the stream is still open.
 */
@Timeout(120)
class BoundedMemoryTest {
    private static final int MIB = 1 << 20;
    private static final int STREAMED_MIB = 64;

    @Test
    void anEndlessPacketAndEndlessPartialFramesAreNotBuffered() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("fib"); RawRspClient client = guest.connect()) {
            long before = HeapUse.live();
            String mebibyte = "a".repeat(MIB);
            client.write("$m0,");
            for (int i = 0; i < STREAMED_MIB; i++) {
                client.write(mebibyte);
            }
            assertThat(client.ask("qC")).isEqualTo("QC1"); // its '$' ends the endless packet
            long duringPacket = HeapUse.live() - before;

            String partial = "$qWasmLocal:0;0".repeat(MIB / 16);
            for (int i = 0; i < STREAMED_MIB; i++) {
                client.write(partial);
            }
            assertThat(client.ask("qC")).isEqualTo("QC1");
            long duringPartials = HeapUse.live() - before;

            client.write("$m0," + "0".repeat(4 * MIB) + "#00");
            assertThat(client.readPacket()).isEqualTo("E01"); // oversized: refused, not buffered
            assertThat(client.ask("m0,ffffffff")).hasSize(0x20000); // an oversized length is cut
            Figures.record(String.format("bounded memory: %d MiB endless packet -> live heap %+.1f MiB; %d MiB of partial frames"
                    + " -> %+.1f MiB", STREAMED_MIB, duringPacket / (double) MIB, STREAMED_MIB, duringPartials / (double) MIB));
            assertThat(duringPacket).isLessThan(16L * MIB);
            assertThat(duringPartials).isLessThan(16L * MIB);
        }
    }
}
