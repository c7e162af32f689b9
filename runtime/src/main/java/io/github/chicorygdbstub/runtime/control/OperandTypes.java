package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.runtime.inspect.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recovers the types of a frame's operand stack, which Chicory keeps as untyped 64-bit slots,
 * by replaying the function's instructions up to the current one the way a validator would.
 * Covers the MVP instruction set plus sign-extension, saturating truncation, bulk memory and
 * basic reference instructions; for anything else (SIMD, GC, atomics, exceptions) the types
 * are unknown and callers fall back to raw 64-bit values.
 */
final class OperandTypes {
    private static final int EMPTY_BLOCK_TYPE = 0x40;
    private static final Set<String> COMPARISONS = Set.of("EQ", "NE", "LT", "LT_S", "LT_U", "GT", "GT_S", "GT_U",
            "LE", "LE_S", "LE_U", "GE", "GE_S", "GE_U");
    private static final Set<String> UNARY = Set.of("CLZ", "CTZ", "POPCNT", "ABS", "NEG", "CEIL", "FLOOR", "TRUNC",
            "NEAREST", "SQRT", "EXTEND_8_S", "EXTEND_16_S", "EXTEND_32_S");
    private static final Set<String> BINARY = Set.of("ADD", "SUB", "MUL", "DIV", "DIV_S", "DIV_U", "REM_S", "REM_U",
            "AND", "OR", "XOR", "SHL", "SHR_S", "SHR_U", "ROTL", "ROTR", "MIN", "MAX", "COPYSIGN");

    private final Instance instance;
    private final List<ValType> locals;
    private final List<ValueType> stack = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    /** After an unconditional branch, until the block ends: the stack is polymorphic. */
    private boolean deadCode;

    /** An open block: operand height at entry (below its parameters) and its result types. */
    private record Block(int height, List<ValueType> results) {}

    private OperandTypes(Instance instance, List<ValType> locals) {
        this.instance = instance;
        this.locals = locals;
    }

