package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.Arrays;
import java.util.List;

/**
 * Frames the bytes a debugger sends into {@link RspInbound} messages.
 *
 * <p>Outside a packet, {@code $} opens one, {@code 0x03} is an {@link RspInterrupt}, {@code +} an
 * {@link RspAck}, {@code -} an {@link RspNak}, and any other byte is skipped (noise before the first packet,
 * or the tail of a frame we gave up on). Inside a packet, {@code #} and two hex digits close it; the checksum
 * is the sum of the payload bytes as transmitted (escaped) modulo 256, digits in either case. Escapes are
 * removed as the payload is read; run-length encoding is not expanded because clients never use it in
 * requests.
 *
 * <p>Every byte is consumed as soon as it arrives and the payload is kept in this decoder's own array, so
 * Netty's cumulation buffer never holds more than one read and the only frame memory is that array, which
 * never grows beyond {@code maxPacketSize}. A packet whose transmitted payload exceeds the maximum is
 * discarded byte by byte up to its {@code #xx} and reported as {@link RspBadPacket.Reason#OVERSIZED}: a
 * client streaming an endless packet costs time, not memory.
 *
 * <p>A {@code $} inside a packet abandons the partial packet without a message and starts a new one. A
 * well-behaved client escapes {@code $} in payloads, so a raw one means the previous frame was cut short;
 * restarting is how GDB itself resynchronises, and staying silent (no NAK) avoids making the client resend a
 * packet that is already arriving again.
 */
public final class RspFrameDecoder extends ByteToMessageDecoder {
    private static final int INITIAL_CAPACITY = 256;

    /** Stops at the bytes that end a discarded payload: its {@code #}, or a {@code $} restarting the stream. */
    private static final ByteProcessor FIND_FRAME_END_OR_START = b -> b != '#' && b != '$';

    private enum State {
        /** Between packets. */
        IDLE,
        /** Reading a payload that still fits. */
        PAYLOAD,
        /** Skipping the rest of an oversized payload. */
        DISCARD,
        /** Expecting the first checksum digit. */
        CHECKSUM_HIGH,
        /** Expecting the second checksum digit. */
        CHECKSUM_LOW
    }

    private final int maxPacketSize;
    private State state = State.IDLE;
    private byte[] payload = new byte[0];
    private int payloadLength;
    private int transmitted;
    private int sum;
    private boolean escapePending;
    private boolean oversized;
    private int checksumHigh;

    /**
     * @param maxPacketSize the longest payload accepted, counted as transmitted (escaped) between {@code $}
     *     and {@code #}; this is what the stub advertises as {@code PacketSize} in {@code qSupported}
     * @throws IllegalArgumentException if {@code maxPacketSize < 1}
     */
    public RspFrameDecoder(int maxPacketSize) {
        if (maxPacketSize < 1) {
            throw new IllegalArgumentException("maxPacketSize must be at least 1: " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    /** {@return the longest transmitted payload this decoder accepts} */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** Capacity of the payload array, for tests that check memory stays bounded. */
    int payloadCapacity() {
        return payload.length;
    }

    /** Bytes waiting in Netty's cumulation buffer, for the same tests. */
    int cumulatedBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (i < end) {
            switch (state) {
                case IDLE -> idle(in.getByte(i++), out);
                case PAYLOAD -> i = readPayload(in, i, end);
                case DISCARD -> i = discard(in, i, end);
                case CHECKSUM_HIGH -> checksumHigh(in.getByte(i++));
                case CHECKSUM_LOW -> checksumLow(in.getByte(i++), out);
            }
        }
        in.readerIndex(end);
    }

    private void idle(byte b, List<Object> out) {
        switch (b) {
            case '$' -> startPacket();
            case 0x03 -> out.add(RspInterrupt.INSTANCE);
            case '+' -> out.add(RspAck.INSTANCE);
            case '-' -> out.add(RspNak.INSTANCE);
            default -> {
                // Noise outside a packet carries no meaning in the protocol; skipping it lets us resynchronise.
            }
        }
    }

    private void startPacket() {
        state = State.PAYLOAD;
        payloadLength = 0;
        transmitted = 0;
        sum = 0;
        escapePending = false;
        oversized = false;
    }

    private int readPayload(ByteBuf in, int i, int end) {
        while (i < end) {
            byte b = in.getByte(i++);
            if (b == '#') {
                state = State.CHECKSUM_HIGH;
                return i;
            }
            if (b == '$') {
                startPacket();
                continue;
            }
            if (transmitted == maxPacketSize) {
                oversized = true;
                state = State.DISCARD;
                return i;
            }
            transmitted++;
            sum += b & 0xff;
            if (escapePending) {
                append((byte) (b ^ 0x20));
                escapePending = false;
            } else if (b == '}') {
                escapePending = true;
            } else {
                append(b);
            }
        }
        return i;
    }

    private int discard(ByteBuf in, int i, int end) {
        int found = in.forEachByte(i, end - i, FIND_FRAME_END_OR_START);
        if (found < 0) {
            return end;
        }
        if (in.getByte(found) == '#') {
            state = State.CHECKSUM_HIGH;
        } else {
            startPacket();
        }
        return found + 1;
    }

    private void checksumHigh(byte b) {
        if (b == '$') {
            startPacket();
            return;
        }
        checksumHigh = Hex.digit(b);
        state = State.CHECKSUM_LOW;
    }

    private void checksumLow(byte b, List<Object> out) {
        if (b == '$') {
            startPacket();
            return;
        }
        state = State.IDLE;
        int low = Hex.digit(b);
        if (oversized) {
            out.add(RspBadPacket.OVERSIZED);
        } else if (checksumHigh < 0 || low < 0 || (checksumHigh << 4 | low) != (sum & 0xff)) {
            out.add(RspBadPacket.BAD_CHECKSUM);
        } else {
            if (escapePending) {
                // A '}' right before '#' escapes nothing; keeping it literally loses no data.
                append((byte) '}');
            }
            out.add(new RspPacket(Arrays.copyOf(payload, payloadLength)));
        }
    }

    private void append(byte b) {
        if (payloadLength == payload.length) {
            // Unescaped bytes never outnumber transmitted ones, so the maximum is also a bound on this array.
            payload = Arrays.copyOf(payload, Math.min(maxPacketSize, Math.max(INITIAL_CAPACITY, payloadLength * 2)));
        }
        payload[payloadLength++] = b;
    }
}
