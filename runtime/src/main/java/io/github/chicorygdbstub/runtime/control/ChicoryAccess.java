package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Properties;

/**
 * The only place that reaches Chicory interpreter internals that Chicory does not publish: a
 * frame's function index, current instruction index, local slots and operand-stack base; and, for
 * {@link CodePatcher}, an instance's execution listener and function bodies (final fields that
 * are written once per mode switch), a frame's instruction pointer, and the fact that the
 * interpreter's loop hands {@link #MARKER_OPCODE} to {@code evalDefault}.
 *
 * <p>Everything is resolved once, when the class initialises, so a Chicory upgrade that renames
 * or removes a member fails at start-up with a message naming it instead of misbehaving later.
 * The handles are used only while the guest thread is parked, or by the guest thread itself at a
 * marker, never on the hot path.
 */
final class ChicoryAccess {
    /** The Chicory version these internals were verified against; see the parent pom. */
    static final String VERIFIED_CHICORY_VERSION = "1.7.5";

    private static final MethodHandle FUNC_ID;
    private static final MethodHandle CURRENT_PC;
    private static final MethodHandle LOCAL;
    private static final MethodHandle SET_LOCAL;
    private static final MethodHandle CTRL_STACK;
    private static final MethodHandle CTRL_HEIGHT;
    private static final MethodHandle JUMP_TO;
    private static final MethodHandle CURRENT_INSTRUCTION;
    private static final MethodHandle SET_LISTENER;
    private static final MethodHandle FUNCTIONS;
    private static final MethodHandle SET_INSTRUCTIONS;

    /**
     * The opcode of the markers {@link CodePatcher} plants: a SIMD opcode, which Chicory's
     * interpreter does not execute itself but passes to {@code evalDefault} (checked below), and
     * which no parsed instruction has without operands.
     */
    static final OpCode MARKER_OPCODE = OpCode.V128_CONST;

    static {
        try {
            var frames = MethodHandles.privateLookupIn(StackFrame.class, MethodHandles.lookup());
            FUNC_ID = frames.findVirtual(StackFrame.class, "funcId", MethodType.methodType(int.class));
            CURRENT_PC = frames.findVirtual(StackFrame.class, "currentPc", MethodType.methodType(int.class));
            LOCAL = frames.findVirtual(StackFrame.class, "local", MethodType.methodType(long.class, int.class));
            SET_LOCAL = frames.findVirtual(
                    StackFrame.class, "setLocal", MethodType.methodType(void.class, int.class, long.class));
            CTRL_STACK = frames.findGetter(StackFrame.class, "ctrlStack", List.class);
            Class<?> ctrlFrame = Class.forName("com.dylibso.chicory.runtime.CtrlFrame");
            CTRL_HEIGHT = MethodHandles.privateLookupIn(ctrlFrame, MethodHandles.lookup())
                    .findGetter(ctrlFrame, "height", int.class);
            JUMP_TO = frames.findVirtual(StackFrame.class, "jumpTo", MethodType.methodType(void.class, int.class));
            CURRENT_INSTRUCTION = frames.findGetter(StackFrame.class, "currentInstruction", AnnotatedInstruction.class);
            SET_LISTENER = finalFieldSetter(Instance.class, "listener");
            FUNCTIONS = MethodHandles.privateLookupIn(Instance.class, MethodHandles.lookup())
                    .findGetter(Instance.class, "functions", FunctionBody[].class);
            SET_INSTRUCTIONS = finalFieldSetter(FunctionBody.class, "instructions");
            requireEvalDefault(MARKER_OPCODE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Chicory " + chicoryVersion() + " does not have the interpreter internals"
                    + " this debugger was built against (Chicory " + VERIFIED_CHICORY_VERSION + "): " + e, e);
        }
    }

    private ChicoryAccess() {}

