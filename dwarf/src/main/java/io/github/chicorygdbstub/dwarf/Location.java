package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfBytes.sleb;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u16;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u32;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u8;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.uleb;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where a variable's value is: at an address of linear memory, or the value itself (a Wasm
 * local, global or operand, or a computed value), or in pieces (optimized code keeps a struct's
 * members in Wasm locals of their own), or nowhere this evaluator can follow.
 *
 * @param inMemory whether {@code value} is an address rather than the value's bits
 * @param unavailable why there is no value, or null
 * @param pieces the parts of a variable split across places, in order from its first byte; null
 *     when it is in one place
 */
record Location(boolean inMemory, long value, String unavailable, List<Piece> pieces) {
    /**
     * One part of a variable split across places: {@code size} bytes at address {@code value}
     * of linear memory, or the low bytes of {@code value} itself, or nowhere (optimized out).
     */
    record Piece(int size, Kind kind, long value) {
        enum Kind { MEMORY, VALUE, MISSING }
    }

    /** Bytes a composite location may describe; beyond it the expression is taken as malformed. */
    static final int MAX_PIECES_SIZE = 4096;
    private static final int DW_OP_PIECE = 0x93;

    private static final int DW_OP_ADDR = 0x03;
    private static final int DW_OP_DEREF = 0x06;
    private static final int DW_OP_MINUS = 0x1c;
    private static final int DW_OP_PLUS = 0x22;
    private static final int DW_OP_PLUS_UCONST = 0x23;
    private static final int DW_OP_LIT0 = 0x30;
    private static final int DW_OP_LIT31 = 0x4f;
    private static final int DW_OP_FBREG = 0x91;
    private static final int DW_OP_STACK_VALUE = 0x9f;
    private static final int DW_OP_ADDRX = 0xa1;
    private static final int DW_OP_WASM_LOCATION = 0xed;

    Location(boolean inMemory, long value, String unavailable) {
        this(inMemory, value, unavailable, null);
    }

    static Location unavailable(String why) {
        return new Location(false, 0, why);
    }

    /**
     * Evaluates a DWARF expression of the Wasm target: the operations clang emits for it
     * ({@code DW_OP_fbreg}, {@code DW_OP_addr}/{@code addrx}, {@code DW_OP_WASM_location},
     * {@code DW_OP_stack_value}), {@code DW_OP_piece} that joins several of them, and the
     * constant, arithmetic and stack ones around them; not {@code DW_OP_bit_piece} or calls into
     * other DIEs.
     */
    static Location evaluate(ByteBuffer expression, CompileUnit unit, DebugInfoReader reader, OptionalLong frameBase,
            FrameAccess frame) {
        var stack = new ArrayDeque<Long>();
        List<Piece> pieces = null;
        int piecesSize = 0;
        boolean stackValue = false;
        try {
            while (expression.hasRemaining()) {
                int op = u8(expression);
                if (op >= DW_OP_LIT0 && op <= DW_OP_LIT31) {
                    stack.push((long) (op - DW_OP_LIT0));
                    continue;
                }
                switch (op) {
                    case DW_OP_ADDR -> stack.push(unit.addressSize == 8 ? expression.getLong() : u32(expression));
                    case DW_OP_ADDRX -> stack.push(reader.indexedAddress(unit, uleb(expression)));
                    case DW_OP_FBREG -> {
                        if (frameBase.isEmpty()) {
                            return unavailable("no frame base");
                        }
                        stack.push(frameBase.getAsLong() + sleb(expression));
                    }
                    case DW_OP_WASM_LOCATION -> {
                        long kind = uleb(expression);
                        long index = kind == 3 ? u32(expression) : uleb(expression);
                        OptionalLong bits = kind == 0 ? frame.local((int) index)
                                : kind == 1 || kind == 3 ? frame.global((int) index)
                                : kind == 2 ? frame.operand((int) index) : OptionalLong.empty();
                        if (bits.isEmpty()) {
                            return unavailable("Wasm " + (kind == 0 ? "local " : kind == 2 ? "operand " : "global ")
                                    + index + " is not there");
                        }
                        // The slot's value, on the stack like a register's: a value location adds
                        // DW_OP_stack_value; without it the slot holds the variable's address.
                        stack.push(bits.getAsLong());
                    }
                    case DW_OP_STACK_VALUE -> {
                        if (!expression.hasRemaining() || (expression.get(expression.position()) & 0xff) != DW_OP_PIECE) {
                            // The whole variable's value; after pieces, the expression contradicts itself.
                            return pieces == null ? new Location(false, stack.pop(), null) : unavailable("malformed location");
                        }
                        stackValue = true; // this piece is the value itself
                    }
                    case DW_OP_PIECE -> {
                        long size = uleb(expression);
                        if (size <= 0 || size > MAX_PIECES_SIZE - piecesSize) {
                            return unavailable("malformed location");
                        }
                        pieces = pieces == null ? new ArrayList<>() : pieces;
                        pieces.add(stack.isEmpty() ? new Piece((int) size, Piece.Kind.MISSING, 0)
                                : stackValue ? new Piece((int) size, Piece.Kind.VALUE, stack.pop())
                                : new Piece((int) size, Piece.Kind.MEMORY, address(stack.pop(), unit)));
                        piecesSize += (int) size;
                        stack.clear();
                        stackValue = false;
                    }
                    case DW_OP_DEREF -> {
                        long address = address(stack.pop(), unit);
                        byte[] bytes = frame.memory(address, unit.addressSize);
                        if (bytes == null) {
                            return unavailable(String.format("memory at 0x%x is not readable", address));
                        }
                        stack.push(TypeFormatter.littleEndian(bytes, false));
                    }
                    default -> {
                        if (!arithmetic(op, expression, stack)) {
                            return unavailable(String.format("DW_OP 0x%02x is not supported", op));
                        }
                    }
                }
            }
        } catch (RuntimeException malformed) { // an empty stack, a truncated expression, a division by 0
            return unavailable("malformed location");
        }
        if (pieces != null) {
            return new Location(false, 0, null, List.copyOf(pieces));
        }
        if (stack.isEmpty()) {
            return unavailable("optimized out");
        }
        return new Location(true, address(stack.pop(), unit), null);
    }

