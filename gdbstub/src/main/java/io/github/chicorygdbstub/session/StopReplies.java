package io.github.chicorygdbstub.session;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.WatchKind;
import io.github.chicorygdbstub.runtime.control.Watchpoint;
import io.github.chicorygdbstub.codec.Hex;
import java.util.List;

/**
 * Formats stop replies for each client profile.
 *
 * <p>LLDB gets the pc expedited as register 0 plus {@code threads}/{@code thread-pcs} and a
 * {@code reason}. GDB 13 gets the bare {@code T} packet: in its x86 disguise an expedited
 * 8-byte register 0 would be {@code rax} (or rejected outright in i386 mode).
 */
public final class StopReplies {
    static final int SIGINT = 0x02;
    static final int SIGTRAP = 0x05;
    static final int SIGKILL = 0x09;
    static final int SIGSEGV = 0x0b;

    private StopReplies() {}

    /**
     * A thread of a stop besides the one that stopped, as the stop reply lists it.
     *
     * @param id the thread id
     * @param name its name (the Java thread's, and its entry export)
     * @param pc its pc as a synthetic address
     */
    public record ThreadPc(long id, String name, long pc) {}

    /**
     * The reply for an event of a guest with one thread.
     *
     * @param event the stop or end
     * @param profile the client's profile, which decides the stop reply's form
     * @param hardwareBreakpoint for GDB, whether the breakpoint hit was inserted with {@code Z1}
     * @param gdbBreakKinds whether GDB negotiated {@code swbreak}/{@code hwbreak}
     * @return the stop reply's text
     */
    public static String format(StopEvent event, ClientProfile profile, boolean hardwareBreakpoint, boolean gdbBreakKinds) {
        return format(event, profile, hardwareBreakpoint, gdbBreakKinds, List.of(), null);
    }

    /**
     * The reply for an event.
     *
     * @param event the stop or end
     * @param profile the client's profile, which decides the stop reply's form
     * @param hardwareBreakpoint for GDB, whether the breakpoint hit was inserted with {@code Z1}
     * @param gdbBreakKinds whether GDB negotiated {@code swbreak}/{@code hwbreak}
     * @param otherThreads the other threads stopped with it, for LLDB's {@code threads}/{@code thread-pcs}
     * @param threadName the stopping thread's name for LLDB ({@code hexname}); null for none
     * @return the stop reply's text
     */
    public static String format(StopEvent event, ClientProfile profile, boolean hardwareBreakpoint, boolean gdbBreakKinds,
            List<ThreadPc> otherThreads, String threadName) {
        switch (event.reason()) {
            case EXITED:
                return String.format("W%02x", event.exitCode() & 0xff);
            case CRASHED:
                return String.format("X%02x", SIGSEGV);
            case KILLED:
                return String.format("X%02x", SIGKILL);
            default:
                break;
        }
        int signal = switch (event.reason()) {
            case INTERRUPT -> SIGINT;
            // No signal and no reason: LLDB and GDB load the new library list and resume at once.
            case LIBRARY -> 0;
            case TRAP -> SIGSEGV;
            default -> SIGTRAP;
        };
        long thread = threadIdOf(event);
        var reply = new StringBuilder(128).append('T').append(String.format("%02x", signal))
                .append("thread:").append(Long.toHexString(thread)).append(';');
        // At a breakpoint that slipped forward, the address the client asked for (see
        // SessionContext.reportedPc); for every other stop that is the pc itself.
        long pc = event.hasLocation() ? WasmAddress.object(event.moduleIndex(), event.requestedOffset())
                : WasmAddress.object(Math.max(0, event.moduleIndex()), 0);
        if (event.reason() == io.github.chicorygdbstub.runtime.control.StopReason.LIBRARY) {
            reply.append("library:;");
        }
        if (event.watchpoint() != null) {
            // Both clients read the standard field; LLDB turns it into "reason:watchpoint" itself.
            Watchpoint watchpoint = event.watchpoint();
            reply.append(watchKey(watchpoint.kind())).append(':')
                    .append(Long.toHexString(WasmAddress.memory(watchpoint.memoryIndex(), watchpoint.address())))
                    .append(';');
        }
        if (profile == ClientProfile.GDB) {
            if (event.reason() == io.github.chicorygdbstub.runtime.control.StopReason.BREAKPOINT && gdbBreakKinds) {
                reply.append(hardwareBreakpoint ? "hwbreak:;" : "swbreak:;");
            }
            return reply.toString();
        }
        if (threadName != null) {
            reply.append("hexname:").append(Hex.encodeText(threadName)).append(';');
        }
        reply.append("threads:").append(Long.toHexString(thread));
        otherThreads.forEach(other -> reply.append(',').append(Long.toHexString(other.id())));
        reply.append(";thread-pcs:").append(Long.toHexString(pc));
        otherThreads.forEach(other -> reply.append(',').append(Long.toHexString(other.pc())));
        reply.append(';');
        reply.append("00:").append(Hex.littleEndian(pc)).append(';');
        switch (event.reason()) {
            case BREAKPOINT -> reply.append("reason:breakpoint;");
            case STEP -> reply.append("reason:trace;");
            case INTERRUPT -> reply.append("reason:signal;");
            case TRAP -> reply.append("reason:exception;description:")
                    .append(Hex.encodeText("wasm trap: " + event.message())).append(';');
            default -> { }
        }
        return reply.toString();
    }

    /**
     * The thread an event names; a guest's only thread is 1 (so is a command's guest thread).
     *
     * @param event a stop or end
     * @return its thread id, 1 for an event of no particular thread
     */
    public static long threadIdOf(StopEvent event) {
        return event.threadId() == 0 ? 1 : event.threadId();
    }

    private static String watchKey(WatchKind kind) {
        return switch (kind) {
            case WRITE -> "watch";
            case READ -> "rwatch";
            case ACCESS -> "awatch";
        };
    }
}
