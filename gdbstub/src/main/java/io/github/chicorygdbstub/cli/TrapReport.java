package io.github.chicorygdbstub.cli;

import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;

/**
 * What the command prints when a trap ends a guest that no debugger was watching: the trap's
 * message and a Wasm backtrace with each frame's module offset, function name and, where the
 * module has a DWARF line table, source line, as {@code wasmtime run} prints one.
 *
 * <pre>
 * chicory-gdbstub: the guest trapped: integer divide by zero
 * wasm backtrace:
 *     0: 0x1b4 - trap.wasm!divide
 *                    at trap.c:4:14
 *     1: 0x1d9 - trap.wasm!main
 *                    at trap.c:9:12
 * </pre>
 */
final class TrapReport {
    /** Frames shown of a runaway recursion; the count of the rest is printed instead. */
    static final int MAX_FRAMES = 50;

    private TrapReport() {}

    static String of(String message, List<FrameSnapshot> frames, List<ModuleImage> modules) {
        var out = new StringBuilder("chicory-gdbstub: the guest trapped: ")
                .append(message == null ? "(no message)" : message).append('\n');
        if (frames.isEmpty()) {
            return out.toString();
        }
        out.append("wasm backtrace:\n");
        for (int i = 0; i < Math.min(frames.size(), MAX_FRAMES); i++) {
            FrameSnapshot frame = frames.get(i);
            ModuleImage module = modules.get(frame.moduleIndex());
            // An outer frame's pc is its call instruction, whose line is the one that made the call.
            out.append(String.format("    %d: 0x%x - %s!%s%n", i, frame.pc(), module.name(),
                    frame.host() ? "<host function " + frame.functionName() + ">" : frame.functionName()));
            module.lineTable().at(frame.pc())
                    .filter(line -> line.line() > 0)
                    .map(SourceLine::toString)
                    .ifPresent(line -> out.append("                    at ").append(line).append('\n'));
        }
        if (frames.size() > MAX_FRAMES) {
            out.append(String.format("    ... %d more frames%n", frames.size() - MAX_FRAMES));
        }
        return out.toString();
    }
}