    /**
     * The operand stack types, bottom first, before instruction {@code current} runs; for an
     * outer frame ({@code atCall}) the call's arguments are already consumed.
     */
    static Optional<List<ValueType>> infer(Instance instance, int functionIndex, FunctionBody body, int current,
            boolean atCall) {
        FunctionType type = instance.type(instance.functionType(functionIndex));
        var locals = new ArrayList<ValType>(type.params());
        locals.addAll(body.localTypes());
        var replay = new OperandTypes(instance, locals);
        List<? extends Instruction> code = PatchableCode.originalsOf(body);
        try {
            for (int i = 0; i < current && i < code.size(); i++) {
                if (!replay.apply(code.get(i))) {
                    return Optional.empty();
                }
            }
            if (atCall && current < code.size() && !replay.popCallArguments(code.get(current))) {
                return Optional.empty();
            }
        } catch (RuntimeException unexpected) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(replay.stack));
    }

    private boolean popCallArguments(Instruction call) {
        return switch (call.opcode()) {
            case CALL -> pop(instance.type(instance.functionType((int) call.operand(0))).params().size());
            case CALL_INDIRECT -> pop(1) && pop(instance.type((int) call.operand(0)).params().size());
            default -> false;
        };
    }

    /** Applies one instruction's stack effect; false when it is not understood. */
    private boolean apply(Instruction instruction) {
        OpCode op = instruction.opcode();
        switch (op) {
            case NOP, DATA_DROP, ELEM_DROP:
                return true;
            case UNREACHABLE, RETURN, BR:
                return unreachable();
            case BR_IF, DROP, LOCAL_SET, GLOBAL_SET:
                return pop(1);
            case BR_TABLE:
                return pop(1) && unreachable();
            case BLOCK, LOOP:
                return enter(instruction, 0);
            case IF:
                return enter(instruction, 1);
            case ELSE:
                return elseBranch(instruction);
            case END:
                return end();
            case LOCAL_GET:
                return push(ValueType.of(locals.get((int) instruction.operand(0))));
            case LOCAL_TEE:
                return pop(1) && push(ValueType.of(locals.get((int) instruction.operand(0))));
            case GLOBAL_GET:
                return push(ValueType.of(instance.global((int) instruction.operand(0)).getType()));
            case SELECT, SELECT_T:
                return select();
            case CALL:
                return call(instance.type(instance.functionType((int) instruction.operand(0))), 0);
            case CALL_INDIRECT:
                return call(instance.type((int) instruction.operand(0)), 1);
            case MEMORY_SIZE, TABLE_SIZE:
                return push(ValueType.I32);
            case MEMORY_GROW:
                return pop(1) && push(ValueType.I32);
            case MEMORY_COPY, MEMORY_FILL, MEMORY_INIT, TABLE_COPY, TABLE_INIT, TABLE_FILL:
                return pop(3);
            case REF_NULL, REF_FUNC:
                return push(ValueType.REF);
            case REF_IS_NULL:
                return pop(1) && push(ValueType.I32);
            case TABLE_GET:
                return pop(1) && push(ValueType.REF);
            case TABLE_SET:
                return pop(2);
            case TABLE_GROW:
                return pop(2) && push(ValueType.I32);
            default:
                return numeric(op.name());
        }
    }

    /** {@code I32_ADD}, {@code F64_LOAD}, {@code I64_EXTEND_I32_S}, ...: typed by their prefix. */
    private boolean numeric(String name) {
        ValueType type = switch (name.length() > 4 ? name.substring(0, 4) : "") {
            case "I32_" -> ValueType.I32;
            case "I64_" -> ValueType.I64;
            case "F32_" -> ValueType.F32;
            case "F64_" -> ValueType.F64;
            default -> null;
        };
        if (type == null || name.contains("ATOMIC")) {
            return false;
        }
        String operation = name.substring(4);
        if (operation.equals("CONST")) {
            return push(type);
        } else if (operation.startsWith("LOAD")) {
            return pop(1) && push(type);
        } else if (operation.startsWith("STORE")) {
            return pop(2);
        } else if (operation.equals("EQZ")) {
            return pop(1) && push(ValueType.I32);
        } else if (COMPARISONS.contains(operation)) {
            return pop(2) && push(ValueType.I32);
        } else if (BINARY.contains(operation)) {
            return pop(2) && push(type);
        } else if (UNARY.contains(operation) || operation.matches(".*_[IF](32|64).*")) {
            return pop(1) && push(type); // unary arithmetic or a conversion from another type
        }
        return false;
    }

    private boolean call(FunctionType type, int extraOperands) {
        if (!pop(extraOperands + type.params().size())) {
            return false;
        }
        type.returns().forEach(result -> push(ValueType.of(result)));
        return true;
    }

    private boolean select() {
        if (!pop(1) || stack.size() <= floor()) {
            return deadCode && pop(2) && push(ValueType.I32);
        }
        ValueType chosen = stack.get(stack.size() - 1);
        return pop(2) && push(chosen);
    }

    private boolean enter(Instruction instruction, int condition) {
        if (!pop(condition)) {
            return false;
        }
        long blockType = instruction.operand(0);
        List<ValueType> params = List.of();
        List<ValueType> results = List.of();
        if (blockType == EMPTY_BLOCK_TYPE) {
            results = List.of();
        } else if (ValType.isValid(blockType)) {
            results = List.of(ValueType.of(ValType.builder().fromId(blockType).build()));
        } else {
            FunctionType type = instance.type((int) blockType);
            params = type.params().stream().map(ValueType::of).toList();
            results = type.returns().stream().map(ValueType::of).toList();
        }
        if (stack.size() < params.size()) {
            return false;
        }
        blocks.add(new Block(stack.size() - params.size(), results));
        return true;
    }

    private boolean elseBranch(Instruction instruction) {
        if (blocks.isEmpty()) {
            return false;
        }
        // The then-branch's values are gone; the else-branch starts from the block's parameters,
        // which for the common empty or single-result block types means from the entry height.
        truncate(blocks.get(blocks.size() - 1).height());
        deadCode = false;
        return true;
    }

    private boolean end() {
        if (blocks.isEmpty()) {
            return true; // the function's own end
        }
        Block block = blocks.remove(blocks.size() - 1);
        truncate(block.height());
        deadCode = false;
        block.results().forEach(this::push);
        return true;
    }

    /** After an unconditional branch the rest of the block is dead; its values never matter. */
    private boolean unreachable() {
        truncate(floor());
        deadCode = true;
        return true;
    }

    private int floor() {
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).height();
    }

    private boolean push(ValueType type) {
        stack.add(type);
        return true;
    }

    private boolean pop(int count) {
        if (stack.size() - count < floor()) {
            if (!deadCode) {
                return false;
            }
            truncate(floor());
            return true;
        }
        truncate(stack.size() - count);
        return true;
    }

    private void truncate(int height) {
        while (stack.size() > height) {
            stack.remove(stack.size() - 1);
        }
    }
}
