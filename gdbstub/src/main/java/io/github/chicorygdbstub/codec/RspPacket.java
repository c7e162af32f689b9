package io.github.chicorygdbstub.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code $payload#xx} packet whose checksum verified.
 *
 * <p>{@code payload} holds the bytes between {@code $} and {@code #} with binary escapes ({@code }} followed
 * by the byte XOR 0x20) already removed. Run-length encoding is not expanded: neither GDB nor LLDB uses it in
 * requests, so a {@code *} in a request is an ordinary byte.
 *
 * <p>The array is handed over, not copied: the receiver owns it and should treat it as read-only. Equality
 * compares the contents, so tests can compare packets directly.
 *
 * @param payload the unescaped payload, never {@code null}
 */
public record RspPacket(byte[] payload) implements RspInbound {

    /**
     * Rejects a missing payload; an empty packet ({@code $#00}) has an empty array.
     *
     * @param payload see {@link #payload()}
     */
    public RspPacket {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RspPacket packet && Arrays.equals(payload, packet.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RspPacket[" + PrintableBytes.of(payload, 0, payload.length) + "]";
    }
}
