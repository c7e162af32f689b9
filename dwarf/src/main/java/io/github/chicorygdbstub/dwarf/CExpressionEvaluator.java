package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_BIT_SIZE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_NAME;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_ARRAY_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_CLASS_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_MEMBER;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_POINTER_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_REFERENCE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_STRUCTURE_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_UNION_TYPE;

import io.github.chicorygdbstub.dwarf.CExpression.Dereference;
import io.github.chicorygdbstub.dwarf.CExpression.Element;
import io.github.chicorygdbstub.dwarf.CExpression.Member;
import io.github.chicorygdbstub.dwarf.CExpression.Step;
import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalLong;

/**
 * Applies the steps of a {@link CExpression} to a variable's {@link CObject} and shows the
 * result as LLDB's {@code frame variable} does: {@code (int) point.x = 3}. Members are found by
 * name, also inside anonymous structs and unions; indexing is not bounds-checked, as in C, but
 * every byte comes through {@link FrameAccess#memory}, which refuses what linear memory does not
 * hold.
 */
final class CExpressionEvaluator {
    /** How deep anonymous structs and unions are searched for a member. */
    private static final int MAX_ANONYMOUS_DEPTH = 8;

    private final DebugInfoReader reader;
    private final TypeFormatter types;
    private final FrameAccess frame;
    /** Addresses wrap at the unit's address size, as the guest's own arithmetic does (32 bits on wasm32). */
    private final long addressMask;

    CExpressionEvaluator(DebugInfoReader reader, TypeFormatter types, FrameAccess frame, int addressSize) {
        this.reader = reader;
        this.types = types;
        this.frame = frame;
        this.addressMask = addressSize >= 8 ? -1L : (1L << (8 * addressSize)) - 1;
    }

    /** Why an expression has no value here; its message is for the user. */
    static final class Unanswerable extends RuntimeException {
        Unanswerable(String message) {
            super(message, null, false, false);
        }
    }

    /** The object {@code expression}'s steps reach from its variable's object. @throws Unanswerable */
    CObject apply(CObject variable, CExpression expression) {
        CObject object = variable;
        for (Step step : expression.steps()) {
            if (step instanceof Member member) {
                object = member(member.throughPointer() ? dereference(object) : object, member.name());
            } else if (step instanceof Element element) {
                object = element(object, element.index());
            } else if (step instanceof Dereference) {
                object = dereference(object);
            }
        }
        return object;
    }

    /** {@code (type) text = value}, or with {@code addressOf}, {@code (type *) text = 0xADDRESS}. @throws Unanswerable */
    String show(String text, CObject object, boolean addressOf) {
        if (addressOf) {
            if (!object.inMemory()) {
                throw new Unanswerable("it is not in memory, so it has no address");
            }
            String pointer = object.indexed() == 0 ? types.pointerName(object.type())
                    : types.arrayName(object.type(), object.indexed(), true);
            return "(" + pointer + ") " + text + String.format(" = 0x%08x", object.address());
        }
        String head = "(" + typeName(object) + ") " + text + " = ";
        long size = size(object);
        if (size <= 0) {
            return head + (object.inMemory() ? String.format("<at 0x%08x>", object.address()) : "<no size>");
        }
        if (object.partlyMissing()) {
            return head + (object.indexed() == 0 ? types.partlyMissing(object.type(), object.bytes(), object.missing())
                    : "<optimized out>");
        }
        byte[] bytes = read(object, (int) Math.min(size, DebugInfo.MAX_READ));
        return head + (object.indexed() == 0 ? types.value(object.type(), bytes, 0)
                : types.arrayValue(object.type(), object.indexed(), bytes));
    }

    private String typeName(CObject object) {
        return object.indexed() == 0 ? types.name(object.type()) : types.arrayName(object.type(), object.indexed(), false);
    }

    private long size(CObject object) {
        return object.indexed() == 0 ? types.size(object.type()) : types.stride(object.type(), object.indexed() - 1);
    }

    /** {@code .name}: a member of a struct or union, in memory or in the bytes of a value. */
    private CObject member(CObject object, String name) {
        Die struct = object.indexed() == 0 ? types.unqualified(object.type()) : null;
        if (struct == null || (struct.tag() != DW_TAG_STRUCTURE_TYPE && struct.tag() != DW_TAG_UNION_TYPE
                && struct.tag() != DW_TAG_CLASS_TYPE)) {
            throw new Unanswerable(typeName(object) + " has no members");
        }
        CObject member = member(object, struct, name, 0);
        if (member == null) {
            throw new Unanswerable("no member named '" + name + "' in " + typeName(object));
        }
        return member;
    }

