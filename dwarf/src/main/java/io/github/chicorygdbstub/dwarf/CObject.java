package io.github.chicorygdbstub.dwarf;

import java.util.BitSet;

/**
 * A C object that a variable or a {@link CExpression} names: its type, and where it is.
 *
 * @param type its type DIE (null for void); for a row of a multi-dimensional array, the array's
 *     own type, with {@code indexed} dimensions indexed away
 * @param indexed how many leading dimensions of the array {@code type} are indexed away; 0 for
 *     every other object
 * @param address where it starts in linear memory 0, when {@code bytes} is null
 * @param bytes its value, when it is not in memory (a Wasm local, a value DWARF computes, or the
 *     pieces of a variable that optimized code keeps in several places)
 * @param missing which of {@code bytes} are nowhere (pieces that are optimized out); null when none
 */
record CObject(Die type, int indexed, long address, byte[] bytes, BitSet missing) {
    static CObject inMemory(Die type, long address) {
        return new CObject(type, 0, address, null, null);
    }

    static CObject value(Die type, byte[] bytes) {
        return new CObject(type, 0, -1, bytes, null);
    }

    boolean inMemory() {
        return bytes == null;
    }

    /** Whether some of its bytes are optimized out. */
    boolean partlyMissing() {
        return missing != null && !missing.isEmpty();
    }
}
