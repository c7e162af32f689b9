package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.Breakpoint;
import io.github.chicorygdbstub.runtime.control.Watchpoint;
import io.github.chicorygdbstub.runtime.inspect.MemoryInfo;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code qRcmd}: GDB's {@code monitor CMD} and LLDB's {@code process plugin packet monitor CMD}.
 * Output goes out as {@code O} packets followed by {@code OK}. Besides listings of the server's
 * state, the commands show what neither LLDB 19 nor GDB 13 can show for Wasm by themselves: the
 * call stack, a frame's locals and operand stack, and the globals ({@link MonitorFrames}), and
 * where a source line's code is ({@link MonitorSource}).
 */
final class Monitor {
    private static final List<Command> COMMANDS = List.of(
            new Command("backtrace", "bt", "[full] [COUNT]", "the call stack of the stop, innermost first; full: with C variables",
                    MonitorFrames::backtrace),
            new Command("breakpoints", null, "", "the breakpoints and watchpoints that are set",
                    (session, args) -> breakpoints(session)),
            new Command("frame", "f", "[N]", "Wasm parameters, locals and operand stack of frame N (default 0)",
                    MonitorFrames::frame),
            new Command("globals", null, "[MODULE]", "the Wasm globals of a module (default: frame 0's)",
                    MonitorFrames::globals),
            new Command("help", null, "", "list the monitor commands", (session, args) -> help()),
            new Command("line", null, "FILE:LINE", "code addresses of a source line, for 'break *ADDRESS'",
                    MonitorSource::line),
            new Command("list", "l", "[N|FILE:LINE]", "the source around frame N's line (default 0) or a line",
                    MonitorSource::list),
            new Command("memories", null, "", "index, address and size of each linear memory",
                    (session, args) -> memories(session)),
            new Command("modules", null, "", "index, name, size, SHA-256 and base address of each module",
                    (session, args) -> modules(session)),
            new Command("print", "p", "EXPR [N]", "a C variable in scope in frame N (default 0) or a global;"
                    + " also p->x, a[2], *s, &v",
                    MonitorFrames::print),
            new Command("stats", null, "", "packets served, bytes read and written, steps",
                    (session, args) -> stats(session)),
            new Command("vars", "v", "[N]", "the C parameters and variables of frame N (default 0), from DWARF",
                    MonitorFrames::variables));

    /**
     * One monitor command: its name, an optional short alias, the arguments it takes and what it
     * prints; {@code run} gets the words after the name.
     */
    private record Command(String name, String alias, String arguments, String summary,
            BiFunction<SessionContext, List<String>, String> run) {

        boolean answersTo(String word) {
            return name.equals(word) || word.equals(alias);
        }
    }

    private Monitor() {}

    static RspReply command(PacketReader args, SessionContext session) {
        args.expect(',');
        String line = new String(args.hexBytes(), StandardCharsets.UTF_8).trim();
        List<String> words = line.isEmpty() ? List.of("help") : Arrays.asList(line.split("\\s+"));
        Optional<Command> command = COMMANDS.stream().filter(c -> c.answersTo(words.get(0))).findFirst();
        if (command.isEmpty()) {
            session.sendConsoleOutput("unknown monitor command '" + words.get(0) + "'; try 'monitor help'\n");
            return RspReply.of("OK");
        }
        session.sendConsoleOutput(command.get().run().apply(session, words.subList(1, words.size())));
        return RspReply.of("OK");
    }

    private static String help() {
        var out = new StringBuilder("chicory-gdbstub monitor commands:\n");
        for (Command command : COMMANDS) {
            String usage = (command.name() + " " + command.arguments()).trim();
            out.append(String.format("  %-24s %s%s%n", usage, command.summary(),
                    command.alias() == null ? "" : " (also '" + command.alias() + "')"));
        }
        return out.toString();
    }

    private static String modules(SessionContext session) {
        var out = new StringBuilder();
        List<String> names = session.addressSpace().libraryNames();
        for (int i = 0; i < session.debuggee().modules().size(); i++) {
            ModuleImage image = session.debuggee().module(i);
            out.append(String.format("%d %s size=0x%x sha256=%s base=0x%016x%n",
                    i, names.get(i), image.size(), image.sha256(), WasmAddress.object(i, 0)));
        }
        return out.toString();
    }

    private static String memories(SessionContext session) {
        var out = new StringBuilder();
        try {
            for (MemoryInfo memory : session.debuggee().memories()) {
                out.append(String.format("%d base=0x%016x size=0x%x max=0x%x%n", memory.memoryIndex(),
                        WasmAddress.memory(memory.memoryIndex(), 0), memory.sizeBytes(), memory.maxBytes()));
            }
        } catch (IllegalStateException running) {
            out.append("memories can be listed while the guest is stopped\n");
        }
        return out.toString();
    }

    private static String breakpoints(SessionContext session) {
        List<Breakpoint> list = session.debuggee().breakpoints();
        List<Watchpoint> watchpoints = session.debuggee().watchpoints();
        if (list.isEmpty() && watchpoints.isEmpty()) {
            return "no breakpoints or watchpoints\n";
        }
        var out = new StringBuilder();
        for (Breakpoint b : list) {
            out.append(String.format("0x%016x module %d offset 0x%x%n",
                    WasmAddress.object(b.moduleIndex(), b.offset()), b.moduleIndex(), b.offset()));
        }
        for (Watchpoint w : watchpoints) {
            out.append(String.format("0x%016x memory %d offset 0x%x length %d %s watchpoint%n",
                    WasmAddress.memory(w.memoryIndex(), w.address()), w.memoryIndex(), w.address(), w.length(),
                    w.kind().name().toLowerCase(Locale.ROOT)));
        }
        return out.toString();
    }

    private static String stats(SessionContext session) {
        var stats = session.stats();
        return String.format("packets=%d module-bytes-read=%d memory-bytes-read=%d memory-bytes-written=%d"
                + " steps=%d sessions=%d%n", stats.packets(), stats.moduleBytesRead(), stats.memoryBytesRead(),
                stats.memoryBytesWritten(), session.debuggee().stepCount(), stats.sessions());
    }
}
