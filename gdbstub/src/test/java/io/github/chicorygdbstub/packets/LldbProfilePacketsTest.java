package io.github.chicorygdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.testing.DebugConnection;
import io.github.chicorygdbstub.testing.DebugConnection.Transport;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every packet of the LLDB profile against a real guest, without a socket. */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class LldbProfilePacketsTest {
    /** A command's guest thread, named in the stop replies LLDB gets. */
    private static final String GUEST_THREAD_NAME = "hexname:" + Hex.encodeText("chicory-guest (_start)") + ";";

    @Parameter
    private Transport transport;

    private DebugConnection lldb;
    private ModuleImage image;
    private long entryPc;

    @BeforeEach
    void stopAtEntry() throws Exception {
        lldb = transport.stoppedAtEntry("loop_wat", (ClientProfile) null);
        image = lldb.debuggee().module(0);
        entryPc = WasmAddress.object(0, function("_start").firstInstruction());
    }

    @AfterEach
    void close() throws Exception {
        lldb.close();
    }

    private FunctionRange function(String name) {
        return image.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void handshakeAsLldb19DoesIt() throws Exception {
        assertThat(lldb.ask("QStartNoAckMode")).isEqualTo("OK");
        assertThat(lldb.ask("qSupported:xmlRegisters=i386,arm,mips,arc;multiprocess+;fork-events+;vfork-events+"))
                .isEqualTo("PacketSize=20000;QStartNoAckMode+;qXfer:libraries:read+;qXfer:memory-map:read+;vContSupported+");
        assertThat(lldb.ask("QThreadSuffixSupported")).isEqualTo("OK");
        assertThat(lldb.ask("QListThreadsInStopReply")).isEqualTo("OK");
        String triple = Hex.encodeText("wasm32-unknown-unknown-wasm");
        assertThat(lldb.ask("qHostInfo"))
                .isEqualTo("triple:" + triple + ";endian:little;ptrsize:4;watchpoint_exceptions_received:after;");
        assertThat(lldb.ask("vCont?")).isEqualTo("vCont;c;C;s;S");
        assertThat(lldb.ask("qVAttachOrWaitSupported")).isEmpty();
        assertThat(lldb.ask("QEnableErrorStrings")).isEqualTo("OK");
        assertThat(lldb.ask("qProcessInfo")).isEqualTo("pid:1;parent-pid:1;triple:" + triple + ";endian:little;ptrsize:4;");
        assertThat(lldb.ask("?")).isEqualTo("T05thread:1;" + GUEST_THREAD_NAME + "threads:1;thread-pcs:" + Long.toHexString(entryPc)
                + ";00:" + Hex.littleEndian(entryPc) + ";");
        assertThat(lldb.ask("qRegisterInfo0")).isEqualTo(Registers.PC_INFO);
        assertThat(lldb.ask("qRegisterInfo1")).isEqualTo("E45");
        assertThat(lldb.ask("p0;thread:0001;")).isEqualTo(Hex.littleEndian(entryPc));
        assertThat(lldb.ask("qStructuredDataPlugins")).isEmpty();
        assertThat(lldb.ask("qShlibInfoAddr")).isEmpty();
        assertThat(lldb.ask("qXfer:libraries:read::0,fff")).isEqualTo(
                "l<library-list><library name=\"loop_wat.wasm\"><section address=\"0x4000000000000000\"/></library></library-list>");
        assertThat(lldb.ask("x0,0")).isEqualTo("OK");
        assertThat(lldb.ask("mffff0110,4")).startsWith("E03");
        assertThat(lldb.ask("qSymbol::")).isEqualTo("OK");
        assertThat(lldb.ask("jThreadsInfo")).isEmpty();
        assertThat(lldb.ask("qC")).isEqualTo("QC1");
        assertThat(lldb.ask("qfThreadInfo")).isEqualTo("m1");
        assertThat(lldb.ask("qsThreadInfo")).isEqualTo("l");
        assertThat(lldb.ask("qAttached")).isEqualTo("1");
        assertThat(lldb.ask("vMustReplyEmpty")).isEmpty();
        assertThat(lldb.ask("qThreadStopInfo1")).startsWith("T05thread:1;");
    }

    @Test
    void moduleReadsReturnTheOriginalBytesCutShortAtTheEnd() throws Exception {
        String header = lldb.ask("m4000000000000000,200");
        assertThat(header).isEqualTo(hex(image.toByteArray(), 0, 0x200 > image.size() ? image.size() : 0x200));
        assertThat(header).startsWith("0061736d01000000");
        int size = image.size();
        String tail = lldb.ask("m" + Long.toHexString(WasmAddress.object(0, size - 4)) + ",400");
        assertThat(tail).isEqualTo(hex(image.toByteArray(), size - 4, 4));
        assertThat(lldb.ask("m" + Long.toHexString(WasmAddress.object(0, size)) + ",400")).isEqualTo("E03");
        assertThat(lldb.ask("m4000000100000000,10")).isEqualTo("E03"); // no module 1
        assertThat(lldb.ask("m8000000000000000,10")).isEqualTo("E03"); // global space
        assertThat(lldb.ask("mc000000000000000,10")).isEqualTo("E03"); // invalid space
        assertThat(lldb.ask("m4000000000000000")).isEqualTo("E01");
        assertThat(lldb.ask("mzz,1")).isEqualTo("E01");
    }

    @Test
    void binaryReadsReturnTheRawBytesOfImagesAndMemories() throws Exception {
        byte[] bytes = image.toByteArray();
        // The whole image in one reply: every byte, including the escaped ones, arrives unchanged.
        String whole = lldb.ask("x4000000000000000," + Integer.toHexString(bytes.length));
        assertThat(whole.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(bytes);
        String tail = lldb.ask("x" + Long.toHexString(WasmAddress.object(0, bytes.length - 2)) + ",100");
        assertThat(tail.getBytes(StandardCharsets.ISO_8859_1))
                .containsExactly(bytes[bytes.length - 2], bytes[bytes.length - 1]);
        assertThat(lldb.ask("x10,10")).isEqualTo("Hello, debugger!");
        assertThat(lldb.ask("x4000000000000000,0")).isEqualTo("OK");
        assertThat(lldb.ask("x" + Long.toHexString(WasmAddress.object(0, bytes.length)) + ",1")).isEqualTo("E03");
        assertThat(lldb.ask("x10000,1")).isEqualTo("E03");
        assertThat(lldb.ask("x10,")).isEqualTo("E01");
    }

    @Test
    void linearMemoryReadsAndWrites() throws Exception {
        assertThat(lldb.ask("m10,10")).isEqualTo(Hex.encodeText("Hello, debugger!"));
        assertThat(lldb.ask("M10,5:486f776479")).isEqualTo("OK");
        assertThat(lldb.ask("m10,5")).isEqualTo(Hex.encodeText("Howdy"));
        assertThat(lldb.ask("X15,1:" + "!")).isEqualTo("OK");
        assertThat(lldb.ask("m15,1")).isEqualTo("21");
        assertThat(lldb.ask("X10,0:")).isEqualTo("OK");
        assertThat(lldb.ask("M10,2:41")).isEqualTo("E01"); // length mismatch
        assertThat(lldb.ask("Mfffe,4:00000000")).isEqualTo("E03"); // runs past the end
        assertThat(lldb.ask("M4000000000000000,1:00")).isEqualTo("E03"); // images are read-only
        assertThat(lldb.ask("m4000000000000000,1")).isEqualTo("00");
        assertThat(lldb.ask("mfff0,100")).hasSize(0x10 * 2); // cut short at the end of the memory
        assertThat(lldb.ask("m10000,1")).isEqualTo("E03");
        assertThat(lldb.ask("MultiMemRead:ranges:10,2;")).isEmpty();
    }

    @Test
    void errorStringsOnlyAfterTheClientAskedForThem() throws Exception {
        assertThat(lldb.ask("m10000,1")).isEqualTo("E03");
        lldb.ask("QEnableErrorStrings");
        String error = lldb.ask("m10000,1");
        assertThat(error).startsWith("E03;");
        assertThat(new String(HexFormat.of().parseHex(error.substring(4)))).contains("outside memory 0");
    }

    @Test
    void memoryRegionsAndTheMemoryMap() throws Exception {
        String name = Hex.encodeText("loop_wat.wasm");
        assertThat(lldb.ask("qMemoryRegionInfo:4000000000000100")).isEqualTo(
                "start:4000000000000000;size:" + Integer.toHexString(image.size()) + ";permissions:rx;name:" + name + ";");
        assertThat(lldb.ask("qMemoryRegionInfo:20")).isEqualTo(
                "start:0;size:10000;permissions:rw;name:" + Hex.encodeText("memory[0]") + ";");
        // A gap reaches the next region (the module image), or the end of the space.
        assertThat(lldb.ask("qMemoryRegionInfo:10000")).isEqualTo("start:10000;size:3fffffffffff0000;");
        assertThat(lldb.ask("qMemoryRegionInfo:5000000000000000")).isEqualTo("start:5000000000000000;size:afffffffffffffff;");
        assertThat(lldb.ask("qMemoryRegionInfo:ffffffffffffffff")).isEqualTo("E03");
        assertThat(lldb.ask("qMemoryRegionInfo:zz")).isEqualTo("E01");
        String map = lldb.ask("qXfer:memory-map:read::0,fff");
        assertThat(map).startsWith("l<?xml").contains("<memory type=\"ram\" start=\"0x0\" length=\"0x10000\"/>")
                .contains("<memory type=\"rom\" start=\"0x4000000000000000\" length=\"0x" + Integer.toHexString(image.size()) + "\"/>");
        assertThat(lldb.ask("qXfer:memory-map:read::0,10")).startsWith("m<?xml").hasSize(0x11);
        assertThat(lldb.ask("qXfer:memory-map:read::100000,10")).isEqualTo("l");
        assertThat(lldb.ask("qXfer:features:read:target.xml:0,fff")).startsWith("E00"); // LLDB uses qRegisterInfo
        assertThat(lldb.ask("qXfer:auxv:read::0,fff")).isEmpty();
    }

    /**
     * LLDB's {@code GetMemoryRegions()} asks again at each answer's end until the end is
     * {@code 0xffffffffffffffff}; the walk from 0 must get there in one step per region and gap.
     */
    @Test
    void walkingTheRegionsFromZeroEndsAtTheEndOfTheSpaceInAHandfulOfSteps() throws Exception {
        var mapped = new java.util.ArrayList<String>();
        long address = 0;
        int steps = 0;
        while (address != -1L) {
            assertThat(++steps).as("regions asked for").isLessThanOrEqualTo(8);
            String reply = lldb.ask("qMemoryRegionInfo:" + Long.toHexString(address));
            var fields = new java.util.HashMap<String, String>();
            for (String field : reply.split(";")) {
                String[] kv = field.split(":", 2);
                fields.put(kv[0], kv[1]);
            }
            assertThat(Long.parseUnsignedLong(fields.get("start"), 16)).as(reply).isEqualTo(address);
            long size = Long.parseUnsignedLong(fields.get("size"), 16);
            assertThat(size).as(reply).isNotZero();
            if (fields.containsKey("permissions")) {
                mapped.add(Long.toHexString(address) + " " + fields.get("permissions"));
            }
            long end = address + size;
            assertThat(Long.compareUnsigned(end, address)).as("no wrap past 2^64: " + reply).isPositive();
            address = end;
        }
        // memory 0, the gap, the module image, the gap to the end.
        assertThat(steps).isEqualTo(4);
        assertThat(mapped).containsExactly("0 rw", "4000000000000000 rx");
    }

    /**
     * A breakpoint at a function's start (its local declarations) and one just past its body
     * (LLDB's step-over range end when the last line has no return): each stop names the
     * address asked for in the stop reply, {@code p0} and frame 0 of {@code qWasmCallStack}.
     */
    @Test
    void breakpointsThatSlipToAnInstructionStopAtTheAddressTheClientAskedFor() throws Exception {
        FunctionRange add3 = function("add3");
        for (long asked : new long[] {WasmAddress.object(0, add3.bodyStart()), WasmAddress.object(0, add3.bodyEnd())}) {
            String hex = Long.toHexString(asked);
            assertThat(lldb.ask("Z0," + hex + ",0")).isEqualTo("OK");
            assertThat(lldb.ask("c")).isEqualTo("T05thread:1;" + GUEST_THREAD_NAME + "threads:1;thread-pcs:" + hex
                    + ";00:" + Hex.littleEndian(asked) + ";reason:breakpoint;");
            assertThat(lldb.ask("p0;thread:0001;")).isEqualTo(Hex.littleEndian(asked));
            assertThat(lldb.ask("qWasmCallStack:1")).startsWith(Hex.littleEndian(asked));
            assertThat(lldb.ask("z0," + hex + ",0")).isEqualTo("OK");
        }
        // A step from there reports where the guest really is: after add3's final end, in _start.
        assertThat(lldb.ask("s")).contains("reason:trace;");
        assertThat(lldb.debuggee().frames()).hasSize(1);
    }

    @Test
    void breakpointsStepsAndTheCallStack() throws Exception {
        FunctionRange add3 = function("add3");
        long bp = WasmAddress.object(0, add3.firstInstruction());
        assertThat(lldb.ask("Z0," + Long.toHexString(bp) + ",0")).isEqualTo("OK");
        assertThat(lldb.ask("Z0," + Long.toHexString(bp) + ",0")).isEqualTo("OK"); // idempotent
        assertThat(lldb.ask("c")).isEqualTo("T05thread:1;" + GUEST_THREAD_NAME + "threads:1;thread-pcs:" + Long.toHexString(bp)
                + ";00:" + Hex.littleEndian(bp) + ";reason:breakpoint;");
        assertThat(lldb.ask("z0," + Long.toHexString(bp) + ",0")).isEqualTo("OK");
        assertThat(lldb.ask("z0," + Long.toHexString(bp) + ",0")).isEqualTo("OK"); // removing twice is fine

        // qWasmCallStack: frame 0 = the stop pc, frame 1 = the return address in _start.
        String stack = lldb.ask("qWasmCallStack:1");
        assertThat(stack).hasSize(32).startsWith(Hex.littleEndian(bp));
        int callSite = lldb.debuggee().frames().get(1).pc();
        long returnAddress = WasmAddress.object(0, image.instructionAtOrAfter(callSite + 1).getAsInt());
        assertThat(stack.substring(16)).isEqualTo(Hex.littleEndian(returnAddress));
        assertThat(lldb.ask("qWasmLocal:0;2")).isEqualTo("01000000"); // c = 1
        assertThat(lldb.ask("qWasmLocal:0;3")).isEqualTo("E03");
        assertThat(lldb.ask("qWasmLocal:1;0")).isEqualTo("00000000"); // _start's $i
        assertThat(lldb.ask("qWasmLocal:2;0")).isEqualTo("E02");
        assertThat(lldb.ask("qWasmGlobal:0;0")).isEqualTo("00000000");
        assertThat(lldb.ask("qWasmGlobal:0;instance:0;")).isEqualTo("00000000");
        assertThat(lldb.ask("qWasmGlobal:0;1")).isEqualTo("E03");
        assertThat(lldb.ask("qWasmGlobal:0;instance:7;")).isEqualTo("E04");
        assertThat(lldb.ask("qWasmGlobal:9;0")).isEqualTo("E02");
        assertThat(lldb.ask("qWasmStackValue:0;0")).isEqualTo("E03"); // nothing pushed yet in add3
        assertThat(lldb.ask("qWasmStackValue:1;0")).isEqualTo("E03"); // the call consumed all of _start's operands
        assertThat(lldb.ask("qWasmCallStack:2")).isEqualTo("E02");

        String step = lldb.ask("vCont;s:1");
        long next = WasmAddress.object(0, image.instructionAtOrAfter(add3.firstInstruction() + 1).getAsInt());
        assertThat(step).isEqualTo("T05thread:1;" + GUEST_THREAD_NAME + "threads:1;thread-pcs:" + Long.toHexString(next)
                + ";00:" + Hex.littleEndian(next) + ";reason:trace;");
        assertThat(lldb.ask("qWasmStackValue:0;0")).isEqualTo("00000000"); // local.get $a pushed an i32 0
        assertThat(lldb.ask("p0")).isEqualTo(Hex.littleEndian(next));
        assertThat(lldb.ask("g")).isEqualTo(Hex.littleEndian(next));

        // finish: a breakpoint at the reported return address stops exactly there.
        assertThat(lldb.ask("Z0," + Long.toHexString(returnAddress) + ",0")).isEqualTo("OK");
        assertThat(lldb.ask("c")).contains("thread-pcs:" + Long.toHexString(returnAddress) + ";")
                .endsWith("reason:breakpoint;");
        assertThat(lldb.ask("z0," + Long.toHexString(returnAddress) + ",0")).isEqualTo("OK");
        assertThat(lldb.ask("vCont;c")).isEqualTo("W00");
        assertThat(lldb.stdout()).isEqualTo("Hello, debugger!\n");
        assertThat(lldb.ask("?")).isEqualTo("W00");
        assertThat(lldb.ask("qfThreadInfo")).isEqualTo("l");
    }

    /**
     * LLDB (since 20) leaves a breakpoint the guest stopped at without hitting it in place and
     * expects the resume to report it, as a trap instruction would (TestConsecutiveBreakpoints).
     */
    @Test
    void aBreakpointAtAPcTheGuestStoppedAtWithoutHittingItIsReportedAsItResumes() throws Exception {
        String entry = Long.toHexString(entryPc);
        assertThat(lldb.ask("Z0," + entry + ",1")).isEqualTo("OK");
        assertThat(lldb.ask("c")).isEqualTo(stopAt(entryPc, "breakpoint"));

        long next = WasmAddress.object(0, image.instructionAtOrAfter((int) WasmAddress.offset(entryPc) + 1).getAsInt());
        assertThat(lldb.ask("Z0," + Long.toHexString(next) + ",1")).isEqualTo("OK");
        assertThat(lldb.ask("vCont;s:1")).isEqualTo(stopAt(next, "trace"));
        assertThat(lldb.ask("vCont;s:1")).isEqualTo(stopAt(next, "breakpoint"));
        assertThat(lldb.debuggee().stepCount()).isEqualTo(1);
        assertThat(lldb.ask("vCont;s:1")).contains("reason:trace;").doesNotContain(Long.toHexString(next) + ";");
    }

    private static String stopAt(long pc, String reason) {
        return "T05thread:1;" + GUEST_THREAD_NAME + "threads:1;thread-pcs:" + Long.toHexString(pc) + ";00:" + Hex.littleEndian(pc)
                + ";reason:" + reason + ";";
    }

    @Test
    void breakpointsOutsideCodeAreRefused() throws Exception {
        assertThat(lldb.ask("Z0,4000000000000000,0")).isEqualTo("E03"); // the magic number
        assertThat(lldb.ask("Z0,10,0")).isEqualTo("E03"); // linear memory
        assertThat(lldb.ask("Z0,4000000700000000,0")).isEqualTo("E03"); // no such module
        assertThat(lldb.ask("Z5,10,4")).isEmpty(); // no such kind
        assertThat(lldb.ask("Z0,zz,0")).isEqualTo("E01");
        assertThat(lldb.debuggee().breakpoints()).isEmpty();
    }

    @Test
    void registerWritesAndUnknownRegistersAreRefused() throws Exception {
        assertThat(lldb.ask("P0=0000000000000000")).isEqualTo("E05");
        assertThat(lldb.ask("p10")).isEqualTo("E45");
        assertThat(lldb.ask("Hg1")).isEqualTo("OK");
        assertThat(lldb.ask("Hc-1")).isEqualTo("OK");
        assertThat(lldb.ask("Hg2")).isEqualTo("E02");
        assertThat(lldb.ask("T1")).isEqualTo("OK");
        assertThat(lldb.ask("T5")).isEqualTo("E02");
    }

    @Test
    void monitorCommandsAnswerWithConsoleOutputThenOk() throws Exception {
        assertThat(lldb.ask("qRcmd," + Hex.encodeText("modules"))).startsWith("O");
        assertThat(lldb.next()).isEqualTo("OK");
        String help = lldb.ask("qRcmd," + Hex.encodeText("help"));
        assertThat(new String(HexFormat.of().parseHex(help.substring(1))))
                .contains("modules", "memories", "breakpoints", "stats");
        assertThat(lldb.next()).isEqualTo("OK");
        String modules = decodeConsole(lldb.ask("qRcmd," + Hex.encodeText("modules")));
        assertThat(modules).contains("0 loop_wat.wasm size=0x" + Integer.toHexString(image.size()), image.sha256(),
                "base=0x4000000000000000");
        lldb.next();
        assertThat(decodeConsole(lldb.ask("qRcmd," + Hex.encodeText("memories")))).contains("0 base=0x0000000000000000 size=0x10000");
        lldb.next();
        assertThat(decodeConsole(lldb.ask("qRcmd," + Hex.encodeText("stats")))).contains("packets=", "steps=0");
        lldb.next();
        assertThat(decodeConsole(lldb.ask("qRcmd," + Hex.encodeText("frobnicate")))).contains("unknown monitor command");
        lldb.next();
    }

    @Test
    void monitorShowsTheStopsFramesTheirLocalsAndOperandsAndTheGlobals() throws Exception {
        FunctionRange start = function("_start");
        FunctionRange add3 = function("add3");
        assertThat(lldb.monitor("backtrace")).isEqualTo(String.format("#0   0x%016x loop_wat.wasm`_start + %d%n",
                entryPc, start.firstInstruction() - start.bodyStart()));
        assertThat(lldb.monitor("frame")).contains("frame #0 0x" + Long.toHexString(entryPc))
                .contains("local 0   i32 0 (0x00000000)", "local 1   i32 0 (0x00000000)", "operand stack empty")
                .doesNotContain("param");

        long bp = WasmAddress.object(0, add3.firstInstruction());
        lldb.ask("Z0," + Long.toHexString(bp) + ",0");
        lldb.ask("c");
        lldb.ask("vCont;s:1"); // local.get $a: one operand on add3's stack
        int next = image.instructionAtOrAfter(add3.firstInstruction() + 1).getAsInt();
        int returnPc = lldb.debuggee().frames().get(1).returnPc();
        String backtrace = lldb.monitor("bt");
        assertThat(backtrace).isEqualTo(String.format("#0   0x%016x loop_wat.wasm`add3 + %d%n#1   0x%016x loop_wat.wasm`_start + %d%n",
                WasmAddress.object(0, next), next - add3.bodyStart(),
                WasmAddress.object(0, returnPc), returnPc - start.bodyStart()));
        assertThat(lldb.monitor("backtrace 1")).contains("#0 ").doesNotContain("#1 ")
                .contains("(1 more frame; 'backtrace 2' shows them all)");
        assertThat(lldb.monitor("frame 0")).contains("add3 + " + (next - add3.bodyStart()) + " (function 1)")
                .contains("param 0   i32 0 (0x00000000)", "param 1   i32 0 (0x00000000)", "param 2   i32 1 (0x00000001)")
                .contains("stack 0   i32 0 (0x00000000)").doesNotContain("local ");
        assertThat(lldb.monitor("f 1")).contains("frame #1 ").contains("_start").contains("local 0   i32 0", "operand stack empty");
        assertThat(lldb.monitor("frame 2")).isEqualTo("no frame 2: the stack has 2 frames\n");
        assertThat(lldb.monitor("frame -1")).startsWith("usage: frame [N]");
        assertThat(lldb.monitor("frame 1 2")).startsWith("usage: frame [N]");
        assertThat(lldb.monitor("bt 1 extra")).startsWith("usage: backtrace [full] [COUNT]");
        assertThat(lldb.monitor("backtrace 0")).startsWith("usage: backtrace [full] [COUNT]");
        assertThat(lldb.monitor("globals")).startsWith("module 0 loop_wat.wasm\n").containsPattern("global 0   mut   i32 0 \\(0x00000000\\)");
        assertThat(lldb.monitor("globals 1")).startsWith("usage: globals [MODULE]");
        assertThat(lldb.monitor("vars")).endsWith("  the module has no DWARF variables ('frame 0' shows the Wasm locals)\n");
        assertThat(lldb.monitor("help")).contains("backtrace [full] [COUNT]", "(also 'bt')", "frame [N]", "globals [MODULE]");

    }

    @Test
    void monitorAsksForAnInterruptWhileTheGuestRuns() throws Exception {
        try (DebugConnection spin = transport.stoppedAtEntry("spin_wat", ClientProfile.LLDB)) {
            spin.send("c");
            assertThat(decodeConsole(spin.ask("qRcmd," + Hex.encodeText("backtrace"))))
                    .startsWith("the guest is running: interrupt it first");
            assertThat(spin.next()).isEqualTo("OK");
            assertThat(decodeConsole(spin.ask("qRcmd," + Hex.encodeText("globals")))).startsWith("the guest is running");
            assertThat(spin.next()).isEqualTo("OK");
            spin.interrupt();
            assertThat(spin.next()).startsWith("T02thread:1;");
            assertThat(decodeConsole(spin.ask("qRcmd," + Hex.encodeText("bt")))).startsWith("#0   0x4000000000000");
            assertThat(spin.next()).isEqualTo("OK");
            assertThat(spin.ask("k")).isEqualTo("X09");
        }
    }


    @Test
    void interruptStopsARunningGuestAndIsIgnoredWhileStopped() throws Exception {
        try (DebugConnection spin = transport.stoppedAtEntry("spin_wat", ClientProfile.LLDB)) {
            spin.interrupt();
            assertThat(spin.ask("qC")).as("0x03 while stopped gets no reply").isEqualTo("QC1");
            spin.send("c");
            spin.interrupt();
            assertThat(spin.next()).startsWith("T02thread:1;").endsWith("reason:signal;");
            assertThat(spin.ask("k")).isEqualTo("X09");
            assertThat(spin.closedByServer()).isTrue();
        }
    }

    @Test
    void detachLetsTheGuestRunToTheEnd() throws Exception {
        long bp = WasmAddress.object(0, function("add3").firstInstruction());
        lldb.ask("Z0," + Long.toHexString(bp) + ",0");
        assertThat(lldb.ask("D")).isEqualTo("OK");
        assertThat(lldb.closedByServer()).isTrue();
        assertThat(lldb.debuggee().awaitTermination(DebugConnection.WAIT).exitCode()).isZero();
        assertThat(lldb.stdout()).isEqualTo("Hello, debugger!\n");
    }

    private static String decodeConsole(String packet) {
        assertThat(packet).startsWith("O");
        return new String(HexFormat.of().parseHex(packet.substring(1)));
    }

    private static String hex(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }
}
