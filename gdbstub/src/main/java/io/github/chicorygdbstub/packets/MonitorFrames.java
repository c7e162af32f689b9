package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.dwarf.DebugInfo;
import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.runtime.control.NotStoppedException;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.GlobalValue;
import io.github.chicorygdbstub.runtime.inspect.WasmValue;
import io.github.chicorygdbstub.session.SessionContext;
import java.util.List;

/**
 * The monitor's view of a stop: {@code backtrace}, {@code frame}, {@code vars} and
 * {@code globals}. LLDB 19's gdb-remote plugin has no Wasm unwinder and cannot evaluate Wasm
 * variable locations, and GDB 13 has no Wasm architecture, so neither shows more than frame 0 by
 * itself; these commands print what the Wasm plugin of a later LLDB reads with
 * {@code qWasmCallStack}, {@code qWasmLocal}, {@code qWasmStackValue} and {@code qWasmGlobal},
 * with the same frame numbers, the source line of each frame ({@link CodeLocations}) and its C
 * variables ({@code Debuggee.sourceVariables}) when the module has DWARF.
 */
final class MonitorFrames {
    /**
     * Frames {@code backtrace} prints when no count is given: every frame of an ordinary stack,
     * while a runaway recursion does not flood the console with thousands of lines.
     */
    static final int DEFAULT_BACKTRACE = 100;

    private MonitorFrames() {}

    /**
     * {@code backtrace [full] [COUNT]}: one line per Wasm frame, innermost first; with {@code
     * full}, each frame's C variables under it, as GDB's {@code bt full} shows locals.
     */
    static String backtrace(SessionContext session, List<String> args) {
        Stop stop = Stop.of(session);
        if (stop.unavailable() != null) {
            return stop.unavailable();
        }
        boolean full = !args.isEmpty() && args.get(0).equals("full");
        Integer limit = argument(full ? args.subList(1, args.size()) : args, DEFAULT_BACKTRACE);
        if (limit == null || limit < 1) {
            return "usage: backtrace [full] [COUNT], COUNT a number of frames from 1\n";
        }
        List<FrameSnapshot> frames = stop.frames();
        var out = new StringBuilder(frames.isEmpty() ? "no Wasm frames\n" : "");
        for (int i = 0; i < Math.min(limit, frames.size()); i++) {
            out.append(String.format("#%-3d %s%n", i, location(session, frames.get(i))));
            if (full) {
                List<String> variables = session.debuggee().sourceVariables(frames.get(i));
                if (variables.isEmpty()) {
                    out.append("        no C variables\n");
                }
                variables.forEach(line -> out.append("        ").append(line).append('\n'));
            }
        }
        int more = frames.size() - limit;
        if (more > 0) {
            out.append(String.format("(%d more frame%s; 'backtrace %d' shows them all)%n", more, more == 1 ? "" : "s",
                    frames.size()));
        }
        return out.toString();
    }

    /** {@code frame [N]}: the frame's location, then its parameters, locals and operand stack. */
    static String frame(SessionContext session, List<String> args) {
        Selected selected = Selected.of(session, args, "frame");
        if (selected.message() != null) {
            return selected.message();
        }
        int index = selected.index();
        FrameSnapshot frame = selected.frame();
        var out = new StringBuilder(String.format("frame #%d %s (function %d)%n", index, location(session, frame),
                frame.functionIndex()));
        for (int i = 0; i < frame.localCount(); i++) {
            out.append(String.format("  %-5s %-3d %s%n", i < frame.parameterCount() ? "param" : "local", i,
                    describe(frame.locals().get(i))));
        }
        if (frame.operandStackSize() == 0) {
            out.append("  operand stack empty\n");
        }
        for (int i = 0; i < frame.operandStackSize(); i++) {
            String typeNote = frame.operandTypes().isEmpty() ? " (type not recovered: raw slot)" : "";
            out.append(String.format("  stack %-3d %s%s%n", i, describe(frame.operand(i)), typeNote));
        }
        if (frame.operandStackSize() > 0) {
            out.append("  (operand stack bottom first: the last line is the top)\n");
        }
        return out.toString();
    }

