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
import java.lang.reflect.InaccessibleObjectException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The only place that reaches Chicory interpreter internals that Chicory does not publish: a
 * frame's function index, current instruction index, local slots and operand-stack base; and, for
 * {@code CodePatcher}, an instance's execution listener and function bodies (final fields that
 * are written once per mode switch), a frame's instruction pointer, and the fact that the
 * interpreter's loop hands {@link #MARKER_OPCODE} to {@code evalDefault}.
 *
 * <p>Everything is resolved once, when the first {@code Debuggee} is built ({@link #selfCheck()}),
 * so a Chicory upgrade that renames or removes a member fails at start-up with a message naming
 * it instead of misbehaving later. On the module path Chicory's packages must also be open to
 * this module; when they are not, the message says so and names the {@code --add-opens} options
 * that open them, rather than blaming the Chicory version.
 * The handles are used only while the guest thread is parked, or by the guest thread itself at a
 * marker, never on the hot path.
 *
 * <p>A leaf: it speaks Chicory's types only and names no other class of this project
 * ({@code ChicoryAccessTest} checks), so what depends on Chicory's internals is all here.
 */
final class ChicoryAccess {
    /** The Chicory version these internals were verified against; see the parent pom. */
    static final String VERIFIED_CHICORY_VERSION = "1.7.5";

    /**
     * The opcode of the markers {@code CodePatcher} plants: a SIMD opcode, which Chicory's
     * interpreter does not execute itself but passes to {@code evalDefault} (checked below), and
     * which no parsed instruction has without operands.
     */
    static final OpCode MARKER_OPCODE = OpCode.V128_CONST;

    /**
     * One class of each Chicory package whose non-public members {@link Handles} reaches: on the
     * module path each of these packages must be open to this module ({@code CtrlFrame},
     * {@code Instance} and {@code InterpreterMachine} share {@code StackFrame}'s package).
     */
    static final List<Class<?>> REACHED_PACKAGES = List.of(StackFrame.class, FunctionBody.class);

    private ChicoryAccess() {}

    /**
     * The handles, in a class of their own so that {@link #selfCheck()} can tell why they are
     * out of reach before resolving them: resolving them is what fails, and the failure of a
     * static initialiser reaches the caller as an {@link ExceptionInInitializerError} the first
     * time and as a bare {@link NoClassDefFoundError} after that.
     */
    private static final class Handles {
        static final MethodHandle FUNC_ID;
        static final MethodHandle CURRENT_PC;
        static final MethodHandle LOCAL;
        static final MethodHandle SET_LOCAL;
        static final MethodHandle CTRL_STACK;
        static final MethodHandle CTRL_HEIGHT;
        static final MethodHandle JUMP_TO;
        static final MethodHandle CURRENT_INSTRUCTION;
        static final MethodHandle SET_LISTENER;
        static final MethodHandle FUNCTIONS;
        static final MethodHandle SET_INSTRUCTIONS;

        static {
            // Also here, not only in selfCheck: code that reaches a handle without a Debuggee
            // (a test) must get the same message.
            requireOpenPackages();
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
                CURRENT_INSTRUCTION = frames.findGetter(
                        StackFrame.class, "currentInstruction", AnnotatedInstruction.class);
                SET_LISTENER = finalFieldSetter(Instance.class, "listener");
                FUNCTIONS = MethodHandles.privateLookupIn(Instance.class, MethodHandles.lookup())
                        .findGetter(Instance.class, "functions", FunctionBody[].class);
                SET_INSTRUCTIONS = finalFieldSetter(FunctionBody.class, "instructions");
                requireEvalDefault(MARKER_OPCODE);
            } catch (ReflectiveOperationException | RuntimeException e) {
                List<Class<?>> named = REACHED_PACKAGES.stream().filter(c -> c.getModule().isNamed()).toList();
                if (isAccessDenied(e) && !named.isEmpty()) {
                    // The packages are open (checked above), yet something refused: still a
                    // matter of access, not of Chicory's members, so say what opens them.
                    throw new IllegalStateException(
                            closedPackagesMessage(named, ChicoryAccess.class.getModule()) + ": " + e, e);
                }
                throw new IllegalStateException("Chicory " + chicoryVersion() + " does not have the interpreter"
                        + " internals this debugger was built against (Chicory " + VERIFIED_CHICORY_VERSION + "): "
                        + e, e);
            }
        }

        private Handles() {}

        /** Does nothing but make the JVM initialise the class, resolving every handle. */
        static void resolve() {}
    }

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

    private static boolean isAccessDenied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalAccessException || t instanceof InaccessibleObjectException) {
                return true;
            }
        }
        return false;
    }

    /** Of {@link #REACHED_PACKAGES}, those whose package is not open to {@code reader}. */
    static List<Class<?>> closedTo(Module reader) {
        return REACHED_PACKAGES.stream().filter(c -> !c.getModule().isOpen(c.getPackageName(), reader)).toList();
    }

    private static String addOpens(Class<?> reached, Module reader) {
        return "--add-opens " + reached.getModule().getName() + "/" + reached.getPackageName() + "=" + name(reader);
    }

    private static String name(Module module) {
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /**
     * Says which Chicory packages are closed to {@code reader} and the options that open them
     * (docs/embedding.md lists the same options; an integration test holds the two together).
     */
    static String closedPackagesMessage(List<Class<?>> closed, Module reader) {
        return "The debugger cannot reach Chicory's interpreter internals: "
                + closed.stream().map(c -> "package " + c.getPackageName() + " of module " + c.getModule().getName())
                        .collect(Collectors.joining(" and "))
                + (closed.size() == 1 ? " is" : " are") + " not open to "
                + (reader.isNamed() ? "module " + reader.getName() : "the class path") + ". Start the JVM with "
                + closed.stream().map(c -> addOpens(c, reader)).collect(Collectors.joining(" "))
                + " (docs/embedding.md, \"Class path and module path\")";
    }

    /** Throws {@link IllegalStateException} naming the options to add when a reached package is closed. */
    private static void requireOpenPackages() {
        Module self = ChicoryAccess.class.getModule();
        List<Class<?>> closed = closedTo(self);
        if (!closed.isEmpty()) {
            throw new IllegalStateException(closedPackagesMessage(closed, self));
        }
    }

    /**
     * Fails loudly when the internals are not open to this module, the Chicory loaded is not the
     * version they were verified against, or a member they name is missing. (Whether its
     * interpreter takes markers and listeners as {@code CodePatcher} needs is the
     * {@code InterpreterProbe}'s to check, which runs on these handles.)
     */
    static void selfCheck() {
        requireOpenPackages();
        String version = chicoryVersion();
        if (!VERIFIED_CHICORY_VERSION.equals(version) && !Boolean.getBoolean("chicory.gdbstub.allowUnverifiedChicory")) {
            throw new IllegalStateException("Chicory " + version + " is loaded but the debugger reaches"
                    + " interpreter internals verified only with Chicory " + VERIFIED_CHICORY_VERSION
                    + " (set -Dchicory.gdbstub.allowUnverifiedChicory=true to try anyway)");
        }
        try {
            Handles.resolve();
        } catch (ExceptionInInitializerError e) {
            // The first failure; the message is the cause's (later calls get NoClassDefFoundError).
            if (e.getCause() instanceof IllegalStateException unreachable) {
                throw unreachable;
            }
            throw e;
        }
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
            return (int) Handles.FUNC_ID.invokeExact(frame);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Index (in the function's instruction list) of the instruction the frame is executing. */
    static int currentInstructionIndex(StackFrame frame) {
        try {
            return (int) Handles.CURRENT_PC.invokeExact(frame);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Raw value of a local slot (see {@link StackFrame#localIndexOf(int)}). */
    static long localSlot(StackFrame frame, int slot) {
        try {
            return (long) Handles.LOCAL.invokeExact(frame, slot);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void setLocalSlot(StackFrame frame, int slot, long value) {
        try {
            Handles.SET_LOCAL.invokeExact(frame, slot, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Operand-stack height when the frame was entered, i.e. where its slice of the shared stack begins. */
    static int stackBase(StackFrame frame, int fallback) {
        try {
            List<?> ctrlStack = (List<?>) Handles.CTRL_STACK.invokeExact(frame);
            if (ctrlStack.isEmpty()) {
                return fallback;
            }
            return (int) Handles.CTRL_HEIGHT.invoke(ctrlStack.get(0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The instruction the frame fetched last: the one it is executing. */
    static AnnotatedInstruction currentInstruction(StackFrame frame) {
        try {
            return (AnnotatedInstruction) Handles.CURRENT_INSTRUCTION.invokeExact(frame);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Makes the frame fetch instruction {@code index} next. */
    static void jumpTo(StackFrame frame, int index) {
        try {
            Handles.JUMP_TO.invokeExact(frame, index);
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
            Handles.SET_LISTENER.invokeExact(instance, listener);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Gives the instance its own body for function {@code functionIndex} (an index of its defined
     * functions, imports not counted), fetching from {@code code}; the module's body is untouched.
     * Call before any frame of the instance exists: frames hold on to the list they started with.
     */
    static void replaceBody(Instance instance, int functionIndex, List<AnnotatedInstruction> code) {
        try {
            FunctionBody[] bodies = (FunctionBody[]) Handles.FUNCTIONS.invokeExact(instance);
            FunctionBody body = new FunctionBody(bodies[functionIndex].localTypes(), List.of());
            Handles.SET_INSTRUCTIONS.invokeExact(body, (List<?>) code);
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
