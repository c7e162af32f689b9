package dev.chicory.gdbstub.runtime.dwarf;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * C types from DWARF type DIEs: their names as C writes them and their values from bytes, in the
 * style of LLDB's {@code frame variable}: numbers, characters, pointers (with the string a
 * {@code char *} points to), enumerators, arrays and structs, nested up to {@link #MAX_DEPTH}.
 */
final class TypeFormatter {
    static final int DW_TAG_ARRAY_TYPE = 0x01;
    static final int DW_TAG_CLASS_TYPE = 0x02;
    static final int DW_TAG_ENUMERATION_TYPE = 0x04;
    static final int DW_TAG_MEMBER = 0x0d;
    static final int DW_TAG_POINTER_TYPE = 0x0f;
    static final int DW_TAG_REFERENCE_TYPE = 0x10;
    static final int DW_TAG_STRUCTURE_TYPE = 0x13;
    static final int DW_TAG_SUBROUTINE_TYPE = 0x15;
    static final int DW_TAG_TYPEDEF = 0x16;
    static final int DW_TAG_UNION_TYPE = 0x17;
    static final int DW_TAG_SUBRANGE_TYPE = 0x21;
    static final int DW_TAG_BASE_TYPE = 0x24;
    static final int DW_TAG_CONST_TYPE = 0x26;
    static final int DW_TAG_ENUMERATOR = 0x28;
    static final int DW_TAG_VOLATILE_TYPE = 0x35;
    static final int DW_TAG_RESTRICT_TYPE = 0x37;
    static final int DW_TAG_ATOMIC_TYPE = 0x47;
    static final int DW_TAG_FORMAL_PARAMETER = 0x05;

    static final int DW_AT_NAME = 0x03;
    static final int DW_AT_BYTE_SIZE = 0x0b;
    static final int DW_AT_BIT_SIZE = 0x0d;
    static final int DW_AT_CONST_VALUE = 0x1c;
    static final int DW_AT_UPPER_BOUND = 0x2f;
    static final int DW_AT_COUNT = 0x37;
    static final int DW_AT_DATA_MEMBER_LOCATION = 0x38;
    static final int DW_AT_DECLARATION = 0x3c;
    static final int DW_AT_ENCODING = 0x3e;
    static final int DW_AT_TYPE = 0x49;

    private static final int DW_ATE_BOOLEAN = 0x02;
    private static final int DW_ATE_FLOAT = 0x04;
    private static final int DW_ATE_SIGNED = 0x05;
    private static final int DW_ATE_SIGNED_CHAR = 0x06;
    private static final int DW_ATE_UNSIGNED_CHAR = 0x08;

    /** How deep structs and arrays inside structs and arrays are shown; deeper ones print as {...}. */
    static final int MAX_DEPTH = 3;
    /** Elements of an array shown before "...". */
    static final int MAX_ELEMENTS = 16;
    /** Bytes of a C string read through a {@code char *} or shown from a {@code char} array. */
    static final int MAX_STRING = 64;

    private final DebugInfoReader reader;
    private final FrameAccess frame;

    TypeFormatter(DebugInfoReader reader, FrameAccess frame) {
        this.reader = reader;
        this.frame = frame;
    }

    /** The type a DIE's {@code DW_AT_type} names; null for void. */
    Die typeOf(Die die) {
        return reader.reference(die, DW_AT_TYPE).map(reader::die).orElse(null);
    }

    /** The C name of a type. */
    String name(Die type) {
        return name(type, 0);
    }

    private String name(Die type, int depth) {
        if (type == null) {
            return "void";
        }
        if (depth > 8) {
            return "...";
        }
        String own = reader.string(type, DW_AT_NAME).orElse(null);
        return switch (type.tag()) {
            case DW_TAG_BASE_TYPE, DW_TAG_TYPEDEF -> own == null ? "?" : own;
            case DW_TAG_STRUCTURE_TYPE -> "struct " + (own == null ? "<anonymous>" : own);
            case DW_TAG_UNION_TYPE -> "union " + (own == null ? "<anonymous>" : own);
            case DW_TAG_CLASS_TYPE -> "class " + (own == null ? "<anonymous>" : own);
            case DW_TAG_ENUMERATION_TYPE -> "enum " + (own == null ? "<anonymous>" : own);
            case DW_TAG_CONST_TYPE -> "const " + name(typeOf(type), depth + 1);
            case DW_TAG_VOLATILE_TYPE -> "volatile " + name(typeOf(type), depth + 1);
            case DW_TAG_RESTRICT_TYPE, DW_TAG_ATOMIC_TYPE -> name(typeOf(type), depth + 1);
            case DW_TAG_POINTER_TYPE, DW_TAG_REFERENCE_TYPE -> {
                Die target = typeOf(type);
                if (target != null && target.tag() == DW_TAG_SUBROUTINE_TYPE) {
                    yield name(typeOf(target), depth + 1) + " (*)(" + parameters(target, depth) + ")";
                }
                String pointee = name(target, depth + 1);
                yield pointee.endsWith("*") ? pointee + "*" : pointee + " *";
            }
            case DW_TAG_ARRAY_TYPE -> name(typeOf(type), depth + 1) + "[" + count(type).map(String::valueOf).orElse("") + "]";
            case DW_TAG_SUBROUTINE_TYPE -> name(typeOf(type), depth + 1) + " (" + parameters(type, depth) + ")";
            default -> own == null ? "?" : own;
        };
    }

    private String parameters(Die function, int depth) {
        var joiner = new StringJoiner(", ");
        for (Die child : reader.children(function)) {
            if (child.tag() == DW_TAG_FORMAL_PARAMETER) {
                joiner.add(name(typeOf(child), depth + 1));
            }
        }
        return joiner.toString();
    }

    /** Bytes a value of the type takes, or -1 when DWARF does not say. */
    int size(Die type) {
        for (int depth = 0; type != null && depth < 16; depth++) {
            Optional<Long> size = reader.number(type, DW_AT_BYTE_SIZE);
            if (size.isPresent()) {
                return (int) (long) size.get();
            }
            switch (type.tag()) {
                case DW_TAG_POINTER_TYPE, DW_TAG_REFERENCE_TYPE:
                    return type.unit.addressSize;
                case DW_TAG_ARRAY_TYPE:
                    int element = size(typeOf(type));
                    return element < 0 ? -1 : count(type).map(c -> (int) (c * element)).orElse(-1);
                default:
                    type = typeOf(type); // typedefs and qualifiers
            }
        }
        return -1;
    }

    /** A value of the type from its bytes (little-endian, at least {@link #size} of them). */
    String value(Die type, byte[] bytes, int depth) {
        Die resolved = unqualified(type);
        if (resolved == null) {
            return "<void>";
        }
        return switch (resolved.tag()) {
            case DW_TAG_BASE_TYPE -> base(resolved, bytes);
            case DW_TAG_POINTER_TYPE, DW_TAG_REFERENCE_TYPE -> pointer(resolved, bytes);
            case DW_TAG_ENUMERATION_TYPE -> enumeration(resolved, bytes);
            case DW_TAG_ARRAY_TYPE -> array(resolved, bytes, depth);
            case DW_TAG_STRUCTURE_TYPE, DW_TAG_UNION_TYPE, DW_TAG_CLASS_TYPE -> members(resolved, bytes, depth);
            default -> "<" + name(type) + ">";
        };
    }

    /** The type behind typedefs and qualifiers. */
    private Die unqualified(Die type) {
        for (int depth = 0; type != null && depth < 16; depth++) {
            switch (type.tag()) {
                case DW_TAG_TYPEDEF, DW_TAG_CONST_TYPE, DW_TAG_VOLATILE_TYPE, DW_TAG_RESTRICT_TYPE, DW_TAG_ATOMIC_TYPE:
                    type = typeOf(type);
                    break;
                default:
                    return type;
            }
        }
        return type;
    }

    private String base(Die type, byte[] bytes) {
        int encoding = (int) (long) reader.number(type, DW_AT_ENCODING).orElse(0L);
        int size = Math.min(bytes.length, size(type));
        if (size <= 0 || size > 8) {
            return hex(bytes, Math.max(0, Math.min(bytes.length, size(type))));
        }
        byte[] value = Arrays.copyOf(bytes, size);
        return switch (encoding) {
            case DW_ATE_BOOLEAN -> littleEndian(value, false) != 0 ? "true" : "false";
            case DW_ATE_FLOAT -> size == 4 ? String.valueOf(Float.intBitsToFloat((int) littleEndian(value, false)))
                    : String.valueOf(Double.longBitsToDouble(littleEndian(value, false)));
            case DW_ATE_SIGNED -> String.valueOf(littleEndian(value, true));
            case DW_ATE_SIGNED_CHAR, DW_ATE_UNSIGNED_CHAR -> character(littleEndian(value, encoding == DW_ATE_SIGNED_CHAR));
            default -> size == 8 ? Long.toUnsignedString(littleEndian(value, false))
                    : String.valueOf(littleEndian(value, false));
        };
    }

    private static String character(long code) {
        char c = (char) (code & 0xff);
        String shown = c == '\0' ? "\\0" : c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\'' ? "\\'"
                : c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", code & 0xff);
        return code + " '" + shown + "'";
    }

    private String pointer(Die type, byte[] bytes) {
        long address = littleEndian(Arrays.copyOf(bytes, Math.min(bytes.length, type.unit.addressSize)), false);
        String text = String.format("0x%08x", address);
        Die target = unqualified(typeOf(type));
        if (isCharacter(target) && address != 0) {
            String string = cString(address);
            if (string != null) {
                text += " " + string;
            }
        }
        return text;
    }

    private boolean isCharacter(Die type) {
        if (type == null || type.tag() != DW_TAG_BASE_TYPE) {
            return false;
        }
        long encoding = reader.number(type, DW_AT_ENCODING).orElse(0L);
        return (encoding == DW_ATE_SIGNED_CHAR || encoding == DW_ATE_UNSIGNED_CHAR) && size(type) == 1;
    }

    /** The C string at an address, quoted, cut at {@link #MAX_STRING} bytes; null if unreadable. */
    private String cString(long address) {
        var out = new StringBuilder("\"");
        for (int i = 0; i < MAX_STRING; i++) {
            byte[] b = frame.memory(address + i, 1);
            if (b == null) {
                return i == 0 ? null : out.append("\"...").toString();
            }
            if (b[0] == 0) {
                return out.append('"').toString();
            }
            out.append(printable(b[0]));
        }
        return out.append("\"...").toString();
    }

    private static String printable(byte b) {
        int c = b & 0xff;
        return c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                : c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }

    private String enumeration(Die type, byte[] bytes) {
        int size = Math.max(1, Math.min(bytes.length, size(type)));
        long value = littleEndian(Arrays.copyOf(bytes, size), true);
        for (Die enumerator : reader.children(type)) {
            if (enumerator.tag() == DW_TAG_ENUMERATOR) {
                long constant = reader.signedNumber(enumerator, DW_AT_CONST_VALUE).orElse(Long.MIN_VALUE);
                if (constant == value || (size < 8 && (constant & ((1L << (8 * size)) - 1)) == (value & ((1L << (8 * size)) - 1)))) {
                    return reader.string(enumerator, DW_AT_NAME).orElse(String.valueOf(value));
                }
            }
        }
        return String.valueOf(value);
    }

    private String array(Die type, byte[] bytes, int depth) {
        Die element = typeOf(type);
        int elementSize = size(element);
        long count = count(type).orElse(0L);
        if (isCharacter(unqualified(element))) {
            var out = new StringBuilder("\"");
            for (int i = 0; i < Math.min(count, Math.min(bytes.length, MAX_STRING)) && bytes[i] != 0; i++) {
                out.append(printable(bytes[i]));
            }
            return out.append('"').toString();
        }
        if (depth >= MAX_DEPTH || elementSize <= 0) {
            return "{...}";
        }
        var joiner = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < count; i++) {
            if (i == MAX_ELEMENTS) {
                joiner.add("...");
                break;
            }
            int start = i * elementSize;
            if (start + elementSize > bytes.length) {
                break;
            }
            joiner.add(value(element, Arrays.copyOfRange(bytes, start, start + elementSize), depth + 1));
        }
        return joiner.toString();
    }

    private String members(Die type, byte[] bytes, int depth) {
        if (reader.number(type, DW_AT_DECLARATION).orElse(0L) != 0) {
            return "<incomplete type>";
        }
        if (depth >= MAX_DEPTH) {
            return "{...}";
        }
        var joiner = new StringJoiner(", ", "{", "}");
        for (Die member : reader.children(type)) {
            if (member.tag() != DW_TAG_MEMBER) {
                continue;
            }
            String name = reader.string(member, DW_AT_NAME).orElse("<anonymous>");
            if (member.has(DW_AT_BIT_SIZE)) {
                joiner.add(name + " = <bit field>");
                continue;
            }
            long offset = memberOffset(member);
            Die memberType = typeOf(member);
            int size = size(memberType);
            if (offset < 0 || size < 0 || offset + size > bytes.length) {
                joiner.add(name + " = <unknown>");
                continue;
            }
            joiner.add(name + " = " + value(memberType, Arrays.copyOfRange(bytes, (int) offset, (int) offset + size),
                    depth + 1));
        }
        return joiner.toString();
    }

    /** A member's offset: a constant, or the {@code DW_OP_plus_uconst N} older compilers write. */
    private long memberOffset(Die member) {
        Optional<Long> constant = reader.number(member, DW_AT_DATA_MEMBER_LOCATION);
        if (constant.isPresent()) {
            return constant.get();
        }
        return reader.block(member, DW_AT_DATA_MEMBER_LOCATION)
                .filter(b -> b.remaining() >= 2 && (b.get(0) & 0xff) == 0x23)
                .map(b -> {
                    b.get();
                    return DwarfBytes.uleb(b);
                })
                .orElse(member.has(DW_AT_DATA_MEMBER_LOCATION) ? -1L : 0L); // none: a union member, at 0
    }

    /** The number of elements of an array's first dimension. */
    Optional<Long> count(Die array) {
        List<Die> children = reader.children(array);
        for (Die subrange : children) {
            if (subrange.tag() == DW_TAG_SUBRANGE_TYPE) {
                Optional<Long> count = reader.number(subrange, DW_AT_COUNT);
                if (count.isPresent()) {
                    return count;
                }
                return reader.number(subrange, DW_AT_UPPER_BOUND).map(upper -> upper + 1);
            }
        }
        return Optional.empty();
    }

    static long littleEndian(byte[] bytes, boolean signed) {
        long value = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        if (signed && bytes.length < 8 && bytes.length > 0) {
            int shift = 64 - 8 * bytes.length;
            value = (value << shift) >> shift;
        }
        return value;
    }

    private static String hex(byte[] bytes, int length) {
        var out = new StringBuilder("0x");
        for (int i = length - 1; i >= 0; i--) {
            out.append(String.format("%02x", bytes[i] & 0xff));
        }
        return out.toString();
    }
}
