package dev.chicory.gdbstub.packets;

import dev.chicory.gdbstub.runtime.module.ModuleImage;
import dev.chicory.gdbstub.session.SessionContext;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code line FILE:LINE}: the code addresses of a source line, from the modules' DWARF line
 * tables. GDB 13 cannot read Wasm DWARF, so this is how its users set a breakpoint on a line
 * ({@code break *ADDRESS}); LLDB resolves lines itself.
 */
final class MonitorSource {
    private MonitorSource() {}

    static String line(SessionContext session, List<String> args) {
        String usage = "usage: line FILE:LINE, e.g. 'line fib.c:11' (FILE as the line table names it, or its last part)\n";
        if (args.size() != 1) {
            return usage;
        }
        String spec = args.get(0);
        int colon = spec.lastIndexOf(':');
        int line;
        try {
            line = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            return usage;
        }
        if (colon <= 0 || line <= 0) {
            return usage;
        }
        String file = spec.substring(0, colon);
        var out = new StringBuilder();
        for (int module = 0; module < session.debuggee().modules().size(); module++) {
            ModuleImage image = session.debuggee().module(module);
            var instructions = new TreeSet<Integer>();
            for (int offset : image.lineTable().offsetsOf(file, line)) {
                // A range may open with a body's local declarations; breakpoints go on instructions.
                OptionalInt instruction = image.instructionAtOrAfter(offset);
                instruction.ifPresent(instructions::add);
            }
            for (int offset : instructions) {
                out.append(CodeLocations.describe(session, module, offset, offset)).append('\n');
            }
        }
        if (out.length() == 0) {
            return "no code for " + spec + " in any module (a line without a statement has none)\n";
        }
        return out.toString();
    }
}
