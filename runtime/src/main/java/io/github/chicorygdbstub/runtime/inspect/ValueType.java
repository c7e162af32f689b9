package io.github.chicorygdbstub.runtime.inspect;

import com.dylibso.chicory.wasm.types.ValType;

/** WebAssembly value types as a debugger sees them, with their natural width in bytes. */
public enum ValueType {
    /** 32-bit integer. */
    I32(4),
    /** 64-bit integer. */
    I64(8),
    /** 32-bit IEEE 754 float. */
    F32(4),
    /** 64-bit IEEE 754 float. */
    F64(8),
    /** 128-bit SIMD vector. */
    V128(16),
    /** Any reference (funcref, externref, GC refs): shown as a 4-byte index, 0 for null. */
    REF(4);

    private final int byteWidth;

    ValueType(int byteWidth) {
        this.byteWidth = byteWidth;
    }

    /** {@return the width in bytes of this type's little-endian encoding on the wire} */
    public int byteWidth() {
        return byteWidth;
    }

    /**
     * Maps a Chicory value type.
     *
     * @param type a Chicory value type
     * @return the numeric or vector type, or {@link #REF} for every reference type
     */
    public static ValueType of(ValType type) {
        if (type.equals(ValType.I32)) {
            return I32;
        } else if (type.equals(ValType.I64)) {
            return I64;
        } else if (type.equals(ValType.F32)) {
            return F32;
        } else if (type.equals(ValType.F64)) {
            return F64;
        } else if (type.equals(ValType.V128)) {
            return V128;
        }
        return REF;
    }
}
