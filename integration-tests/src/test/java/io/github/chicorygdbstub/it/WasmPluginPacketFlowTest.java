package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.testing.RawRspClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packets LLDB 22's {@code process connect --plugin wasm} sends at a breakpoint, replayed by
 * a raw client against the CLI server (no such LLDB exists on this machine). Every expected value
 * comes from the fixture's DWARF as llvm-dwarfdump reads it, or from its C source.
 */
@Timeout(120)
class WasmPluginPacketFlowTest {
    private static final HexFormat HEX = HexFormat.of();

    private final Path wasm = Fixtures.wasm("fib");
    private final ModuleImage image = Programs.image("fib");
    private List<Dwarf.Row> lines;
    private long breakpoint;
    private int frameBase;
    private int nOffset;

    @BeforeEach
    void readTheDwarf() throws Exception {
        lines = Dwarf.lineTable(wasm);
        FunctionRange fib = Programs.function(image, "fib");
        int code = image.codeSectionOffset();
        breakpoint = WasmAddress.object(0, code + Dwarf.firstAddressOf(lines, Fixtures.line("fib.c", "fib-local"),
                fib.bodyStart() - code, fib.bodyEnd() - code));
        frameBase = Dwarf.frameBaseLocal(wasm, "fib");
        nOffset = Dwarf.frameOffsetOf(wasm, "n", "/fib.c\"");
    }