    /** Whether the variable is in pieces ({@link #pieces}). */
    boolean composite() {
        return pieces != null;
    }

    /** Wasm32 addresses are 32 bits: an i32 slot may hold one sign-extended. */
    private static long address(long value, CompileUnit unit) {
        return unit.addressSize == 4 ? value & 0xffff_ffffL : value;
    }

    /** The constant, arithmetic and stack operations; false for any other. */
    private static boolean arithmetic(int op, ByteBuffer expression, ArrayDeque<Long> stack) {
        switch (op) {
            case 0x08 -> stack.push((long) u8(expression)); // DW_OP_const1u
            case 0x09 -> stack.push((long) expression.get()); // DW_OP_const1s
            case 0x0a -> stack.push((long) u16(expression)); // DW_OP_const2u
            case 0x0b -> stack.push((long) expression.getShort()); // DW_OP_const2s
            case 0x0c -> stack.push(u32(expression)); // DW_OP_const4u
            case 0x0d -> stack.push((long) expression.getInt()); // DW_OP_const4s
            case 0x0e, 0x0f -> stack.push(expression.getLong()); // DW_OP_const8u, const8s
            case 0x10 -> stack.push(uleb(expression)); // DW_OP_constu
            case 0x11 -> stack.push(sleb(expression)); // DW_OP_consts
            case 0x12 -> stack.push(stack.peek()); // DW_OP_dup
            case 0x13 -> stack.pop(); // DW_OP_drop
            case 0x14 -> { // DW_OP_over
                long top = stack.pop();
                long second = stack.peek();
                stack.push(top);
                stack.push(second);
            }
            case 0x16 -> { // DW_OP_swap
                long top = stack.pop();
                long second = stack.pop();
                stack.push(top);
                stack.push(second);
            }
            case 0x19 -> stack.push(Math.abs(stack.pop())); // DW_OP_abs
            case 0x1f -> stack.push(-stack.pop()); // DW_OP_neg
            case 0x20 -> stack.push(~stack.pop()); // DW_OP_not
            case DW_OP_PLUS_UCONST -> stack.push(stack.pop() + uleb(expression));
            default -> {
                if (op < 0x1a || op > 0x27 || op == 0x1f || op == 0x20 || op == DW_OP_PLUS_UCONST) {
                    return false;
                }
                long top = stack.pop();
                long second = stack.pop();
                stack.push(switch (op) {
                    case 0x1a -> second & top; // DW_OP_and
                    case 0x1b -> second / top; // DW_OP_div (signed)
                    case DW_OP_MINUS -> second - top;
                    case 0x1d -> Long.remainderUnsigned(second, top); // DW_OP_mod
                    case 0x1e -> second * top; // DW_OP_mul
                    case 0x21 -> second | top; // DW_OP_or
                    case DW_OP_PLUS -> second + top;
                    case 0x24 -> second << top; // DW_OP_shl
                    case 0x25 -> second >>> top; // DW_OP_shr
                    case 0x26 -> second >> top; // DW_OP_shra
                    default -> second ^ top; // 0x27 DW_OP_xor
                });
            }
        }
        return true;
    }
}
