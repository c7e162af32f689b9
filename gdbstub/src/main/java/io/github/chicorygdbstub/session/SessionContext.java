package io.github.chicorygdbstub.session;

import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.ResumeMode;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.netty.buffer.ByteBufAllocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What packet handlers may see and change of a debug session. Called on the connection's thread. */
public interface SessionContext {
    Debuggee debuggee();

    AddressSpace addressSpace();

    ServerStats stats();

    ClientProfile profile();

    /** Switches the profile unless the user fixed it on the command line. */
    void detectedProfile(ClientProfile profile);

    /** Features the client listed in {@code qSupported}. */
    Set<String> clientFeatures();

    void clientFeatures(Set<String> features);

    /** The {@code qSupported} features the registered handlers offer this session. */
    List<String> offeredFeatures();

    /** The largest packet we accept, as advertised in {@code PacketSize}. */
    int maxPacketSize();

    /** After LLDB's {@code QEnableErrorStrings}, errors carry a hex message. */
    void enableErrorStrings();

    /** An {@code Exx} reply, with {@code ;hex(message)} when the client asked for error strings. */
    RspReply error(int code, String message);

    /** Turns acknowledgements off once the current reply is sent. */
    void disableAcksAfterReply();

    /** Closes the connection once the current reply is sent. */
    void closeAfterReply();

    /** The marker a handler returns when its reply is a stop reply sent later. */
    RspReply replyLater();

    /**
     * Resumes the guest and arranges for the stop reply to be sent when it stops; returns the
     * reply to use now ({@link #replyLater()} normally, the exit reply if the guest has ended).
     */
    RspReply resume(ResumeMode mode);

    /** The stop reply for the current stop, now if stopped, later if running. */
    RspReply currentStopReply();

    /**
     * Frame 0's pc as a synthetic address, as clients are told it: at a breakpoint that slipped
     * forward to an instruction start, the address the client asked for. LLDB counts a hit (and
     * shows "breakpoint N.1" rather than SIGTRAP) only when the pc it reads equals its breakpoint
     * site, so the stop reply, {@code p0} and {@code qWasmCallStack} all name that address.
     */
    default long reportedPc(FrameSnapshot top) {
        StopEvent last = debuggee().lastEvent();
        int offset = last != null && last.hasLocation() && last.moduleIndex() == top.moduleIndex()
                && last.pc() == top.pc() ? last.requestedOffset() : top.pc();
        return WasmAddress.object(top.moduleIndex(), offset);
    }

    /** The last stop reply sent or prepared ({@code qThreadStopInfo}). */
    String lastStopReply();

    /** Sends console output ({@code O} packets, 4096 characters each at most) before the reply. */
    void sendConsoleOutput(String text);

    /** Remembers a breakpoint's {@code Z} type at an address (GDB: swbreak vs hwbreak stops). */
    void breakpointInserted(long address, int type);

    void breakpointRemoved(long address);

    /** The Wasm frames of the current stop, innermost first, host frames left out; empty when not stopped. */
    List<FrameSnapshot> wasmFrames();

    /** The only directories whose files the monitor may read (source listings); empty: none. */
    List<Path> sourceDirectories();

    ByteBufAllocator alloc();
}