    private static MethodHandle finalFieldSetter(Class<?> owner, String name) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return MethodHandles.lookup().unreflectSetter(field);
    }

    /**
     * The interpreter's loop switches over an opcode's entry in a table that the compiler
     * generated for it; an opcode without an entry (0) goes to {@code evalDefault}.
     */
    private static void requireEvalDefault(OpCode opcode) throws ReflectiveOperationException {
        Class<?> switchMaps = Class.forName(InterpreterMachine.class.getName() + "$1");
        Field field = switchMaps.getDeclaredField("$SwitchMap$com$dylibso$chicory$wasm$types$OpCode");
        field.setAccessible(true);
        int[] cases = (int[]) field.get(null);
        if (cases[opcode.ordinal()] != 0) {
            throw new IllegalStateException("the interpreter executes " + opcode + " itself");
        }
    }

    /**
     * Fails loudly when the internals cannot be reached, the Chicory on the class path is not
     * the version they were verified against, or its interpreter does not take markers and
     * listeners as {@link CodePatcher} needs ({@link InterpreterProbe}).
     */
    static void selfCheck() {
        String version = chicoryVersion();
        if (!VERIFIED_CHICORY_VERSION.equals(version) && !Boolean.getBoolean("chicory.gdbstub.allowUnverifiedChicory")) {
            throw new IllegalStateException("Chicory " + version + " is on the class path but the debugger reaches"
                    + " interpreter internals verified only with Chicory " + VERIFIED_CHICORY_VERSION
                    + " (set -Dchicory.gdbstub.allowUnverifiedChicory=true to try anyway)");
        }
        InterpreterProbe.verify();
    }

    /** The Chicory runtime version from its jar metadata, or "unknown". */
    static String chicoryVersion() {
        try (InputStream in = StackFrame.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static int functionIndex(StackFrame frame) {
        try {
            return (int) FUNC_ID.invokeExact(frame);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Index (in the function's instruction list) of the instruction the frame is executing. */
    static int currentInstructionIndex(StackFrame frame) {
        try {
            return (int) CURRENT_PC.invokeExact(frame);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Raw value of a local slot (see {@link StackFrame#localIndexOf(int)}). */
    static long localSlot(StackFrame frame, int slot) {
        try {
            return (long) LOCAL.invokeExact(frame, slot);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void setLocalSlot(StackFrame frame, int slot, long value) {
        try {
            SET_LOCAL.invokeExact(frame, slot, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Operand-stack height when the frame was entered, i.e. where its slice of the shared stack begins. */
    static int stackBase(StackFrame frame, int fallback) {
        try {
            List<?> ctrlStack = (List<?>) CTRL_STACK.invokeExact(frame);
            if (ctrlStack.isEmpty()) {
                return fallback;
            }
            return (int) CTRL_HEIGHT.invoke(ctrlStack.get(0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The instruction the frame fetched last: the one it is executing. */
    static AnnotatedInstruction currentInstruction(StackFrame frame) {
        try {
            return (AnnotatedInstruction) CURRENT_INSTRUCTION.invokeExact(frame);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Makes the frame fetch instruction {@code index} next. */
    static void jumpTo(StackFrame frame, int index) {
        try {
            JUMP_TO.invokeExact(frame, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Sets the listener the instance's interpreter calls before every instruction (null: none).
     * Only the guest thread, or another thread while the guest is parked, may call this: the
     * field is plain, and a running guest is not guaranteed to see a write from elsewhere.
     */
    static void setListener(Instance instance, ExecutionListener listener) {
        try {
            SET_LISTENER.invokeExact(instance, listener);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Gives the instance its own body for function {@code functionIndex} (an index of its defined
     * functions, imports not counted), fetching from {@code code}; the module's body is untouched.
     * Call before any frame of the instance exists: frames hold on to the list they started with.
     */
    static void replaceBody(Instance instance, int functionIndex, PatchableCode code) {
        try {
            FunctionBody[] bodies = (FunctionBody[]) FUNCTIONS.invokeExact(instance);
            FunctionBody body = new FunctionBody(bodies[functionIndex].localTypes(), List.of());
            SET_INSTRUCTIONS.invokeExact(body, (List<?>) code);
            bodies[functionIndex] = body;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected failure reaching Chicory internals", t);
    }
}
