package io.github.chicorygdbstub.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The packet trace shows the bytes on the wire, framing and acks included. */
class WireTraceTest {
    private final Logger trace = (Logger) LoggerFactory.getLogger(WireTrace.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void captureTheTrace() {
        previous = trace.getLevel();
        trace.setLevel(Level.DEBUG);
        lines.start();
        trace.addAppender(lines);
    }

    @AfterEach
    void restore() {
        trace.detachAppender(lines);
        trace.setLevel(previous);
    }

    @Test
    void logsWhatArrivesAndWhatIsWrittenInWireForm() {
        assertThat(WireTrace.enabled()).isTrue();
        var channel = new EmbeddedChannel(new WireTrace(), new RspFrameEncoder());
        channel.writeInbound(Unpooled.copiedBuffer("+$m4000000000000000,400#8b", StandardCharsets.US_ASCII));
        channel.writeOutbound(RspReply.of("OK"), RspAckByte.ACK);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x03}));

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "<- +$m4000000000000000,400#8b", "-> $OK#9a", "-> +", "<- \\x03");
        releaseAll(channel);
    }

    @Test
    void longFramesAreCut() {
        var channel = new EmbeddedChannel(new WireTrace());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[4096]));
        assertThat(lines.list.get(0).getFormattedMessage()).endsWith("... (4096 bytes)").hasSizeLessThan(400);
        releaseAll(channel);
    }

    @Test
    void isOffWhenTheLoggerIs() {
        trace.setLevel(Level.INFO);
        assertThat(WireTrace.enabled()).isFalse();
    }

    private static void releaseAll(EmbeddedChannel channel) {
        Object message;
        while ((message = channel.readInbound()) != null || (message = channel.readOutbound()) != null) {
            ((ByteBuf) message).release();
        }
        channel.finishAndReleaseAll();
    }
}
