package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.SessionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The source through the modules' DWARF line tables. GDB 13 cannot read Wasm DWARF, so {@code
 * line FILE:LINE} gives its users a line's code addresses for {@code break *ADDRESS}, and {@code
 * list} shows the source around a frame's line (LLDB 19 shows it for frame 0 only).
 */
final class MonitorSource {
    /** Lines shown on each side of the line a listing is about. */
    static final int CONTEXT = 5;

    private MonitorSource() {}

    /** {@code FILE:LINE} as both commands take it. */
    private record FileLine(String file, int line) {
        /** Null when {@code spec} is not of that form. */
        static FileLine parse(String spec) {
            int colon = spec.lastIndexOf(':');
            try {
                int line = Integer.parseInt(spec.substring(colon + 1));
                return colon > 0 && line > 0 ? new FileLine(spec.substring(0, colon), line) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Whether a line table's path is this file: the whole path, or its last part. */
        boolean names(String path) {
            return path.equals(file) || SourceLine.fileName(path).equals(file);
        }
    }

    static String line(SessionContext session, List<String> args) {
        String usage = "usage: line FILE:LINE, e.g. 'line fib.c:11' (FILE as the line table names it, or its last part)\n";
        FileLine spec = args.size() == 1 ? FileLine.parse(args.get(0)) : null;
        if (spec == null) {
            return usage;
        }
        String file = spec.file();
        int line = spec.line();
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
            return "no code for " + args.get(0) + " in any module (a line without a statement has none)\n";
        }
        return out.toString();
    }

    /** {@code list [N]} or {@code list FILE:LINE}: the source around frame N's line, or around a line. */
    static String list(SessionContext session, List<String> args) {
        if (session.sourceDirectories().isEmpty()) {
            return "source listings are off: start the server with --source-dir DIR to let it read the sources under DIR\n";
        }
        if (args.size() == 1 && args.get(0).contains(":")) {
            FileLine spec = FileLine.parse(args.get(0));
            if (spec == null) {
                return "usage: list [N] or list FILE:LINE, N a frame number from 'backtrace'\n";
            }
            for (int module = 0; module < session.debuggee().modules().size(); module++) {
                ModuleImage image = session.debuggee().module(module);
                for (String path : image.lineTable().paths()) {
                    if (spec.names(path)) {
                        return listing(session, image, path, spec.line(), false);
                    }
                }
            }
            return "no line table names " + spec.file() + "\n";
        }
        MonitorFrames.Selected selected = MonitorFrames.Selected.of(session, args, "list");
        if (selected.message() != null) {
            return selected.message();
        }
        FrameSnapshot frame = selected.frame();
        ModuleImage image = session.debuggee().module(frame.moduleIndex());
        return image.lineTable().at(frame.pc()).filter(l -> l.line() > 0)
                .map(line -> listing(session, image, line.path(), line.line(), true))
                .orElse("frame " + selected.index() + " is at no source line\n");
    }

    /** The lines around {@code line} of a file, the line itself marked when it is where a frame is. */
    private static String listing(SessionContext session, ModuleImage image, String path, int line, boolean here) {
        Optional<Path> file = SourceFiles.locate(path, image.debugInfo().compilationDirectories(),
                session.sourceDirectories());
        if (file.isEmpty()) {
            return path + ":" + line + ": not found under the server's source directories\n";
        }
        int first = Math.max(1, line - CONTEXT);
        List<String> lines;
        try {
            lines = SourceFiles.lines(file.get(), session.sourceDirectories(), first, (long) line + CONTEXT);
        } catch (IOException e) {
            return path + ": cannot be read (" + e.getClass().getSimpleName() + ")\n";
        }
        if (lines.isEmpty()) {
            return path + " has no line " + line + "\n";
        }
        var out = new StringBuilder(path).append(':').append(line).append('\n');
        for (int i = 0; i < lines.size(); i++) {
            int number = first + i;
            out.append(String.format("%s%5d  %s", here && number == line ? "=>" : "  ", number, lines.get(i)).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }
}
