package io.github.chicorygdbstub.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the wire, written independently of the production code so that tests do not check the
 * codec against itself. Strings here are ISO-8859-1: one char per byte.
 */
final class Wire {
    private Wire() {}

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ByteBuf buffer(String text) {
        return Unpooled.wrappedBuffer(bytes(text));
    }

    /** {@code $payload#xx} for a payload given as transmitted (already escaped). */
    static String frame(String transmitted) {
        int sum = 0;
        for (int i = 0; i < transmitted.length(); i++) {
            sum += transmitted.charAt(i);
        }
        return "$" + transmitted + "#" + String.format("%02x", sum & 0xff);
    }

    static RspPacket packet(String payload) {
        return new RspPacket(bytes(payload));
    }

    /** Everything the channel wrote, concatenated; the buffers are released. */
    static String outbound(EmbeddedChannel channel) {
        var text = new StringBuilder();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) message;
            text.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return text.toString();
    }

    static List<Object> inbound(EmbeddedChannel channel) {
        var messages = new ArrayList<>();
        for (Object message; (message = channel.readInbound()) != null; ) {
            messages.add(message);
        }
        return messages;
    }

    /**
     * The payload of one complete frame after checking its shape and checksum the way a client does, with
     * run-length encoding expanded as GDB's reader does (a {@code *} repeats the previous character
     * {@code count - 29} more times). Binary escapes are left in place.
     */
    static String payloadOf(String frame) {
        assertThat(frame).startsWith("$");
        int hash = frame.length() - 3;
        assertThat(frame.charAt(hash)).isEqualTo('#');
        String transmitted = frame.substring(1, hash);
        assertThat(transmitted).doesNotContain("#").doesNotContain("$");
        assertThat(frame.substring(hash + 1)).as("checksum digits are lowercase hex").matches("[0-9a-f]{2}");
        int sum = 0;
        for (int i = 0; i < transmitted.length(); i++) {
            sum += transmitted.charAt(i);
        }
        assertThat(Integer.parseInt(frame.substring(hash + 1), 16)).as("checksum of " + frame).isEqualTo(sum & 0xff);
        return expandRunLength(transmitted);
    }

    static String expandRunLength(String transmitted) {
        var expanded = new StringBuilder();
        for (int i = 0; i < transmitted.length(); i++) {
            char c = transmitted.charAt(i);
            if (c == '*') {
                char count = transmitted.charAt(++i);
                assertThat((int) count).as("printable count").isBetween(32, 126);
                char previous = expanded.charAt(expanded.length() - 1);
                expanded.append(String.valueOf(previous).repeat(count - 29));
            } else {
                expanded.append(c);
            }
        }
        return expanded.toString();
    }

    /** Removes binary escapes, as a client does for {@code qXfer} data. */
    static byte[] unescape(String escaped) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            out.write(c == '}' ? escaped.charAt(++i) ^ 0x20 : c);
        }
        return out.toByteArray();
    }
}
