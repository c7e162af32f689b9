package io.github.chicorygdbstub.dwarf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.dwarf.Location.Piece;
import io.github.chicorygdbstub.dwarf.Location.Piece.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** DWARF location expressions of the Wasm target, hand-assembled. */
class LocationTest {
    private static final int LOCAL_0 = 0x100;
    private static final int LOCAL_1 = 0x201;

    /** A DWARF 4 unit with 4-byte addresses and no DIEs: all an expression needs from its unit. */
    private static final CompileUnit UNIT = CompileUnit.read(
            ByteBuffer.wrap(new byte[] {7, 0, 0, 0, 4, 0, 0, 0, 0, 0, 4}).order(ByteOrder.LITTLE_ENDIAN),
            ByteBuffer.wrap(new byte[] {0}));

    private static final FrameAccess FRAME = new FrameAccess() {
        @Override
        public OptionalLong local(int index) {
            return index == 0 ? OptionalLong.of(LOCAL_0) : index == 1 ? OptionalLong.of(LOCAL_1) : OptionalLong.empty();
        }

        @Override
        public OptionalLong global(int index) {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong operand(int index) {
            return OptionalLong.empty();
        }

        @Override
        public byte[] memory(long address, int length) {
            return new byte[length];
        }
    };

    private static Location evaluate(int... bytes) {
        byte[] expression = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            expression[i] = (byte) bytes[i];
        }
        return Location.evaluate(ByteBuffer.wrap(expression).order(ByteOrder.LITTLE_ENDIAN), UNIT, null,
                OptionalLong.empty(), FRAME);
    }

    @Test
    void aWasmLocalWithStackValueIsTheValueItself() {
        Location location = evaluate(0xed, 0x00, 0x01, 0x9f); // DW_OP_WASM_location local 1, DW_OP_stack_value
        assertThat(location.composite()).isFalse();
        assertThat(location.inMemory()).isFalse();
        assertThat(location.value()).isEqualTo(LOCAL_1);
    }

    @Test
    void piecesJoinValuesAddressesAndGaps() {
        // x in local 0, y in local 1: as clang describes a struct of two ints kept in locals.
        assertThat(evaluate(0xed, 0x00, 0x00, 0x9f, 0x93, 0x04, 0xed, 0x00, 0x01, 0x9f, 0x93, 0x04).pieces())
                .containsExactly(new Piece(4, Kind.VALUE, LOCAL_0), new Piece(4, Kind.VALUE, LOCAL_1));
        // x nowhere, y in local 1.
        assertThat(evaluate(0x93, 0x04, 0xed, 0x00, 0x01, 0x9f, 0x93, 0x04).pieces())
                .containsExactly(new Piece(4, Kind.MISSING, 0), new Piece(4, Kind.VALUE, LOCAL_1));
        // Without DW_OP_stack_value a piece is at the address on the stack: DW_OP_addr 0x1000, then a local's.
        assertThat(evaluate(0x03, 0x00, 0x10, 0x00, 0x00, 0x93, 0x08, 0xed, 0x00, 0x00, 0x93, 0x02).pieces())
                .containsExactly(new Piece(8, Kind.MEMORY, 0x1000), new Piece(2, Kind.MEMORY, LOCAL_0));
    }

    @Test
    void piecesOfNoSizeOrBeyondTheLimitAreMalformed() {
        assertThat(evaluate(0x93, 0x00).unavailable()).isEqualTo("malformed location");
        assertThat(evaluate(0x93, 0x81, 0x40).unavailable()).isEqualTo("malformed location"); // 8193 bytes
        assertThat(evaluate(0x93).unavailable()).isEqualTo("malformed location"); // no size at all
        // A second piece of 2^63 - 2 bytes must not wrap the total round to something small.
        assertThat(evaluate(0x93, 0x04, 0x93, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).unavailable())
                .isEqualTo("malformed location");
    }

    @Test
    void aWholeValueAfterPiecesContradictsThemAndIsMalformed() {
        // local 0 as a piece, then a value for the whole variable: DW_OP_lit0, DW_OP_stack_value.
        assertThat(evaluate(0xed, 0x00, 0x00, 0x9f, 0x93, 0x04, 0x30, 0x9f).unavailable()).isEqualTo("malformed location");
    }
}
