package io.github.chicorygdbstub.dwarf;

/**
 * The DWARF tags, attributes and forms that the readers of {@code .debug_info} name, from the
 * DWARF 5 standard (section 7.5), in one place for all of them.
 */
final class DwarfNames {
    static final int DW_TAG_ARRAY_TYPE = 0x01;
    static final int DW_TAG_CLASS_TYPE = 0x02;
    static final int DW_TAG_ENUMERATION_TYPE = 0x04;
    static final int DW_TAG_FORMAL_PARAMETER = 0x05;
    static final int DW_TAG_LEXICAL_BLOCK = 0x0b;
    static final int DW_TAG_MEMBER = 0x0d;
    static final int DW_TAG_POINTER_TYPE = 0x0f;
    static final int DW_TAG_REFERENCE_TYPE = 0x10;
    static final int DW_TAG_STRUCTURE_TYPE = 0x13;
    static final int DW_TAG_SUBROUTINE_TYPE = 0x15;
    static final int DW_TAG_TYPEDEF = 0x16;
    static final int DW_TAG_UNION_TYPE = 0x17;
    static final int DW_TAG_INLINED_SUBROUTINE = 0x1d;
    static final int DW_TAG_SUBRANGE_TYPE = 0x21;
    static final int DW_TAG_BASE_TYPE = 0x24;
    static final int DW_TAG_CONST_TYPE = 0x26;
    static final int DW_TAG_ENUMERATOR = 0x28;
    static final int DW_TAG_SUBPROGRAM = 0x2e;
    static final int DW_TAG_VARIABLE = 0x34;
    static final int DW_TAG_VOLATILE_TYPE = 0x35;
    static final int DW_TAG_RESTRICT_TYPE = 0x37;
    static final int DW_TAG_ATOMIC_TYPE = 0x47;

    static final int DW_AT_SIBLING = 0x01;
    static final int DW_AT_LOCATION = 0x02;
    static final int DW_AT_NAME = 0x03;
    static final int DW_AT_BYTE_SIZE = 0x0b;
    static final int DW_AT_BIT_SIZE = 0x0d;
    static final int DW_AT_LOW_PC = 0x11;
    static final int DW_AT_HIGH_PC = 0x12;
    static final int DW_AT_COMP_DIR = 0x1b;
    static final int DW_AT_CONST_VALUE = 0x1c;
    static final int DW_AT_UPPER_BOUND = 0x2f;
    static final int DW_AT_ABSTRACT_ORIGIN = 0x31;
    static final int DW_AT_COUNT = 0x37;
    static final int DW_AT_DATA_MEMBER_LOCATION = 0x38;
    static final int DW_AT_DECLARATION = 0x3c;
    static final int DW_AT_ENCODING = 0x3e;
    static final int DW_AT_FRAME_BASE = 0x40;
    static final int DW_AT_SPECIFICATION = 0x47;
    static final int DW_AT_TYPE = 0x49;
    static final int DW_AT_RANGES = 0x55;
    static final int DW_AT_DATA_BIT_OFFSET = 0x6b;
    static final int DW_AT_LINKAGE_NAME = 0x6e;
    static final int DW_AT_STR_OFFSETS_BASE = 0x72;
    static final int DW_AT_ADDR_BASE = 0x73;
    static final int DW_AT_RNGLISTS_BASE = 0x74;
    static final int DW_AT_LOCLISTS_BASE = 0x8c;

    static final int DW_FORM_INDIRECT = 0x16;
    static final int DW_FORM_IMPLICIT_CONST = 0x21;

    private DwarfNames() {}
}
