package io.github.chicorygdbstub.dwarf;

/**
 * A debugging information entry as read from {@code .debug_info}: its tag and the raw value of
 * each attribute, decoded on access ({@link DebugInfoReader}). Strings and blocks are kept as
 * positions, so reading a DIE allocates nothing but this object.
 */
final class Die {
    final int offset;
    final CompileUnit unit;
    final Abbreviation abbreviation;
    /** Per attribute: its form ({@code DW_FORM_indirect} resolved). */
    final int[] forms;
    /** Per attribute: the value, or the position of a string or block in {@code .debug_info}. */
    final long[] values;
    /** Per attribute: a block's length. */
    final int[] lengths;
    /** Where the next entry (its first child, or its next sibling) starts. */
    final int end;

    Die(int offset, CompileUnit unit, Abbreviation abbreviation, int[] forms, long[] values, int[] lengths, int end) {
        this.offset = offset;
        this.unit = unit;
        this.abbreviation = abbreviation;
        this.forms = forms;
        this.values = values;
        this.lengths = lengths;
        this.end = end;
    }

    int tag() {
        return abbreviation.tag();
    }

    boolean has(int attribute) {
        return abbreviation.indexOf(attribute) >= 0;
    }
}
