package io.github.chicorygdbstub.runtime.inspect;

import java.util.List;

/**
 * One call frame, copied while the guest was stopped. Never refers to live Chicory objects.
 *
 * @param depth 0 for the innermost frame, increasing outwards
 * @param moduleIndex the module whose code (or import) this frame runs
 * @param functionIndex index in that module's function index space
 * @param functionName name from the {@code name} section, or {@code func[N]}
 * @param host true for a host (import) function frame, which has no code, pc or locals
 * @param pc file offset of the instruction this frame is executing: for frame 0 the next
 *     instruction to run, for outer frames the call instruction; -1 for host frames
 * @param returnPc for outer Wasm frames the file offset of the instruction after the call
 *     (where execution resumes when the callee returns); -1 for frame 0 and host frames
 * @param parameterCount how many of {@code locals}, from the first, are the function's parameters
 * @param locals parameters then declared locals, typed
 * @param operandStack this frame's slice of the operand stack, bottom first, as raw slots
 * @param operandTypes the types of those slots when they could be recovered, else empty
 */
public record FrameSnapshot(
        int depth,
        int moduleIndex,
        int functionIndex,
        String functionName,
        boolean host,
        int pc,
        int returnPc,
        int parameterCount,
        List<WasmValue> locals,
        long[] operandStack,
        List<ValueType> operandTypes) {

    /**
     * Copies the lists and the operand stack; drops {@code operandTypes} unless it has a type for every slot.
     *
     * @param depth see {@link #depth()}
     * @param moduleIndex see {@link #moduleIndex()}
     * @param functionIndex see {@link #functionIndex()}
     * @param functionName see {@link #functionName()}
     * @param host see {@link #host()}
     * @param pc see {@link #pc()}
     * @param returnPc see {@link #returnPc()}
     * @param parameterCount see {@link #parameterCount()}
     * @param locals see {@link #locals()}
     * @param operandStack see {@link #operandStack()}
     * @param operandTypes see {@link #operandTypes()}
     */
    public FrameSnapshot {
        locals = List.copyOf(locals);
        operandStack = operandStack.clone();
        operandTypes = operandTypes.size() == operandStack.length ? List.copyOf(operandTypes) : List.of();
    }

    /**
     * An operand of this frame, typed when the types are known, otherwise as a raw 64-bit value.
     *
     * @param index 0 for the bottom of this frame's stack
     * @return the operand
     */
    public WasmValue operand(int index) {
        ValueType type = operandTypes.isEmpty() ? ValueType.I64 : operandTypes.get(index);
        return WasmValue.of(type, operandStack[index]);
    }

    /** {@return a copy of this frame's slice of the operand stack, bottom first, as raw slots} */
    @Override
    public long[] operandStack() {
        return operandStack.clone();
    }

    /** {@return the number of parameters and locals} */
    public int localCount() {
        return locals.size();
    }

    /** {@return the number of operand stack slots in this frame} */
    public int operandStackSize() {
        return operandStack.length;
    }

    /**
     * One operand stack slot.
     *
     * @param index 0 for the bottom of this frame's stack
     * @return the slot's raw bits
     */
    public long operandStackSlot(int index) {
        return operandStack[index];
    }

    /**
     * {@return the address debuggers show for this frame: frame 0's pc, or the return address of
     * outer frames (LLDB symbolicates outer frames at {@code returnPc - 1}, inside the call)}
     */
    public int debuggerPc() {
        return returnPc >= 0 ? returnPc : pc;
    }
}
