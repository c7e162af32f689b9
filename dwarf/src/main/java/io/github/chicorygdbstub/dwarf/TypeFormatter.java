package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_BIT_SIZE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_BYTE_SIZE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_CONST_VALUE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_COUNT;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_DATA_BIT_OFFSET;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_DATA_MEMBER_LOCATION;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_DECLARATION;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_ENCODING;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_NAME;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_UPPER_BOUND;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_ARRAY_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_ATOMIC_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_BASE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_CLASS_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_CONST_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_ENUMERATION_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_ENUMERATOR;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_FORMAL_PARAMETER;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_MEMBER;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_POINTER_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_REFERENCE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_RESTRICT_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_STRUCTURE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_SUBRANGE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_SUBROUTINE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_TYPEDEF;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_UNION_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_VOLATILE_TYPE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * C types from DWARF type DIEs: their names as C writes them and their values from bytes, in the
 * style of LLDB's {@code frame variable}: numbers, characters, pointers (with the string a
 * {@code char *} points to), enumerators, arrays and structs, nested up to {@link #MAX_DEPTH}.
 */
final class TypeFormatter {


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
    /**
     * The value of a variable a type refers to, such as the one clang writes for the element
     * count of a variable-length array; empty when it has none here.
     */
    private final Function<Die, OptionalLong> valueOf;

    TypeFormatter(DebugInfoReader reader, FrameAccess frame) {
        this(reader, frame, variable -> OptionalLong.empty());
    }

    TypeFormatter(DebugInfoReader reader, FrameAccess frame, Function<Die, OptionalLong> valueOf) {
        this.reader = reader;
        this.frame = frame;
        this.valueOf = valueOf;
    }

    /** The type a DIE's {@code DW_AT_type} names; null for void. */
    Die typeOf(Die die) {
        return reader.reference(die, DW_AT_TYPE).map(reader::die).orElse(null);
    }

    /** The C name of a type, written as C declares it: {@code char *const}, {@code int (*)[3]}. */
    String name(Die type) {
        return declare(type, "", 0);
    }

    /**
     * A type around a declarator: pointers, qualifiers of pointers, arrays and functions wrap the
     * declarator in turn, as C reads {@code char *const (*)[3]} inside out.
     */
    private String declare(Die type, String declarator, int depth) {
        if (depth > 16) {
            return "..." + spaced(declarator);
        }
        if (type == null) {
            return "void" + spaced(declarator);
        }
        String own = reader.string(type, DW_AT_NAME).orElse(null);
        String anonymous = own == null ? "<anonymous>" : own;
        return switch (type.tag()) {
            case DW_TAG_STRUCTURE_TYPE -> "struct " + anonymous + spaced(declarator);
            case DW_TAG_UNION_TYPE -> "union " + anonymous + spaced(declarator);
            case DW_TAG_CLASS_TYPE -> "class " + anonymous + spaced(declarator);
            case DW_TAG_ENUMERATION_TYPE -> "enum " + anonymous + spaced(declarator);
            case DW_TAG_CONST_TYPE, DW_TAG_VOLATILE_TYPE -> {
                String qualifier = type.tag() == DW_TAG_CONST_TYPE ? "const" : "volatile";
                Die target = typeOf(type);
                boolean ofPointer = target != null && (target.tag() == DW_TAG_POINTER_TYPE
                        || target.tag() == DW_TAG_REFERENCE_TYPE);
                yield ofPointer ? declare(target, qualifier + spaced(declarator), depth + 1)
                        : qualifier + " " + declare(target, declarator, depth + 1);
            }
            case DW_TAG_RESTRICT_TYPE, DW_TAG_ATOMIC_TYPE -> declare(typeOf(type), declarator, depth + 1);
            case DW_TAG_POINTER_TYPE, DW_TAG_REFERENCE_TYPE -> declare(typeOf(type), "*" + declarator, depth + 1);
            case DW_TAG_ARRAY_TYPE -> {
                var bounds = new StringBuilder();
                for (long count : dimensions(type)) {
                    bounds.append('[').append(count < 0 ? "" : String.valueOf(count)).append(']');
                }
                yield declare(typeOf(type), (declarator.isEmpty() ? "" : "(" + declarator + ")") + bounds, depth + 1);
            }
            case DW_TAG_SUBROUTINE_TYPE -> declare(typeOf(type),
                    (declarator.isEmpty() ? "" : "(" + declarator + ")") + "(" + parameters(type, depth) + ")", depth + 1);
            default -> (own == null ? "?" : own) + spaced(declarator);
        };
    }

    /** A declarator after a type name: {@code char *}, but {@code int[3]} as LLDB writes it. */
    private static String spaced(String declarator) {
        return declarator.isEmpty() || declarator.startsWith("[") ? declarator : " " + declarator;
    }

    private String parameters(Die function, int depth) {
        var joiner = new StringJoiner(", ");
        for (Die child : reader.children(function)) {
            if (child.tag() == DW_TAG_FORMAL_PARAMETER) {
                joiner.add(declare(typeOf(child), "", depth + 1));
            }
        }
        return joiner.toString();
    }

    /** Bytes a value of the type takes, or -1 when DWARF does not say. */
    long size(Die type) {
        return size(type, 0);
    }

    private long size(Die type, int depth) {
        for (; type != null && depth < 16; depth++) {
            Optional<Long> size = reader.number(type, DW_AT_BYTE_SIZE);
            if (size.isPresent()) {
                return size.get();
            }
            switch (type.tag()) {
                case DW_TAG_POINTER_TYPE, DW_TAG_REFERENCE_TYPE:
                    return type.unit.addressSize;
                case DW_TAG_SUBROUTINE_TYPE:
                    return -1; // a function has no size; its DW_AT_type is what it returns
                case DW_TAG_ARRAY_TYPE:
                    long element = size(typeOf(type), depth + 1);
                    long count = 1;
                    for (long dimension : dimensions(type)) {
                        count = dimension < 0 || dimension > Integer.MAX_VALUE ? -1 : count * dimension;
                        if (count < 0 || count > Integer.MAX_VALUE) {
                            return -1;
                        }
                    }
                    return element < 0 || element > Integer.MAX_VALUE ? -1 : element * count;
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
            case DW_TAG_ARRAY_TYPE -> array(typeOf(resolved), dimensions(resolved), 0, bytes, depth);
            case DW_TAG_STRUCTURE_TYPE, DW_TAG_UNION_TYPE, DW_TAG_CLASS_TYPE -> members(resolved, bytes, depth);
            default -> "<" + name(type) + ">";
        };
    }

    /** The type behind typedefs and qualifiers. */
    Die unqualified(Die type) {
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
        int size = (int) Math.min(bytes.length, size(type));
        if (size <= 0 || size > 8) {
            return hex(bytes, Math.max(0, Math.min(size, 16))); // __int128 and the like
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

    /** Whether a type is a signed integer (or character) once typedefs and qualifiers are set aside. */
    boolean isSigned(Die type) {
        Die resolved = unqualified(type);
        long encoding = resolved == null || resolved.tag() != DW_TAG_BASE_TYPE ? 0 : reader.number(resolved, DW_AT_ENCODING).orElse(0L);
        return encoding == DW_ATE_SIGNED || encoding == DW_ATE_SIGNED_CHAR;
    }

    boolean isCharacter(Die type) {
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
        int size = (int) Math.max(1, Math.min(Math.min(bytes.length, size(type)), 8));
        Die underlying = unqualified(typeOf(type));
        long encoding = underlying == null ? DW_ATE_SIGNED : reader.number(underlying, DW_AT_ENCODING).orElse(0L);
        boolean signed = encoding == DW_ATE_SIGNED || encoding == DW_ATE_SIGNED_CHAR;
        long value = littleEndian(Arrays.copyOf(bytes, size), signed);
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        for (Die enumerator : reader.children(type)) {
            if (enumerator.tag() == DW_TAG_ENUMERATOR) {
                Optional<Long> constant = reader.signedNumber(enumerator, DW_AT_CONST_VALUE);
                if (constant.isPresent() && (constant.get() & mask) == (value & mask)) {
                    return reader.string(enumerator, DW_AT_NAME).orElse(String.valueOf(value));
                }
            }
        }
        return signed || size < 8 ? String.valueOf(value) : Long.toUnsignedString(value);
    }

    /**
     * Dimension {@code dimension} of an array from its bytes: inner dimensions nest as C's braces
     * do; a {@code char} dimension reads as a string. Bytes may end early (a large array is read in
     * part): what is there is shown, then "...".
     */
    private String array(Die element, List<Long> dimensions, int dimension, byte[] bytes, int depth) {
        long count = dimensions.get(dimension);
        boolean innermost = dimension == dimensions.size() - 1;
        if (innermost && isCharacter(unqualified(element))) {
            var out = new StringBuilder("\"");
            for (int i = 0; i < Math.min(count, Math.min(bytes.length, MAX_STRING)) && bytes[i] != 0; i++) {
                out.append(printable(bytes[i]));
            }
            return out.append('"').toString();
        }
        long stride = stride(size(element), dimensions, dimension);
        if (depth >= MAX_DEPTH || stride <= 0) {
            return "{...}";
        }
        var joiner = new StringJoiner(", ", "{", "}");
        for (long i = 0; i < count; i++) {
            long start = i * stride;
            if (i == MAX_ELEMENTS || start + stride > bytes.length) {
                joiner.add("...");
                break;
            }
            byte[] item = Arrays.copyOfRange(bytes, (int) start, (int) (start + stride));
            joiner.add(innermost ? value(element, item, depth + 1) : array(element, dimensions, dimension + 1, item, depth + 1));
        }
        return joiner.toString();
    }

    /**
     * A value some of whose bytes are {@code missing} (optimized-out pieces): a struct shows the
     * members that are all there, as LLDB does; anything else is optimized out as a whole.
     */
    String partlyMissing(Die type, byte[] bytes, BitSet missing) {
        Die resolved = unqualified(type);
        boolean struct = resolved != null && (resolved.tag() == DW_TAG_STRUCTURE_TYPE || resolved.tag() == DW_TAG_CLASS_TYPE);
        return struct ? members(resolved, bytes, 0, missing) : "<optimized out>";
    }

    private String members(Die type, byte[] bytes, int depth) {
        return members(type, bytes, depth, null);
    }

    /** @param missing bytes that are nowhere (their members show as optimized out), or null */
    private String members(Die type, byte[] bytes, int depth, BitSet missing) {
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
                boolean gone = missing != null && !missing.isEmpty(); // where a bit field lies is not worth working out here
                joiner.add(name + " = " + (gone ? "<optimized out>" : bitField(member, bytes)));
                continue;
            }
            long offset = memberOffset(member);
            Die memberType = typeOf(member);
            long size = size(memberType);
            if (offset < 0 || size < 0 || offset >= bytes.length) {
                joiner.add(name + " = " + (offset >= bytes.length && offset >= 0 ? "..." : "<unknown>"));
                continue;
            }
            if (missing != null && missing.get((int) offset, (int) Math.min(bytes.length, offset + size)).cardinality() > 0) {
                joiner.add(name + " = <optimized out>");
                continue;
            }
            // A member cut short by a partial read keeps what there is.
            byte[] item = Arrays.copyOfRange(bytes, (int) offset, (int) Math.min(bytes.length, offset + size));
            joiner.add(name + " = " + value(memberType, item, depth + 1));
        }
        return joiner.toString();
    }

    /**
     * A bit field from its struct's bytes: {@code DW_AT_data_bit_offset} counts bits from the
     * struct's start (DWARF 4 and later, as clang writes); the older big-endian-minded
     * {@code DW_AT_bit_offset} is not decoded.
     */
    private String bitField(Die member, byte[] bytes) {
        OptionalLong value = bitFieldValue(member, bytes);
        return value.isPresent() ? String.valueOf(value.getAsLong()) : "<bit field>";
    }

    /** A bit field's value, sign-extended when its type is signed; empty when it cannot be decoded. */
    OptionalLong bitFieldValue(Die member, byte[] bytes) {
        long bits = reader.number(member, DW_AT_BIT_SIZE).orElse(0L);
        Optional<Long> offset = reader.number(member, DW_AT_DATA_BIT_OFFSET);
        if (offset.isEmpty() || bits <= 0 || bits > 64 || offset.get() < 0 || offset.get() + bits > 8L * bytes.length) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (long bit = 0; bit < bits; bit++) {
            long at = offset.get() + bit;
            value |= (long) ((bytes[(int) (at / 8)] >>> (at % 8)) & 1) << bit;
        }
        Die type = unqualified(typeOf(member));
        long encoding = type == null ? 0 : reader.number(type, DW_AT_ENCODING).orElse(0L);
        if ((encoding == DW_ATE_SIGNED || encoding == DW_ATE_SIGNED_CHAR) && bits < 64) {
            value = (value << (64 - bits)) >> (64 - bits);
        }
        return OptionalLong.of(value);
    }

    /** A member's offset: a constant, or the {@code DW_OP_plus_uconst N} older compilers write. */
    long memberOffset(Die member) {
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

    /**
     * The C name of what remains of an array once its first {@code from} dimensions are indexed
     * away ({@code int[3]} for a row of {@code int[2][3]}), or of a pointer to it when {@code
     * pointer} ({@code int (*)[3]}).
     */
    String arrayName(Die array, int from, boolean pointer) {
        var bounds = new StringBuilder();
        List<Long> dimensions = dimensions(array);
        for (long count : dimensions.subList(Math.min(from, dimensions.size()), dimensions.size())) {
            bounds.append('[').append(count < 0 ? "" : String.valueOf(count)).append(']');
        }
        return declare(typeOf(array), (pointer ? "(*)" : "") + bounds, 1);
    }

    /** The C name of a pointer to a type: {@code int *}, {@code struct point *}, {@code int (*)[5]}. */
    String pointerName(Die type) {
        return declare(type, "*", 0);
    }

    /** Bytes one element of dimension {@code dimension} of an array takes, or -1 when unknown. */
    long stride(Die array, int dimension) {
        return stride(size(typeOf(array)), dimensions(array), dimension);
    }

    /** An element of {@code dimension}: the element type's size times the inner dimensions; -1 when unknown or absurd. */
    private static long stride(long elementSize, List<Long> dimensions, int dimension) {
        long stride = elementSize;
        for (int d = dimension + 1; d < dimensions.size() && stride > 0; d++) {
            long count = dimensions.get(d);
            stride = count < 0 || count > Integer.MAX_VALUE || stride > Integer.MAX_VALUE ? -1 : stride * count;
        }
        return stride;
    }

    /** What remains of an array once its first {@code from} dimensions are indexed away, from its bytes. */
    String arrayValue(Die array, int from, byte[] bytes) {
        return array(typeOf(array), dimensions(array), from, bytes, 0);
    }

    /**
     * The element count of each dimension of an array, outermost first; -1 where DWARF gives none.
     * A variable-length array's count (or upper bound) refers to a variable, whose value counts.
     */
    List<Long> dimensions(Die array) {
        var dimensions = new ArrayList<Long>();
        for (Die subrange : reader.children(array)) {
            if (subrange.tag() == DW_TAG_SUBRANGE_TYPE) {
                Optional<Long> count = reader.number(subrange, DW_AT_COUNT)
                        .or(() -> reader.number(subrange, DW_AT_UPPER_BOUND).map(upper -> upper + 1))
                        .or(() -> referencedValue(subrange, DW_AT_COUNT))
                        .or(() -> referencedValue(subrange, DW_AT_UPPER_BOUND).map(upper -> upper + 1));
                dimensions.add(count.filter(c -> c >= 0).orElse(-1L));
            }
        }
        if (dimensions.isEmpty()) {
            dimensions.add(-1L);
        }
        return dimensions;
    }

    private Optional<Long> referencedValue(Die die, int attribute) {
        Die variable = reader.reference(die, attribute).map(reader::die).orElse(null);
        if (variable == null) {
            return Optional.empty();
        }
        OptionalLong value = valueOf.apply(variable);
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    /** The low {@code size} bytes of a value, little-endian; zeros beyond its 8. */
    static byte[] littleEndianBytes(long value, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < Math.min(size, Long.BYTES); i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
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
