package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.testing.RawRspClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An interrupt that arrives while the guest waits in a host call (WASI {@code fd_read} on stdin).
 * The documented behaviour: the host call is not aborted (that would change what the guest
 * reads); the stop is reported as soon as control returns to Wasm, at the instruction after the
 * call, and the session stays usable meanwhile.
 */
@Timeout(60)
class BlockedHostCallTest {
    @Test
    void theStopIsReportedWhenTheHostCallReturns() throws Exception {
        var stdin = new GatedInputStream();
        try (LogCapture log = LogCapture.start(true); ServedGuest guest = ServedGuest.stoppedWithStdin("echo_wat", stdin);
                RawRspClient client = guest.connect()) {
            client.send("vCont;c:1");
            Await.until("the guest to block in fd_read", stdin::guestIsReading);
            client.write("\u0003");
            Await.until("the server to take the interrupt", () -> log.logged("^C: stopping the guest"));

            stdin.feed("hello\n".getBytes(StandardCharsets.UTF_8));
            String stop = client.readPacket();
            assertThat(stop).startsWith("T02");
            assertThat(stop).contains("thread-pcs:" + Long.toHexString(0x4000000000000000L + afterFirstCall(guest)) + ";");

            assertThat(client.ask("vCont;c:1")).isEqualTo("W00");
            assertThat(guest.stdout()).isEqualTo("hello\n"); // the read was not disturbed
            assertThat(log.failures()).isEmpty();
        }
    }

    /** The offset of the instruction after the first {@code call} in {@code _start}. */
    private static int afterFirstCall(ServedGuest guest) {
        ModuleImage image = guest.debuggee().module(0);
        for (int offset : image.instructionOffsets()) {
            if (image.byteAt(offset) == 0x10) {
                return image.instructionAtOrAfter(offset + 1).getAsInt();
            }
        }
        throw new AssertionError("no call in echo_wat");
    }
}