    @Test
    void callStackLocalsGlobalsOperandsAndFinishAtABreakpointInARecursiveFunction() throws Exception {
        try (Stub stub = Stub.start(wasm); RawRspClient rsp = new RawRspClient(stub.port())) {
            connectLikeTheWasmPlugin(rsp);
            assertThat(rsp.ask("Z0," + Long.toHexString(breakpoint) + ",0")).isEqualTo("OK");
            // fib(10) calls fib(9) calls fib(8): stop at the third hit, three fib frames deep.
            for (int hit = 0; hit < 3; hit++) {
                assertThat(rsp.ask("vCont;c:1")).startsWith("T05").contains("reason:breakpoint")
                        .contains("thread-pcs:" + Long.toHexString(breakpoint) + ";");
            }

            // W1/W2: frame 0 is the stop pc; callers are return addresses just after their call.
            long[] stack = addresses(rsp.ask("qWasmCallStack:1"));
            assertThat(stack[0]).isEqualTo(breakpoint);
            int recursiveCall = Fixtures.line("fib.c", "fib-rec-call");
            assertThat(lineOf(stack[1])).isEqualTo(recursiveCall);
            assertThat(lineOf(stack[2])).isEqualTo(recursiveCall);
            assertThat(lineOf(stack[3])).isEqualTo(Fixtures.line("fib.c", "fib-main-call"));
            int fibIndex = Programs.function(image, "fib").functionIndex();
            for (int frame = 1; frame <= 3; frame++) {
                assertThat(calleeOfCallBefore(stack[frame])).as("frame %d follows a call fib", frame).isEqualTo(fibIndex);
            }
            assertThat(rsp.ask("qWasmCallStack:2")).startsWith("E");

            // W3 (frame and index are decimal, as LLDB prints them): the parameter n of each fib frame, and the frame base that DWARF locates it by.
            for (int frame = 0; frame < 3; frame++) {
                assertThat(i32(rsp.ask("qWasmLocal:" + frame + ";0"))).as("n in frame %d", frame).isEqualTo(8 + frame);
                int base = i32(rsp.ask("qWasmLocal:" + frame + ";" + frameBase));
                int stored = i32(rsp.ask("m" + Integer.toHexString(base + nOffset) + ",4"));
                assertThat(stored).as("n at DW_OP_fbreg +%d in frame %d", nOffset, frame).isEqualTo(8 + frame);
            }
            // __stack_pointer (global 0) is the innermost frame's base once its prologue has run.
            int frame0Base = i32(rsp.ask("qWasmLocal:0;" + Integer.toHexString(frameBase)));
            assertThat(i32(rsp.ask("qWasmGlobal:0;0"))).isEqualTo(frame0Base);
            assertThat(i32(rsp.ask("qWasmLocal:1;" + Integer.toHexString(frameBase)))).isGreaterThan(frame0Base);

            // W4: one step pushes the frame base; the operand stack shows it.
            assertThat(rsp.ask("z0," + Long.toHexString(breakpoint) + ",0")).isEqualTo("OK");
            assertThat(rsp.ask("vCont;s:1")).startsWith("T05").contains("reason:trace");
            assertThat(i32(rsp.ask("qWasmStackValue:0;0"))).isEqualTo(frame0Base);

            // W5: frames and indices that do not exist.
            assertThat(rsp.ask("qWasmLocal:9;0")).startsWith("E02");
            assertThat(rsp.ask("qWasmLocal:0;255")).startsWith("E03");
            assertThat(rsp.ask("qWasmGlobal:0;65535")).startsWith("E03");
            assertThat(rsp.ask("qWasmStackValue:0;5")).startsWith("E");
            assertThat(rsp.ask("qWasmStackValue:9;0")).startsWith("E02");

            // finish: a breakpoint at frame 1's return address stops exactly there.
            long returnAddress = stack[1];
            assertThat(rsp.ask("Z0," + Long.toHexString(returnAddress) + ",0")).isEqualTo("OK");
            // Deeper calls return to the same site first; like LLDB's step-out plan, go on until
            // the stack is one frame shorter. Every stop is exactly at the return address.
            long[] after;
            int stops = 0;
            do {
                assertThat(rsp.ask("vCont;c:1")).startsWith("T05").contains("reason:breakpoint")
                        .contains("thread-pcs:" + Long.toHexString(returnAddress) + ";");
                after = addresses(rsp.ask("qWasmCallStack:1"));
                assertThat(after[0]).isEqualTo(returnAddress);
                assertThat(++stops).as("stops before fib(8) returned").isLessThan(1000);
            } while (after.length != stack.length - 1);
            assertThat(Arrays.copyOfRange(after, 1, after.length)).containsExactly(Arrays.copyOfRange(stack, 2, stack.length));

            assertThat(rsp.ask("z0," + Long.toHexString(returnAddress) + ",0")).isEqualTo("OK");
            rsp.send("D");
            assertThat(rsp.readPacket()).isEqualTo("OK");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    /** Steps 1-24 of LLDB's connect sequence that the Wasm plugin shares (reference 4.1/4.2). */
    private void connectLikeTheWasmPlugin(RawRspClient rsp) throws Exception {
        rsp.write("+");
        rsp.send("QStartNoAckMode");
        assertThat(rsp.readPacket()).isEqualTo("OK");
        rsp.write("+");
        assertThat(rsp.ask("qSupported:xmlRegisters=i386,arm,mips,arc;multiprocess+;fork-events+;vfork-events+"))
                .contains("PacketSize=").contains("qXfer:libraries:read+");
        assertThat(rsp.ask("qHostInfo")).contains("triple:" + HEX.formatHex("wasm32-unknown-unknown-wasm".getBytes()));
        assertThat(rsp.ask("qProcessInfo")).contains("ptrsize:4");
        assertThat(rsp.ask("?")).startsWith("T05");
        assertThat(rsp.ask("qXfer:libraries:read::0,fff")).contains("<section address=\"0x4000000000000000\"/>");
        long entry = addresses(rsp.ask("qWasmCallStack:1"))[0];
        assertThat(entry).isEqualTo(Programs.functionAddress("fib", Programs.ENTRY));
    }

    private int lineOf(long address) {
        return Dwarf.lineAt(lines, WasmAddress.offset(address) - image.codeSectionOffset());
    }

    /** The function index called by the instruction just before {@code returnAddress}. */
    private int calleeOfCallBefore(long returnAddress) {
        int offset = (int) WasmAddress.offset(returnAddress);
        int[] instructions = image.instructionOffsets();
        int at = Arrays.binarySearch(instructions, offset);
        assertThat(at).as("a return address is an instruction start").isPositive();
        int call = instructions[at - 1];
        assertThat(image.byteAt(call)).as("call opcode").isEqualTo((byte) 0x10);
        int index = 0;
        for (int shift = 0, i = call + 1; ; shift += 7, i++) {
            int b = image.byteAt(i) & 0xff;
            index |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return index;
            }
        }
    }

    private static long[] addresses(String reply) {
        ByteBuffer bytes = ByteBuffer.wrap(HEX.parseHex(reply)).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[bytes.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.getLong();
        }
        return out;
    }

    private static int i32(String reply) {
        assertThat(reply).as("a 4-byte value").hasSize(8);
        return ByteBuffer.wrap(HEX.parseHex(reply)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
