package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.StackFrame;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Properties;

/**
 * The only place that reaches Chicory interpreter internals that Chicory does not publish: a
 * frame's function index, current instruction index, local slots and operand-stack base.
 *
 * <p>Everything is resolved once, when the class initialises, so a Chicory upgrade that renames
 * or removes a member fails at start-up with a message naming it instead of misbehaving later.
 * The handles are used only while the guest thread is parked, never on the hot path.
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
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Chicory " + chicoryVersion() + " does not have the interpreter internals"
                    + " this debugger was built against (Chicory " + VERIFIED_CHICORY_VERSION + "): " + e, e);
        }
    }

    private ChicoryAccess() {}

    /**
     * Fails loudly when the internals cannot be reached or the Chicory on the class path is not
     * the version they were verified against.
     */
    static void selfCheck() {
        String version = chicoryVersion();
        if (!VERIFIED_CHICORY_VERSION.equals(version) && !Boolean.getBoolean("chicory.gdbstub.allowUnverifiedChicory")) {
            throw new IllegalStateException("Chicory " + version + " is on the class path but the debugger reaches"
                    + " interpreter internals verified only with Chicory " + VERIFIED_CHICORY_VERSION
                    + " (set -Dchicory.gdbstub.allowUnverifiedChicory=true to try anyway)");
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
