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
    /** {@return the guest this session debugs} */
    Debuggee debuggee();

    /** {@return how the session's modules and memories map to the addresses the client sees} */
    AddressSpace addressSpace();

    /** {@return the server-wide counters this session adds to} */
    ServerStats stats();

    /** {@return the register model and document set of this connection} */
    ClientProfile profile();

    /**
     * Switches the profile unless the user fixed it on the command line.
     *
     * @param profile the client the first packets point to
     */
    void detectedProfile(ClientProfile profile);

    /** {@return the features the client listed in {@code qSupported}} */
    Set<String> clientFeatures();

    /**
     * Records the features the client listed in {@code qSupported}.
     *
     * @param features the client's feature strings, such as {@code multiprocess+}
     */
    void clientFeatures(Set<String> features);

    /** {@return the {@code qSupported} features the registered handlers offer this session} */
    List<String> offeredFeatures();

    /** {@return the largest packet we accept, as advertised in {@code PacketSize}} */
    int maxPacketSize();

    /** After LLDB's {@code QEnableErrorStrings}, errors carry a hex message. */
    void enableErrorStrings();

    /**
     * An {@code Exx} reply, with {@code ;hex(message)} when the client asked for error strings.
     *
     * @param code the error number, 0 to 255
     * @param message what went wrong, for clients that show it
     * @return the reply
     */
    RspReply error(int code, String message);

    /** Turns acknowledgements off once the current reply is sent. */
    void disableAcksAfterReply();

    /** Closes the connection once the current reply is sent. */
    void closeAfterReply();

    /** {@return the marker a handler returns when its reply is a stop reply sent later} */
    RspReply replyLater();

    /**
     * Resumes the guest and arranges for the stop reply to be sent when it stops.
     *
     * @param mode run on, or step
     * @return the reply to use now: {@link #replyLater()} normally, the exit reply if the guest has ended
     */
    RspReply resume(ResumeMode mode);

    /**
     * Resumes threads one by one ({@code vCont}) and arranges for the stop reply.
     *
     * @param actions what each named thread does
     * @param others what every other thread does; null to keep them stopped
     * @return the reply to use now, as for {@link #resume(ResumeMode)}
     */
    RspReply resume(java.util.Map<Long, ResumeMode> actions, ResumeMode others);

    /**
     * The memory an address's memory id means. LLDB 22 computes the addresses of variables
     * without a module id (memory 0) whatever module their frame is in: for LLDB, memory 0 is
     * the memory of the module the selected thread is stopped in, which is memory 0 itself for a
     * guest with one memory. Other ids, and every id for GDB, are taken as they are.
     *
     * @param memoryIndex the id bits of a linear-memory address
     * @return the memory to read or write
     */
    int effectiveMemory(int memoryIndex);

    /** {@return the thread {@code Hg} or a {@code thread:} suffix selected; 0 for the one that stopped} */
    long selectedThread();

    /**
     * Selects the thread whose frames, registers and locals later packets read.
     *
     * @param threadId a thread of the stop, or 0 (or -1) for the one that stopped
     */
    void selectThread(long threadId);

    /** {@return the stop reply for the current stop, now if stopped, later if running} */
    RspReply currentStopReply();

    /**
     * Frame 0's pc as a synthetic address, as clients are told it: at a breakpoint that slipped
     * forward to an instruction start, the address the client asked for. LLDB counts a hit (and
     * shows "breakpoint N.1" rather than SIGTRAP) only when the pc it reads equals its breakpoint
     * site, so the stop reply, {@code p0} and {@code qWasmCallStack} all name that address.
     *
     * @param top the innermost frame
     * @return the synthetic address clients are told
     */
    default long reportedPc(FrameSnapshot top) {
        StopEvent last = debuggee().lastEvent();
        int offset = last != null && last.hasLocation() && last.moduleIndex() == top.moduleIndex()
                && last.pc() == top.pc() ? last.requestedOffset() : top.pc();
        return WasmAddress.object(top.moduleIndex(), offset);
    }

    /** {@return the last stop reply sent or prepared ({@code qThreadStopInfo})} */
    String lastStopReply();

    /**
     * Sends console output ({@code O} packets, 4096 characters each at most) before the reply.
     *
     * @param text the output
     */
    void sendConsoleOutput(String text);

    /**
     * Remembers a breakpoint's {@code Z} type at an address (GDB: swbreak vs hwbreak stops).
     *
     * @param address the breakpoint's address as the client sent it
     * @param type the {@code Z} packet's type: 0 software, 1 hardware
     */
    void breakpointInserted(long address, int type);

    /**
     * Forgets the type remembered by {@link #breakpointInserted}.
     *
     * @param address the breakpoint's address as the client sent it
     */
    void breakpointRemoved(long address);

    /**
     * {@return the Wasm frames of the current stop, innermost first, host frames left out; empty when not stopped}
     */
    List<FrameSnapshot> wasmFrames();

    /** {@return the only directories whose files the monitor may read (source listings); empty: none} */
    List<Path> sourceDirectories();

    /** {@return the connection's allocator, for replies built in buffers} */
    ByteBufAllocator alloc();
}
