package io.github.chicorygdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.testing.DebugConnection;
import io.github.chicorygdbstub.testing.DebugConnection.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The x86-64 disguise GDB 13 needs, packet by packet (profile detected from qSupported). */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class GdbProfilePacketsTest {
    private static final String GDB_FEATURES = "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;"
            + "vfork-events+;exec-events+;vContSupported+;QThreadEvents+;no-resumed+;memory-tagging+;xmlRegisters=i386";

    @Parameter
    private Transport transport;

    private DebugConnection gdb;
    private ModuleImage image;
    private long entryPc;

    @BeforeEach
    void connectLikeGdb() throws Exception {
        gdb = transport.stoppedAtEntry("loop_wat", (ClientProfile) null);
        image = gdb.debuggee().module(0);
        entryPc = WasmAddress.object(0, function("_start").firstInstruction());
        assertThat(gdb.ask(GDB_FEATURES)).isEqualTo(
                "PacketSize=20000;QStartNoAckMode+;qXfer:features:read+;qXfer:memory-map:read+;vContSupported+;swbreak+;hwbreak+");
    }

    @AfterEach
    void close() throws Exception {
        gdb.close();
    }

    private FunctionRange function(String name) {
        return image.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void connectSequenceOfGdb13() throws Exception {
        assertThat(gdb.ask("vMustReplyEmpty")).isEmpty();
        assertThat(gdb.ask("QStartNoAckMode")).isEqualTo("OK");
        assertThat(gdb.ask("Hg0")).isEqualTo("OK");
        assertThat(gdb.ask("qXfer:features:read:target.xml:0,ffb"))
                .startsWith("l<?xml").contains("<architecture>i386:x86-64</architecture>").doesNotContain("<reg");
        assertThat(gdb.ask("qTStatus")).isEmpty();
        assertThat(gdb.ask("?")).isEqualTo("T05thread:1;");
        assertThat(gdb.ask("qfThreadInfo")).isEqualTo("m1");
        assertThat(gdb.ask("qsThreadInfo")).isEqualTo("l");
        assertThat(gdb.ask("qAttached")).isEqualTo("1");
        assertThat(gdb.ask("Hc-1")).isEqualTo("OK");
        String registers = gdb.ask("g");
        assertThat(registers).hasSize(256 + 16).startsWith("xxxxxxxx").endsWith(Hex.littleEndian(entryPc));
        assertThat(gdb.ask("p10")).isEqualTo(Hex.littleEndian(entryPc)); // rip
        assertThat(gdb.ask("p7")).isEmpty(); // unavailable, not an error
        assertThat(gdb.ask("qXfer:libraries:read::0,ffb")).isEqualTo(
                "l<library-list><library name=\"loop_wat.wasm\"><section address=\"0x4000000000000000\"/></library></library-list>");
        assertThat(gdb.ask("qXfer:memory-map:read::0,ffb")).contains("type=\"rom\"", "type=\"ram\"");
        assertThat(gdb.ask("T1")).isEqualTo("OK");
        assertThat(gdb.ask("qThreadExtraInfo,1")).isEqualTo(Hex.encodeText("chicory-guest (_start)"));
    }

    @Test
    void hardwareAndSoftwareBreakpointsStepAndSignals() throws Exception {
        long bp = WasmAddress.object(0, function("add3").firstInstruction());
        assertThat(gdb.ask("m" + Long.toHexString(bp) + ",1")).hasSize(2);
        assertThat(gdb.ask("Z1," + Long.toHexString(bp) + ",1")).isEqualTo("OK");
        assertThat(gdb.ask("vCont;c")).isEqualTo("T05thread:1;hwbreak:;");
        assertThat(gdb.ask("g")).endsWith(Hex.littleEndian(bp));
        assertThat(gdb.ask("z1," + Long.toHexString(bp) + ",1")).isEqualTo("OK");
        assertThat(gdb.ask("vCont;s:1")).isEqualTo("T05thread:1;");
        assertThat(gdb.ask("Z0," + Long.toHexString(bp) + ",1")).isEqualTo("OK");
        assertThat(gdb.ask("vCont;c:p1.-1")).isEqualTo("T05thread:1;swbreak:;");
        assertThat(gdb.ask("z0," + Long.toHexString(bp) + ",1")).isEqualTo("OK");
        assertThat(gdb.ask("vCont;C05:1;c")).isEqualTo("W00");
    }

    @Test
    void aTrapIsSigsegvAndContinuingEndsTheGuest() throws Exception {
        try (DebugConnection trap = transport.stoppedAtEntry("trap_wat", ClientProfile.GDB)) {
            assertThat(trap.ask("vCont;c")).isEqualTo("T0bthread:1;");
            assertThat(trap.ask("vCont;C0b:1;c")).isEqualTo("X0b");
        }
    }

    @Test
    void setVarWritesLinearMemoryThroughXOrM() throws Exception {
        assertThat(gdb.ask("X20,0:")).isEqualTo("OK");
        assertThat(gdb.ask("M20,1:2a")).isEqualTo("OK");
        assertThat(gdb.ask("m20,1")).isEqualTo("2a");
        // GDB 16 would read "x" replies with a "b" prefix that LLDB does not send: not for GDB.
        assertThat(gdb.ask("x20,1")).isEmpty();
    }

    @Test
    void vKillEndsTheGuestAndKeepsTheConnection() throws Exception {
        assertThat(gdb.ask("vKill;a410")).isEqualTo("OK");
        assertThat(gdb.debuggee().lastEvent().reason().name()).isEqualTo("KILLED");
        assertThat(gdb.ask("qC")).isEqualTo("QC1"); // still connected
        assertThat(gdb.ask("?")).isEqualTo("X09");
    }
}
