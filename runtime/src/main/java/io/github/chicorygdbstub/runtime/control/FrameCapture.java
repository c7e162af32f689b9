package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.ValueType;
import io.github.chicorygdbstub.runtime.inspect.WasmValue;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the parked guest's call stack into {@link FrameSnapshot}s. The active machines are
 * walked innermost first, so a call into another module's export appears above the host frame
 * of the import that led there.
 */
final class FrameCapture {
    private final List<ModuleImage> images;

    FrameCapture(List<ModuleImage> images) {
        this.images = images;
    }

    List<FrameSnapshot> capture(List<DebugMachine> activeMachinesInnermostFirst) {
        var snapshots = new ArrayList<FrameSnapshot>();
        for (DebugMachine machine : activeMachinesInnermostFirst) {
            long[] stack = machine.operandStack().array();
            int top = machine.operandStack().size();
            for (StackFrame frame : machine.frames()) {
                int base = Math.min(top, ChicoryAccess.stackBase(frame, top));
                long[] slice = java.util.Arrays.copyOfRange(stack, base, top);
                snapshots.add(snapshot(snapshots.size(), machine, frame, slice));
                top = base;
            }
        }
        return List.copyOf(snapshots);
    }

    /** Writes a local of a live frame; the value is given as raw bits (low, high for v128). */
    static void writeLocal(StackFrame frame, int localIndex, WasmValue value) {
        int slot = frame.localIndexOf(localIndex);
        ChicoryAccess.setLocalSlot(frame, slot, value.bits());
        if (value.type() == ValueType.V128) {
            ChicoryAccess.setLocalSlot(frame, slot + 1, value.highBits());
        }
    }

    private FrameSnapshot snapshot(int depth, DebugMachine machine, StackFrame frame, long[] operands) {
        Instance instance = machine.debugInstance();
        int moduleIndex = machine.moduleIndex();
        int functionIndex = ChicoryAccess.functionIndex(frame);
        String name = images.get(moduleIndex).functionName(functionIndex);
        FunctionBody body = instance.function(functionIndex);
        if (body == null) {
            return new FrameSnapshot(depth, moduleIndex, functionIndex, name, true, -1, -1, 0, List.of(), operands,
                    List.of());
        }
        List<? extends Instruction> code = PatchableCode.originalsOf(body);
        int current = Math.max(0, ChicoryAccess.currentInstructionIndex(frame));
        int pc = code.get(Math.min(current, code.size() - 1)).address();
        int returnPc = -1;
        if (depth > 0 && current + 1 < code.size()) {
            returnPc = code.get(current + 1).address();
        }
        List<ValueType> operandTypes = OperandTypes.infer(instance, functionIndex, body, current, depth > 0)
                .orElse(List.of());
        FunctionType type = instance.type(instance.functionType(functionIndex));
        return new FrameSnapshot(depth, moduleIndex, functionIndex, name, false, pc, returnPc, type.params().size(),
                locals(type, body, frame), operands, operandTypes);
    }

    private static List<WasmValue> locals(FunctionType type, FunctionBody body, StackFrame frame) {
        var types = new ArrayList<ValType>(type.params());
        types.addAll(body.localTypes());
        var values = new ArrayList<WasmValue>(types.size());
        for (int i = 0; i < types.size(); i++) {
            ValueType valueType = ValueType.of(types.get(i));
            int slot = frame.localIndexOf(i);
            long low = ChicoryAccess.localSlot(frame, slot);
            long high = valueType == ValueType.V128 ? ChicoryAccess.localSlot(frame, slot + 1) : 0;
            values.add(new WasmValue(valueType, low, high));
        }
        return values;
    }
}
