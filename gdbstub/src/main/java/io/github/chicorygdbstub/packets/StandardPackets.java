package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.runtime.control.WatchKind;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.PacketTable;

/**
 * The packet table of chicory-gdbstub: every supported packet and the {@code qSupported}
 * features that come with it. Anything not listed here gets the empty reply, which both LLDB
 * and GDB read as "not supported" (see docs/protocol.md for what is left out and why).
 */
public final class StandardPackets {
    private StandardPackets() {}

    /** {@return the table of every supported packet} */
    public static PacketTable table() {
        return PacketTable.builder()
                // Session and capabilities.
                .on("qSupported", SupportedFeatures::handle)
                .on("QStartNoAckMode", SessionSettings::startNoAckMode)
                .feature("QStartNoAckMode+")
                .on("QThreadSuffixSupported", SessionSettings::ok)
                .on("QListThreadsInStopReply", SessionSettings::ok)
                .on("QEnableErrorStrings", SessionSettings::enableErrorStrings)
                .on("qSymbol", SessionSettings::ok)
                .on("qGDBServerVersion", SessionSettings::serverVersion)
                .on("qHostInfo", ProcessInfo::hostInfo)
                .on("qProcessInfo", ProcessInfo::processInfo)
                .on("qRcmd", Monitor::command)
                // Threads and registers.
                .on("qC", Threads::currentThread)
                .on("qfThreadInfo", Threads::firstThreadInfo)
                .on("qsThreadInfo", Threads::nextThreadInfo)
                .on("qThreadStopInfo", Threads::threadStopInfo)
                .on("qThreadExtraInfo", Threads::extraInfo)
                .on("qAttached", Threads::attached)
                .on("Hg", Threads::setThread)
                .on("Hc", Threads::setThread)
                .on("T", Threads::threadAlive)
                .on("qRegisterInfo", Registers::registerInfo)
                .on("p", Registers::readOne)
                .on("g", Registers::readAll)
                .on("P", Registers::write)
                .on("G", Registers::write)
                // Documents and the address space.
                .on("qXfer", Xfer::read)
                .feature("qXfer:libraries:read+", session -> session.profile() == ClientProfile.LLDB)
                .feature("qXfer:features:read+", session -> session.profile() == ClientProfile.GDB)
                .feature("qXfer:memory-map:read+")
                .on("qMemoryRegionInfo", MemoryRegions::regionInfo)
                .on("m", MemoryAccess::read)
                .on("x", MemoryAccess::readBinary)
                .on("M", MemoryAccess::writeHex)
                .on("X", MemoryAccess::writeBinary)
                // Post-22 LLDB batch read: only sent when advertised, and never an M write.
                .unsupported("MultiMemRead")
                // Execution control.
                .on("?", Execution::haltReason)
                .on("c", Execution::continueExecution)
                .on("C", Execution::continueWithSignal)
                .on("s", Execution::step)
                .on("S", Execution::stepWithSignal)
                .on("vCont?", Execution::supportedActions)
                .on("vCont", Execution::vCont)
                .feature("vContSupported+")
                .on("Z", Breakpoints::insert)
                .on("z", Breakpoints::remove)
                .feature("swbreak+", session -> SupportedFeatures.clientOffered(session, "swbreak+"))
                .feature("hwbreak+", session -> SupportedFeatures.clientOffered(session, "hwbreak+"))
                .on("Z2", Watchpoints.insert(WatchKind.WRITE))
                .on("Z3", Watchpoints.insert(WatchKind.READ))
                .on("Z4", Watchpoints.insert(WatchKind.ACCESS))
                .on("z2", Watchpoints.remove(WatchKind.WRITE))
                .on("z3", Watchpoints.remove(WatchKind.READ))
                .on("z4", Watchpoints.remove(WatchKind.ACCESS))
                .on("qWatchpointSupportInfo", Watchpoints::supportInfo)
                .on("D", DetachAndKill::detach)
                .on("k", DetachAndKill::kill)
                .on("vKill", DetachAndKill::vKill)
                // LLDB's WebAssembly extensions.
                .on("qWasmCallStack", WasmFrames::callStack)
                .on("qWasmLocal", WasmFrames::local)
                .on("qWasmGlobal", WasmFrames::global)
                .on("qWasmStackValue", WasmFrames::stackValue)
                .build();
    }
}
