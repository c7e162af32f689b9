package dev.chicory.gdbstub.packets;

import dev.chicory.gdbstub.address.WasmAddress;
import dev.chicory.gdbstub.codec.RspReply;
import dev.chicory.gdbstub.runtime.control.Breakpoint;
import dev.chicory.gdbstub.runtime.control.Watchpoint;
import dev.chicory.gdbstub.runtime.inspect.MemoryInfo;
import dev.chicory.gdbstub.runtime.module.ModuleImage;
import dev.chicory.gdbstub.session.PacketReader;
import dev.chicory.gdbstub.session.SessionContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code qRcmd}: GDB's {@code monitor CMD} and LLDB's {@code process plugin packet monitor CMD}.
 * Output goes out as {@code O} packets followed by {@code OK}.
 */
final class Monitor {
    private static final Map<String, Command> COMMANDS = Map.of(
            "help", new Command("list the monitor commands", Monitor::help),
            "modules", new Command("index, name, size, SHA-256 and base address of each module", Monitor::modules),
            "memories", new Command("index, address and size of each linear memory", Monitor::memories),
            "breakpoints", new Command("the breakpoints and watchpoints that are set", Monitor::breakpoints),
            "stats", new Command("packets served, bytes read and written, steps", Monitor::stats));

    private record Command(String summary, Function<SessionContext, String> run) {}

    private Monitor() {}

    static RspReply command(PacketReader args, SessionContext session) {
        args.expect(',');
        String line = new String(args.hexBytes(), StandardCharsets.UTF_8).trim();
        String name = line.isEmpty() ? "help" : line.split("\\s+")[0];
        Command command = COMMANDS.get(name);
        if (command == null) {
            session.sendConsoleOutput("unknown monitor command '" + name + "'; try 'monitor help'\n");
            return RspReply.of("OK");
        }
        session.sendConsoleOutput(command.run().apply(session));
        return RspReply.of("OK");
    }

    private static String help(SessionContext session) {
        var out = new StringBuilder("chicory-gdbstub monitor commands:\n");
        COMMANDS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append(String.format("  %-12s %s%n", e.getKey(), e.getValue().summary())));
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
