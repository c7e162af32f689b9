package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Hex conversions of the remote protocol: memory contents, register values, numbers, and the hex-encoded text
 * of {@code qRcmd} and {@code O} packets.
 *
 * <p>Output is lowercase, as every stub we compared emits; input accepts either case (the clients send
 * lowercase, but the protocol does not promise it). Nothing here allocates a String per byte, because an
 * {@code m} reply of 64 KiB of memory passes through {@link #writeHex(ByteBuf, byte[], int, int)}.
 *
 * <p>Large encodings into heap buffers use SIMD instructions through the incubating Vector API when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} (see {@link #vectorized()}); otherwise, and
 * with {@code -D}{@value #ENCODER_PROPERTY}{@code =scalar}, a scalar loop does the same work.
 */
public final class Hex {
    /** System property that forces the scalar encoder when set to {@code scalar}. */
    public static final String ENCODER_PROPERTY = "chicory.gdbstub.hex";

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Both digits of every byte value, so encoding is one table lookup per byte and no shifting per digit. */
    private static final byte[] PAIRS = new byte[512];

    /**
     * The four digits of every 16-bit little-endian pair of bytes as a little-endian int (256 KiB): encoding
     * 64 KiB takes two lookups per four bytes, a third faster than a lookup per byte.
     */
    private static final int[] QUADS = new int[1 << 16];

    /**
     * Words encoded between checksum folds: each adds at most 4 * 'f' (408) to a 16-bit lane, so 128 words
     * stay below 65,536.
     */
    private static final int WORDS_PER_FOLD = 128;

    /** Digit values indexed by ASCII code; -1 marks a byte that is not a hex digit. */
    private static final byte[] VALUES = new byte[128];

    /** Below this many bytes the vector encoder's set-up (a copy of the source) is not worth it. */
    private static final int VECTOR_MINIMUM = 512;

    static {
        for (int b = 0; b < 256; b++) {
            PAIRS[2 * b] = DIGITS[b >>> 4];
            PAIRS[2 * b + 1] = DIGITS[b & 0xf];
        }
        for (int pair = 0; pair < QUADS.length; pair++) {
            int first = pair & 0xff;
            int second = pair >>> 8;
            QUADS[pair] = (PAIRS[2 * first] & 0xff) | (PAIRS[2 * first + 1] & 0xff) << 8
                    | (PAIRS[2 * second] & 0xff) << 16 | (PAIRS[2 * second + 1] & 0xff) << 24;
        }
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int d = 0; d < 10; d++) {
            VALUES['0' + d] = (byte) d;
        }
        for (int d = 0; d < 6; d++) {
            VALUES['a' + d] = (byte) (10 + d);
            VALUES['A' + d] = (byte) (10 + d);
        }
    }

    /** Declared after the tables: the self-check that decides it encodes with them. */
    private static final boolean VECTORIZED = vectorEncodingWorks();

    private Hex() {}

    /**
     * {@return whether large encodings into heap buffers use the vector encoder: the JVM resolved
     * {@code jdk.incubator.vector}, the hardware has 256-bit vectors, {@value #ENCODER_PROPERTY} is not
     * {@code scalar}, and the vector encoder agreed with the scalar one on a sample at start-up}
     */
    public static boolean vectorized() {
        return VECTORIZED;
    }

    /**
     * A buffer of the kind the fastest available encoder writes straight into: a heap buffer when
     * {@linkplain #vectorized() vectorized} (the vector code works on arrays), otherwise the allocator's
     * default kind.
     *
     * @param alloc the channel's allocator
     * @param capacity how many bytes of hex digits it must hold
     * @return a new buffer, which the caller releases
     */
    public static ByteBuf newBuffer(ByteBufAllocator alloc, int capacity) {
        return VECTORIZED ? alloc.heapBuffer(capacity) : alloc.buffer(capacity);
    }

    /**
     * The value of one hex digit.
     *
     * @param c a byte or char code
     * @return 0 to 15, or -1 if {@code c} is not a hex digit in either case
     */
    public static int digit(int c) {
        return c >= 0 && c < VALUES.length ? VALUES[c] : -1;
    }

    /**
     * Appends two lowercase hex digits per source byte.
     *
     * @param out receives the digits at its writer index
     * @param src the bytes to encode
     * @param offset the first byte in {@code src}
     * @param length how many bytes to encode
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static void writeHex(ByteBuf out, byte[] src, int offset, int length) {
        writeHex(out, ByteBuffer.wrap(src), offset, length);
    }

    /**
     * Appends two lowercase hex digits per byte of {@code src[index, index + length)}, addressing the buffer
     * absolutely: its position and limit are left alone, so a shared read-only view of a module image can be
     * used without duplicating it. The digits go straight into {@code out}'s memory, heap or direct.
     *
     * @param out receives the digits at its writer index
     * @param src the bytes to encode
     * @param index the first byte in {@code src}
     * @param length how many bytes to encode
     * @return the sum of the digits written modulo 256, i.e. their protocol checksum, computed on the way
     * @throws IndexOutOfBoundsException if the range is outside {@code [0, src.limit())}
     */
    public static int writeHex(ByteBuf out, ByteBuffer src, int index, int length) {
        Objects.checkFromIndexSize(index, length, src.limit());
        if (length > Integer.MAX_VALUE / 2) {
            throw new IndexOutOfBoundsException("too many bytes to hex-encode: " + length);
        }
        int checksum;
        if (VECTORIZED && length >= VECTOR_MINIMUM && out.hasArray()) {
            out.ensureWritable(length * 2);
            checksum = encodeInPlace(src, index, length, out.array(), out.arrayOffset() + out.writerIndex());
        } else {
            ByteBuffer digits = NioViews.writable(out, length * 2);
            checksum = encode(src, index, length, digits, digits.position());
        }
        out.writerIndex(out.writerIndex() + length * 2);
        return checksum;
    }

    /**
     * Appends one byte as two lowercase hex digits.
     *
     * @param out receives the digits at its writer index
     * @param value the byte, as {@code value & 0xff}
     */
    public static void writeByte(ByteBuf out, int value) {
        int b = value & 0xff;
        out.writeByte(PAIRS[2 * b]);
        out.writeByte(PAIRS[2 * b + 1]);
    }

    /**
     * Appends a 64-bit value as its 8 bytes in little-endian order, 16 hex digits: the form of register
     * contents in {@code p}/{@code g} replies, stop-reply expedites and {@code qWasmCallStack}.
     *
     * @param out receives the digits at its writer index
     * @param value the value
     */
    public static void writeLittleEndian(ByteBuf out, long value) {
        out.ensureWritable(16);
        for (int i = 0; i < 8; i++) {
            writeByte(out, (int) (value >>> (8 * i)));
        }
    }

    /**
     * The 16 hex digits of {@link #writeLittleEndian(ByteBuf, long)} as a String, for text replies.
     *
     * @param value the value
     * @return its 8 bytes in little-endian order as 16 lowercase hex digits
     */
    public static String littleEndian(long value) {
        byte[] text = new byte[16];
        for (int i = 0; i < 8; i++) {
            int b = (int) (value >>> (8 * i)) & 0xff;
            text[2 * i] = PAIRS[2 * b];
            text[2 * i + 1] = PAIRS[2 * b + 1];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes pairs of hex digits into bytes.
     *
     * @param src holds the digits
     * @param offset the first digit in {@code src}
     * @param length how many digits, an even number
     * @return the bytes, {@code length / 2} of them
     * @throws InvalidHexException if {@code length} is odd or a byte is not a hex digit
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static byte[] decode(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if ((length & 1) != 0) {
            throw new InvalidHexException("odd number of hex digits", offset + length);
        }
        byte[] bytes = new byte[length / 2];
        for (int i = 0; i < bytes.length; i++) {
            int p = offset + 2 * i;
            int high = digit(src[p]);
            if (high < 0) {
                throw new InvalidHexException("not a hex digit", p);
            }
            int low = digit(src[p + 1]);
            if (low < 0) {
                throw new InvalidHexException("not a hex digit", p + 1);
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    /**
     * Parses an unsigned hex number of up to 64 bits, e.g. an address such as {@code 4000000000000164}.
     * Leading zeros are allowed and do not count towards the limit.
     *
     * @param src holds the digits
     * @param offset the first digit in {@code src}
     * @param length how many digits
     * @return the value; values above {@link Long#MAX_VALUE} come back negative (use
     *     {@link Long#compareUnsigned} and friends)
     * @throws InvalidHexException if the range is empty, holds a non-hex byte, or the value needs more than
     *     64 bits
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static long parseUnsigned(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (length == 0) {
            throw new InvalidHexException("empty hex number", offset);
        }
        long value = 0;
        int significant = 0;
        for (int p = offset; p < offset + length; p++) {
            int d = digit(src[p]);
            if (d < 0) {
                throw new InvalidHexException("not a hex digit", p);
            }
            if (significant > 0 || d != 0) {
                // 16 digits fill 64 bits exactly; a 17th significant digit can only overflow.
                if (++significant > 16) {
                    throw new InvalidHexException("hex number exceeds 64 bits", p);
                }
            }
            value = value << 4 | d;
        }
        return value;
    }

    /**
     * Hex-encodes text as its UTF-8 bytes, the form of {@code O} output packets and {@code qRcmd} replies.
     * ASCII text encodes to one byte per character, as the protocol describes; UTF-8 keeps anything else
     * intact for terminals that display it.
     *
     * @param text the text
     * @return two lowercase hex digits per UTF-8 byte
     */
    public static String encodeText(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] hex = new byte[bytes.length * 2];
        encode(ByteBuffer.wrap(bytes), 0, bytes.length, ByteBuffer.wrap(hex), 0);
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    /**
     * Appends {@link #encodeText(CharSequence)} of {@code text} to {@code out} without an intermediate String.
     *
     * @param out receives the digits at its writer index
     * @param text the text
     */
    public static void writeText(ByteBuf out, CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        writeHex(out, bytes, 0, bytes.length);
    }

    /**
     * Decodes hex-encoded text, e.g. the command of {@code qRcmd,<hex>}. Bytes that are not valid UTF-8 become
     * U+FFFD rather than failing, since the text is only shown or matched against command names.
     *
     * @param src holds the digits
     * @param offset the first digit in {@code src}
     * @param length how many digits, an even number
     * @return the text the UTF-8 bytes spell
     * @throws InvalidHexException as {@link #decode(byte[], int, int)}
     */
    public static String decodeText(byte[] src, int offset, int length) {
        return new String(decode(src, offset, length), StandardCharsets.UTF_8);
    }

    /**
     * The one encoding loop; returns the sum of the digits modulo 256. Module reads encode 64 KiB per reply,
     * so it reads eight source bytes per load and writes sixteen digits in two 8-byte stores, through
     * VarHandles that work alike on heap and direct views. The checksum rides along in 16-bit lanes of byte
     * pairs (as in {@link RspChecksum}), folded before they can overflow, so framing needs no second pass.
     */
    private static int encode(ByteBuffer src, int index, int length, ByteBuffer dst, int dstIndex) {
        long sum = 0;
        int words = length & -Long.BYTES;
        int i = 0;
        while (i < words) {
            int blockEnd = Math.min(words, i + Long.BYTES * WORDS_PER_FOLD);
            long lanes = 0;
            for (; i < blockEnd; i += Long.BYTES) {
                long bytes = (long) NioViews.LONGS.get(src, index + i);
                long low = digitsOfLowFourBytes(bytes);
                long high = digitsOfLowFourBytes(bytes >>> 32);
                NioViews.LONGS.set(dst, dstIndex + 2 * i, low);
                NioViews.LONGS.set(dst, dstIndex + 2 * i + Long.BYTES, high);
                lanes += RspChecksum.pairLanes(low) + RspChecksum.pairLanes(high);
            }
            sum += RspChecksum.foldLanes(lanes);
        }
        for (; i < length; i++) {
            int b = src.get(index + i) & 0xff;
            dst.put(dstIndex + 2 * i, PAIRS[2 * b]);
            dst.put(dstIndex + 2 * i + 1, PAIRS[2 * b + 1]);
            sum += PAIRS[2 * b] + PAIRS[2 * b + 1];
        }
        return (int) (sum & 0xff);
    }

    /**
     * Encodes {@code src[index, index + length)} into {@code a[start, start + 2 * length)} with the vector
     * encoder: the bytes are first copied to the second half of that range, then encoded in place, whole
     * blocks by {@link VectorHex} and the last few bytes by {@link #encode}, whose loops also read each word
     * before writing digits that stay behind the next unread byte. Returns the digits' checksum.
     */
    private static int encodeInPlace(ByteBuffer src, int index, int length, byte[] a, int start) {
        src.get(index, a, start + length, length);
        int blocks = VectorHex.encodeBlocksInPlace(a, start, length);
        int done = VectorHex.blockBytes(length);
        ByteBuffer array = ByteBuffer.wrap(a);
        int tail = encode(array, start + length + done, length - done, array, start + 2 * done);
        return (blocks + tail) & 0xff;
    }

    /**
     * Decides once whether {@link VectorHex} is used. The module check comes first: without
     * {@code --add-modules jdk.incubator.vector} that class cannot be linked at all.
     *
     * <p>On the module path this module reads the vector module only from here on: its
     * module-info does not require it, not even {@code static}, since javac then warns about an
     * incubating module in every application that requires this one.
     */
    private static boolean vectorEncodingWorks() {
        Optional<Module> vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if ("scalar".equals(System.getProperty(ENCODER_PROPERTY)) || vectorModule.isEmpty()) {
            return false;
        }
        Hex.class.getModule().addReads(vectorModule.get());
        try {
            if (!VectorHex.usable()) {
                return false;
            }
            byte[] sample = new byte[3 * 256 + 7];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = (byte) (i * 167);
            }
            byte[] scalar = new byte[2 * sample.length];
            int scalarSum = encode(ByteBuffer.wrap(sample), 0, sample.length, ByteBuffer.wrap(scalar), 0);
            byte[] vector = new byte[2 * sample.length];
            int vectorSum = encodeInPlace(ByteBuffer.wrap(sample), 0, sample.length, vector, 0);
            return Arrays.equals(scalar, vector) && scalarSum == vectorSum;
        } catch (LinkageError | RuntimeException e) {
            LoggerFactory.getLogger(Hex.class).debug("vector hex encoding unavailable: {}", e.toString());
            return false;
        }
    }

    /** The eight digits of the low four bytes of {@code bytes} (little-endian), as one little-endian long. */
    private static long digitsOfLowFourBytes(long bytes) {
        return (QUADS[(int) bytes & 0xffff] & 0xffffffffL) | (long) QUADS[(int) (bytes >>> 16) & 0xffff] << 32;
    }
}
