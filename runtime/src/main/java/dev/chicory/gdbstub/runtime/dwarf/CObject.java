package dev.chicory.gdbstub.runtime.dwarf;

/**
 * A C object that a variable or a {@link CExpression} names: its type, and where it is.
 *
 * @param type its type DIE (null for void); for a row of a multi-dimensional array, the array's
 *     own type, with {@code indexed} dimensions indexed away
 * @param indexed how many leading dimensions of the array {@code type} are indexed away; 0 for
 *     every other object
 * @param address where it starts in linear memory 0, when {@code bytes} is null
 * @param bytes its value, when it is not in memory (a Wasm local or a value DWARF computes)
 */
record CObject(Die type, int indexed, long address, byte[] bytes) {
    static CObject inMemory(Die type, long address) {
        return new CObject(type, 0, address, null);
    }

    static CObject value(Die type, byte[] bytes) {
        return new CObject(type, 0, -1, bytes);
    }

    boolean inMemory() {
        return bytes == null;
    }
}