    /** The member of that name, looking inside anonymous structs and unions too; null if there is none. */
    private CObject member(CObject container, Die struct, String name, int depth) {
        for (Die member : reader.children(struct)) {
            if (member.tag() != DW_TAG_MEMBER) {
                continue;
            }
            String memberName = reader.string(member, DW_AT_NAME).orElse(null);
            Die memberType = types.typeOf(member);
            if (name.equals(memberName)) {
                if (member.has(DW_AT_BIT_SIZE)) {
                    OptionalLong value = types.bitFieldValue(member,
                            read(container, (int) Math.max(0, Math.min(size(container), DebugInfo.MAX_READ))));
                    if (value.isEmpty()) {
                        throw new Unanswerable("bit field '" + name + "' cannot be decoded");
                    }
                    return CObject.value(memberType, TypeFormatter.littleEndianBytes(value.getAsLong(), Long.BYTES));
                }
                return at(container, types.memberOffset(member), memberType);
            }
            Die anonymous = memberName == null ? types.unqualified(memberType) : null;
            if (anonymous != null && depth < MAX_ANONYMOUS_DEPTH && (anonymous.tag() == DW_TAG_STRUCTURE_TYPE
                    || anonymous.tag() == DW_TAG_UNION_TYPE)) {
                CObject inside = member(at(container, types.memberOffset(member), memberType), anonymous, name, depth + 1);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }

    /** {@code [index]}: an element of an array (a row of a multi-dimensional one), or past a pointer. */
    private CObject element(CObject object, long index) {
        Die resolved = object.indexed() > 0 ? object.type() : types.unqualified(object.type());
        if (resolved != null && resolved.tag() == DW_TAG_ARRAY_TYPE) {
            int dimension = object.indexed();
            long stride = types.stride(resolved, dimension);
            if (stride <= 0) {
                throw new Unanswerable("the size of an element of " + typeName(object) + " is unknown");
            }
            boolean innermost = dimension + 1 >= types.dimensions(resolved).size();
            return innermost ? part(object, index * stride, stride, types.typeOf(resolved), 0)
                    : part(object, index * stride, stride, resolved, dimension + 1);
        }
        if (isPointer(resolved)) {
            Die target = types.typeOf(resolved);
            long size = types.size(target);
            if (size <= 0) {
                throw new Unanswerable("the size of what " + types.name(resolved) + " points to is unknown");
            }
            return CObject.inMemory(target, (nonNull(pointerValue(object, resolved)) + index * size) & addressMask);
        }
        throw new Unanswerable(typeName(object) + " is neither an array nor a pointer");
    }

    /** {@code *}: what a pointer points to, or an array's first element. */
    private CObject dereference(CObject object) {
        Die resolved = object.indexed() > 0 ? object.type() : types.unqualified(object.type());
        if (resolved != null && resolved.tag() == DW_TAG_ARRAY_TYPE) {
            return element(object, 0);
        }
        if (!isPointer(resolved)) {
            throw new Unanswerable(typeName(object) + " is not a pointer");
        }
        Die target = types.typeOf(resolved);
        if (target == null) {
            throw new Unanswerable("cannot dereference a void pointer");
        }
        return CObject.inMemory(target, nonNull(pointerValue(object, resolved)));
    }

    /** C leaves a null pointer's target undefined; in Wasm address 0 is memory, so this says so instead. */
    private static long nonNull(long address) {
        if (address == 0) {
            throw new Unanswerable("the pointer is null");
        }
        return address;
    }

    private static boolean isPointer(Die type) {
        return type != null && (type.tag() == DW_TAG_POINTER_TYPE || type.tag() == DW_TAG_REFERENCE_TYPE);
    }

    /** The member of {@code container} at {@code offset}, of type {@code type}. */
    private CObject at(CObject container, long offset, Die type) {
        if (offset < 0) {
            throw new Unanswerable("the offset of a member is unknown");
        }
        return part(container, offset, types.size(type), type, 0);
    }

    /**
     * The object of {@code type} (with {@code indexed} dimensions indexed away) that starts
     * {@code offset} bytes into {@code container}: in memory, or cut from the container's bytes.
     */
    private CObject part(CObject container, long offset, long size, Die type, int indexed) {
        if (container.inMemory()) {
            return new CObject(type, indexed, (container.address() + offset) & addressMask, null, null);
        }
        if (offset < 0 || size <= 0 || offset + size > container.bytes().length) {
            throw new Unanswerable("that part lies outside the value");
        }
        BitSet missing = container.missing() == null ? null : container.missing().get((int) offset, (int) (offset + size));
        return new CObject(type, indexed, -1, Arrays.copyOfRange(container.bytes(), (int) offset, (int) (offset + size)),
                missing);
    }

    /** The address a pointer holds; {@code resolved} is its type without typedefs and qualifiers. */
    private long pointerValue(CObject pointer, Die resolved) {
        int size = resolved.unit.addressSize;
        return TypeFormatter.littleEndian(Arrays.copyOf(read(pointer, size), size), false);
    }

    private byte[] read(CObject object, int length) {
        if (object.partlyMissing()) {
            throw new Unanswerable("it is optimized out, in part");
        }
        if (!object.inMemory()) {
            return object.bytes();
        }
        byte[] bytes = frame.memory(object.address(), length);
        if (bytes == null) {
            throw new Unanswerable(String.format("memory at 0x%x is not readable", object.address()));
        }
        return bytes;
    }
}
