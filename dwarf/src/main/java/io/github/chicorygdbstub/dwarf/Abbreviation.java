package io.github.chicorygdbstub.dwarf;

/**
 * One entry of a {@code .debug_abbrev} table: the tag and the attribute layout of the DIEs that
 * use its code.
 *
 * @param implicitConstants the values of {@code DW_FORM_implicit_const} attributes, which live
 *     here rather than in the DIE (0 for other forms)
 */
record Abbreviation(int tag, boolean hasChildren, int[] attributes, int[] forms, long[] implicitConstants) {

    /** Index of an attribute in this layout, or -1. */
    int indexOf(int attribute) {
        for (int i = 0; i < attributes.length; i++) {
            if (attributes[i] == attribute) {
                return i;
            }
        }
        return -1;
    }
}
