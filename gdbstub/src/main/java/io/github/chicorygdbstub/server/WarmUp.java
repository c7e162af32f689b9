package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.codec.RspAckHandler;
import io.github.chicorygdbstub.codec.RspFrameDecoder;
import io.github.chicorygdbstub.codec.RspFrameEncoder;
import io.github.chicorygdbstub.codec.RspPacket;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.PacketTable;
import io.github.chicorygdbstub.session.ServerStats;
import io.github.chicorygdbstub.session.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the packets of a debugger's connect sequence through the real pipeline once, in memory,
 * before the first debugger arrives. A cold JVM otherwise spends most of a module load on
 * class loading and interpreted code (the first reply took 100 ms; LLDB's whole load of an
 * 11 MB module takes 0.2 s warm). Only read-only packets are used: the warm-up never attaches
 * to, stops or inspects the guest.
 */
final class WarmUp {
    /** Enough large module reads to get the hex encoder and the escaper compiled. */
    private static final int IMAGE_READS = 200;

    /**
     * The size of the warm-up's {@code m} reads when hex encoding is vectorized: below the vector encoder's
     * threshold. The Vector API runs far slower than scalar code until the JIT's last tier has compiled it,
     * about 0.4 s of work that would delay every server start; the CLI's rehearsal does it in the background.
     */
    private static final int SCALAR_HEX_READ = 0x100;

    /** How many bytes every other warm-up read is short of a whole number of 8-byte words. */
    private static final int TAIL = 3;

    private WarmUp() {}

    static void run(Debuggee debuggee, AddressSpace addressSpace, PacketTable table, int maxPacketSize) {
        var acks = new RspAckHandler();
        var channel = new EmbeddedChannel(new RspFrameEncoder(), new RspFrameDecoder(maxPacketSize), acks);
        var session = new Session(debuggee, addressSpace, table, new ServerStats(),
                new ChannelPacketSink(channel, acks), maxPacketSize, ClientProfile.LLDB, java.util.List.of());
        try {
            channel.writeInbound(Unpooled.copiedBuffer("+", StandardCharsets.US_ASCII));
            for (String packet : packets(debuggee, maxPacketSize)) {
                channel.writeInbound(Unpooled.copiedBuffer(frame(packet), StandardCharsets.ISO_8859_1));
                Object decoded;
                while ((decoded = channel.readInbound()) != null) {
                    if (decoded instanceof RspPacket request) {
                        session.handle(request.payload());
                    }
                    ReferenceCountUtil.release(decoded);
                }
                drain(channel);
            }
        } finally {
            drain(channel);
            channel.finishAndReleaseAll();
        }
    }

    static List<String> packets(Debuggee debuggee, int maxPacketSize) {
        var packets = new ArrayList<String>(List.of("QStartNoAckMode",
                "qSupported:xmlRegisters=i386,arm,mips,arc;multiprocess+;fork-events+;vfork-events+",
                "QThreadSuffixSupported", "QListThreadsInStopReply", "qHostInfo", "vCont?", "qVAttachOrWaitSupported",
                "QEnableErrorStrings", "qProcessInfo", "qRegisterInfo0", "qRegisterInfo1", "qStructuredDataPlugins",
                "qShlibInfoAddr", "qXfer:libraries:read::0,fff", "x0,0", "m8000000000000000,4", "qSymbol::",
                "jThreadsInfo", "qC", "qfThreadInfo", "qsThreadInfo", "qAttached", "Hg0", "qTStatus"));
        int size = debuggee.module(0).size();
        int chunk = Math.min(size, maxPacketSize / 2 - 64);
        int hexChunk = Hex.vectorized() ? Math.min(chunk, SCALAR_HEX_READ) : chunk;
        for (int i = 0; i < IMAGE_READS; i++) {
            long offset = (long) i * chunk % Math.max(1, size - chunk + 1);
            String address = Long.toHexString(WasmAddress.object(0, offset)) + ",";
            // Every other read is a few bytes short of a whole number of words, as the last read of a module
            // usually is: the word loops' byte-by-byte tails must run before the JIT's last tier compiles
            // them. Otherwise the first module download hits a branch that was never taken and the compiled
            // escaper is thrown away mid-download; in 3 JVMs of about 35 the code that replaced it ran LLDB's
            // x reads at a third of their speed for good (docs/performance.md).
            int shortBy = i % 2 == 0 ? 0 : TAIL;
            packets.add("m" + address + Integer.toHexString(Math.max(1, hexChunk - shortBy)));
            packets.add("x" + address + Integer.toHexString(Math.max(1, chunk - shortBy)));
        }
        packets.add("m" + Long.toHexString(WasmAddress.object(0, size)) + ",400");
        return packets;
    }

    private static void drain(EmbeddedChannel channel) {
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
        }
    }

    private static String frame(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            sum += payload.charAt(i);
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }
}
