package io.github.chicorygdbstub.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.testing.RecordingSink;
import io.github.chicorygdbstub.testing.SessionHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handler that fails answers its packet with an error; the session and the guest go on. */
@Timeout(60)
class HandlerFailuresTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aFailingOrRunawayHandlerGetsAnErrorReplyAndTheNextPacketIsServed() throws Exception {
        PacketTable table = PacketTable.builder()
                .on("qThrows", (args, session) -> {
                    throw new IllegalStateException("broken");
                })
                .on("qRecurses", (args, session) -> recurse(0))
                .on("qFine", (args, session) -> RspReply.of("OK"))
                .build();
        RecordingSink sink = new RecordingSink();
        try (Debuggee debuggee = Debuggee.builder(SessionHarness.image("loop_wat")).build()) {
            var session = new Session(debuggee, new AddressSpace(debuggee), table, new ServerStats(), sink,
                    ServerOptions.DEFAULT_PACKET_SIZE, ClientProfile.GDB, java.util.List.of());
            session.start();
            debuggee.start();
            debuggee.awaitStop(WAIT);

            session.handle("qThrows".getBytes(StandardCharsets.US_ASCII));
            assertThat(sink.next(WAIT)).isEqualTo("E05");
            session.handle("qRecurses".getBytes(StandardCharsets.US_ASCII));
            assertThat(sink.next(WAIT)).isEqualTo("E05");
            session.handle("qFine".getBytes(StandardCharsets.US_ASCII));
            assertThat(sink.next(WAIT)).isEqualTo("OK");
            assertThat(debuggee.frames()).as("the guest is still there, stopped").isNotEmpty();
        }
    }

    private static RspReply recurse(int depth) {
        return depth < 0 ? RspReply.EMPTY : recurse(depth + 1);
    }
}