    /**
     * {@code vars [N]}: the source-level parameters and variables in scope in frame N, with their
     * values, from the module's DWARF ({@code frame variable} for clients that cannot).
     */
    static String variables(SessionContext session, List<String> args) {
        Selected selected = Selected.of(session, args, "vars");
        if (selected.message() != null) {
            return selected.message();
        }
        int index = selected.index();
        FrameSnapshot frame = selected.frame();
        var out = new StringBuilder(String.format("frame #%d %s%n", index, location(session, frame)));
        DebugInfo info = session.debuggee().module(frame.moduleIndex()).debugInfo();
        List<String> variables = session.debuggee().sourceVariables(frame);
        if (variables.isEmpty()) {
            out.append(info.isEmpty() ? "  the module has no DWARF variables ('frame " + index + "' shows the Wasm locals)\n"
                    : "  no variables in scope\n");
        }
        variables.forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    /**
     * {@code print EXPRESSION [N]}: one C variable, the innermost by that name in scope in frame N
     * (default 0), else a global of its module, or a C expression over one ({@code point.x},
     * {@code path->label}, {@code values[2]}, {@code *text}, {@code &point}): {@code print} for
     * GDB, which reads no Wasm DWARF, and for LLDB 19, which cannot evaluate its locations. A last
     * word that is a number is the frame.
     */
    static String print(SessionContext session, List<String> args) {
        if (args.isEmpty()) {
            return "usage: print EXPRESSION [N], EXPRESSION a C variable or a member, element or dereference of one"
                    + " (p->x, a[2], *s, &v), N a frame number from 'backtrace'\n";
        }
        List<String> lastWord = args.subList(args.size() - 1, args.size());
        List<String> frameArgs = args.size() > 1 && argument(lastWord, -1) != null ? lastWord : List.of();
        String expression = String.join(" ", args.subList(0, args.size() - frameArgs.size()));
        Selected selected = Selected.of(session, frameArgs, "print EXPRESSION");
        if (selected.message() != null) {
            return selected.message();
        }
        return session.debuggee().sourceVariable(selected.frame(), expression)
                .map(line -> line + "\n")
                .orElse(expression + ": no such variable in scope in frame " + selected.index()
                        + " or among its module's globals\n");
    }

    /** {@code globals [MODULE]}: every global of a module's instance, imported ones first. */
    static String globals(SessionContext session, List<String> args) {
        Stop stop = Stop.of(session);
        if (stop.unavailable() != null) {
            return stop.unavailable();
        }
        int modules = session.debuggee().modules().size();
        int frameZeroModule = stop.frames().isEmpty() ? 0 : stop.frames().get(0).moduleIndex();
        Integer moduleIndex = argument(args, frameZeroModule);
        if (moduleIndex == null || moduleIndex >= modules) {
            return String.format("usage: globals [MODULE], MODULE an index from 'modules' (0 to %d)%n", modules - 1);
        }
        List<GlobalValue> globals;
        try {
            globals = session.debuggee().globals(moduleIndex);
        } catch (NotStoppedException e) {
            return running();
        } catch (IndexOutOfBoundsException notInstantiated) {
            return "module " + moduleIndex + " has no instance yet\n";
        }
        var out = new StringBuilder(String.format("module %d %s%n", moduleIndex,
                session.addressSpace().libraryNames().get(moduleIndex)));
        if (globals.isEmpty()) {
            out.append("  no globals\n");
        }
        for (GlobalValue global : globals) {
            out.append(String.format("  global %-3d %-5s %s  %s%n", global.index(), global.mutable() ? "mut" : "const",
                    describe(global.value()), global.name()));
        }
        return out.toString();
    }

    /** The frame at the address debuggers show for it, with the source line of its instruction. */
    private static String location(SessionContext session, FrameSnapshot frame) {
        return CodeLocations.describe(session, frame.moduleIndex(), frame.debuggerPc(), frame.pc());
    }

    /** A value as its type, its number and, for integers, its bits in hex. */
    static String describe(WasmValue value) {
        return switch (value.type()) {
            case I32 -> String.format("i32 %d (0x%08x)", (int) value.bits(), (int) value.bits());
            case I64 -> String.format("i64 %d (0x%016x)", value.bits(), value.bits());
            case F32 -> "f32 " + Float.intBitsToFloat((int) value.bits());
            case F64 -> "f64 " + Double.longBitsToDouble(value.bits());
            case V128 -> String.format("v128 0x%016x%016x", value.highBits(), value.bits());
            case REF -> value.bits() == -1 ? "ref null" : "ref " + value.bits();
        };
    }

    /** The Wasm frames of the current stop, or why there is no stop to show. */
    private record Stop(List<FrameSnapshot> frames, String unavailable) {
        static Stop of(SessionContext session) {
            if (session.debuggee().state() == ExecutionState.TERMINATED) {
                return new Stop(List.of(), "the guest has ended: there are no frames\n");
            }
            List<FrameSnapshot> frames = session.wasmFrames();
            // Frames first, then the state: a guest resumed in between (by an embedding
            // application) has no frames and is no longer stopped.
            if (frames.isEmpty() && session.debuggee().state() != ExecutionState.STOPPED) {
                return new Stop(List.of(), running());
            }
            return new Stop(frames, null);
        }
    }

    private static String running() {
        return "the guest is running: interrupt it first (frames, locals and globals are shown while it is stopped)\n";
    }

    /** The frame a command's argument numbers (default 0), or the message that says why there is none. */
    record Selected(int index, FrameSnapshot frame, String message) {
        static Selected of(SessionContext session, List<String> args, String command) {
            Stop stop = Stop.of(session);
            if (stop.unavailable() != null) {
                return new Selected(-1, null, stop.unavailable());
            }
            Integer index = argument(args, 0);
            if (index == null) {
                return new Selected(-1, null, "usage: " + command + " [N], N a frame number from 'backtrace'\n");
            }
            if (index >= stop.frames().size()) {
                return new Selected(-1, null, String.format("no frame %d: the stack has %d frames%n", index,
                        stop.frames().size()));
            }
            return new Selected(index, stop.frames().get(index), null);
        }
    }

    /** The command's one optional argument, a non-negative decimal number; null if it is anything else. */
    private static Integer argument(List<String> args, int absent) {
        if (args.isEmpty()) {
            return absent;
        }
        if (args.size() > 1) {
            return null;
        }
        try {
            int value = Integer.parseInt(args.get(0));
            return value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
