package io.github.chicorygdbstub.runtime.inspect;

/**
 * A typed WebAssembly value copied out of the guest.
 *
 * @param type the value's type
 * @param bits the raw bits (the low 64 bits for v128; float bits for f32/f64; index for refs)
 * @param highBits the high 64 bits of a v128, 0 otherwise
 */
public record WasmValue(ValueType type, long bits, long highBits) {

    /**
     * A non-v128 value.
     *
     * @param type the value's type, not {@link ValueType#V128}
     * @param bits the raw bits
     * @return the value, with {@code highBits} 0
     */
    public static WasmValue of(ValueType type, long bits) {
        return new WasmValue(type, bits, 0);
    }

    /**
     * {@return the value's bytes, little-endian, in the type's natural width (what the Wasm RSP packets carry)}
     */
    public byte[] littleEndianBytes() {
        byte[] out = new byte[type.byteWidth()];
        long reference = type == ValueType.REF && bits == -1 ? 0 : bits;
        for (int i = 0; i < out.length; i++) {
            long source = i < 8 ? reference : highBits;
            out[i] = (byte) (source >>> (8 * (i % 8)));
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (type) {
            case I32 -> "i32:" + (int) bits;
            case I64 -> "i64:" + bits;
            case F32 -> "f32:" + Float.intBitsToFloat((int) bits);
            case F64 -> "f64:" + Double.longBitsToDouble(bits);
            case V128 -> String.format("v128:0x%016x%016x", highBits, bits);
            case REF -> "ref:" + bits;
        };
    }
}
