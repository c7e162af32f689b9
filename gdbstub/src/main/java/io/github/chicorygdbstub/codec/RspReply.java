package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A reply packet for {@link RspFrameEncoder} to frame as {@code $payload#xx}.
 *
 * <p>There are two kinds. A <em>text</em> reply ({@link #of(String)}, {@link #ofBuffer(ByteBuf)}) is written
 * as is and may be run-length encoded; almost every reply is text, including hex memory dumps. A
 * <em>binary</em> reply ({@link #binary(ByteBuf)}) may hold any byte: the encoder escapes {@code #}, {@code $},
 * {@code }} and {@code *} and never run-length encodes it. This is how {@code qXfer} chunks are sent.
 *
 * <p>Reference counting follows Netty's conventions and is delegated to the payload buffer. Writing a reply
 * to a channel hands it over; the encoder releases it. A reply that is built but never written must be
 * released by whoever holds it. Replies made by {@link #of(String)} and {@link #EMPTY} are not really
 * counted (release is a no-op), so they may be kept in constants and written any number of times, from any
 * thread. The encoder reads the payload without moving its indices, which is what lets one reply be written
 * more than once (a NAK resend).
 */
public final class RspReply implements RspOutbound, ReferenceCounted {

    /** The empty reply, {@code $#00}: "this packet is not supported". */
    public static final RspReply EMPTY = new RspReply(Unpooled.EMPTY_BUFFER, false);

    /** {@code $}, {@code #} and two checksum digits around a payload. */
    static final int FRAMING_BYTES = 4;

    private final ByteBuf payload;
    private final boolean binary;
    /** The complete wire frame that {@link #payload} is a slice of, or null if the encoder must frame it. */
    private final ByteBuf frame;

    private RspReply(ByteBuf payload, boolean binary) {
        this.payload = payload;
        this.binary = binary;
        this.frame = null;
    }

    private RspReply(ByteBuf frame) {
        this.payload = frame.slice(frame.readerIndex() + 1, frame.readableBytes() - FRAMING_BYTES);
        this.binary = false;
        this.frame = frame;
    }

    /**
     * A text reply such as {@code OK}, {@code E03} or a stop reply.
     *
     * <p>Text replies are not escaped, so characters that would break framing or decoding are refused rather
     * than silently sent: {@code #} and {@code $} end or restart a frame, and {@code *} would be read as a
     * run-length marker. Arbitrary text belongs in hex ({@link Hex#encodeText(CharSequence)}) or in a
     * {@linkplain #binary(ByteBuf) binary} reply.
     *
     * @param text US-ASCII text without {@code #}, {@code $} or {@code *}
     * @return the reply, which needs no release
     * @throws IllegalArgumentException for any other character
     */
    public static RspReply of(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7f || c == '#' || c == '$' || c == '*') {
                throw new IllegalArgumentException("character 0x" + Integer.toHexString(c) + " at index " + i
                        + " cannot appear in a text reply; hex-encode it or use a binary reply");
            }
            bytes[i] = (byte) c;
        }
        return new RspReply(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly()), false);
    }

    /**
     * A text reply whose payload was written straight into a buffer, e.g. {@code qWasmCallStack}'s addresses
     * written with {@link Hex#writeLittleEndian(ByteBuf, long)}, so no String is ever built. (Memory reads use
     * {@link #hex}, which also frames the reply as it goes.)
     *
     * <p>The readable bytes are the payload. They are not checked (the point is to avoid another pass over
     * the bytes); the caller guarantees the same rule as {@link #of(String)}: no {@code #}, {@code $} or
     * {@code *}. Hex digits and ASCII punctuation such as {@code ;:,} are fine.
     *
     * @param payload the payload; ownership passes to the reply, which releases it once written
     * @return the reply
     */
    public static RspReply ofBuffer(ByteBuf payload) {
        return new RspReply(Objects.requireNonNull(payload, "payload"), false);
    }

    /**
     * A text reply of the hex digits of {@code src[index, index + length)}, e.g. an {@code m} reply of 64 KiB
     * of a module image. It is framed while it is encoded: the digits go once into a buffer from
     * {@code alloc} between {@code $} and {@code #xx}, the checksum computed on the way, and the encoder
     * passes that buffer to the socket as it is (unless it run-length encodes). {@code src}'s position and
     * limit are not used or moved.
     *
     * @param alloc where the frame's buffer comes from
     * @param src the bytes to encode
     * @param index the first byte in {@code src}
     * @param length how many bytes to encode
     * @return the reply, which owns the frame's buffer
     * @throws IndexOutOfBoundsException if the range is outside {@code [0, src.limit())}
     */
    public static RspReply hex(ByteBufAllocator alloc, ByteBuffer src, int index, int length) {
        ByteBuf frame = Hex.newBuffer(alloc, 2 * length + FRAMING_BYTES);
        try {
            frame.writeByte('$');
            int checksum = Hex.writeHex(frame, src, index, length);
            frame.writeByte('#');
            Hex.writeByte(frame, checksum);
            return new RspReply(frame);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /**
     * A binary reply: the readable bytes may be anything, and the encoder escapes the four special bytes.
     * Prefixes such as {@code qXfer}'s {@code m}/{@code l} may simply be part of the data, since escaping
     * leaves ordinary characters untouched.
     *
     * @param data the payload; ownership passes to the reply, which releases it once written
     * @return the reply
     */
    public static RspReply binary(ByteBuf data) {
        return new RspReply(Objects.requireNonNull(data, "data"), true);
    }

    /** {@return whether the encoder must escape the payload (and must not run-length encode it)} */
    public boolean isBinary() {
        return binary;
    }

    /**
     * {@return the unescaped payload as its readable bytes} Read it with absolute indices or on a
     * duplicate: the reply may be encoded again, so its indices and contents must stay as they are.
     */
    public ByteBuf payload() {
        return payload;
    }

    /**
     * {@return the payload decoded as ISO-8859-1, one char per byte, for logs and tests; allocates a String}
     */
    public String text() {
        return payload.toString(payload.readerIndex(), payload.readableBytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * {@return a reply with the same kind and bytes that holds its own reference to the payload, for a
     * second write} Release it (or write it) independently of this one.
     */
    public RspReply retainedDuplicate() {
        if (frame != null) {
            return new RspReply(frame.retainedDuplicate());
        }
        return payload == Unpooled.EMPTY_BUFFER ? this : new RspReply(payload.retainedDuplicate(), binary);
    }

    /** The complete {@code $payload#xx} frame if the reply was framed when it was built, else null. */
    ByteBuf wireFrame() {
        return frame;
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public RspReply retain() {
        payload.retain();
        return this;
    }

    @Override
    public RspReply retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public RspReply touch() {
        payload.touch();
        return this;
    }

    @Override
    public RspReply touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }

    @Override
    public String toString() {
        if (payload.refCnt() == 0) {
            return "RspReply[released]";
        }
        return "RspReply[" + (binary ? "binary, " : "") + PrintableBytes.of(payload) + "]";
    }
}
