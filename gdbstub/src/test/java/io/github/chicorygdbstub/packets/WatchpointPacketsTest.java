package io.github.chicorygdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.testing.DebugConnection;
import io.github.chicorygdbstub.testing.DebugConnection.Transport;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code Z2}-{@code Z4} on watch.wat, whose {@code _start} touches the 4 bytes at 0x100 in every way. */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class WatchpointPacketsTest {
    @Parameter
    private Transport transport;

    private DebugConnection client;

    @AfterEach
    void close() throws Exception {
        client.close();
    }

    private DebugConnection connect(ClientProfile profile) throws Exception {
        client = transport.stoppedAtEntry("watch_wat", profile);
        return client;
    }

    /** Address of the {@code n}-th instruction of {@code _start}. */
    private long instruction(int n) {
        ModuleImage image = client.debuggee().module(0);
        FunctionRange start = image.functions().stream().filter(f -> f.name().equals("_start")).findFirst().orElseThrow();
        int[] inStart = Arrays.stream(image.instructionOffsets())
                .filter(offset -> offset >= start.firstInstruction() && offset < start.bodyEnd()).toArray();
        return WasmAddress.object(0, inStart[n]);
    }

    @Test
    void lldbStopsAfterEachWatchedAccessWithItsKindAndAddress() throws Exception {
        DebugConnection lldb = connect(null);
        assertThat(lldb.ask("qWatchpointSupportInfo:")).isEqualTo("num:32;");

        assertThat(lldb.ask("Z2,100,4")).isEqualTo("OK");
        assertThat(lldb.ask("qRcmd," + Hex.encodeText("breakpoints")))
                .isEqualTo("O" + Hex.encodeText("0x0000000000000100 memory 0 offset 0x100 length 4 write watchpoint\n"));
        assertThat(lldb.next()).isEqualTo("OK");
        assertThat(lldb.ask("c")).startsWith("T05thread:1;watch:100;")
                .contains("thread-pcs:" + Long.toHexString(instruction(3)) + ";");
        assertThat(lldb.ask("m100,4")).isEqualTo("07000000");
        assertThat(lldb.ask("z2,100,4")).isEqualTo("OK");

        assertThat(lldb.ask("Z3,100,4")).isEqualTo("OK");
        assertThat(lldb.ask("vCont;c")).startsWith("T05thread:1;rwatch:100;")
                .contains("thread-pcs:" + Long.toHexString(instruction(8)) + ";");
        assertThat(lldb.ask("z3,100,4")).isEqualTo("OK");

        assertThat(lldb.ask("Z4,202,1")).isEqualTo("OK");
        assertThat(lldb.ask("c")).startsWith("T05thread:1;awatch:202;")
                .contains("thread-pcs:" + Long.toHexString(instruction(20)) + ";");
        assertThat(lldb.ask("m200,4")).isEqualTo("aaaaaaaa");
        assertThat(lldb.ask("c")).isEqualTo("W00");
    }

    @Test
    void gdbGetsTheBareStopReplyWithTheWatchField() throws Exception {
        DebugConnection gdb = connect(ClientProfile.GDB);

        assertThat(gdb.ask("Z2,103,1")).isEqualTo("OK");
        assertThat(gdb.ask("Z2,103,1")).isEqualTo("OK");
        assertThat(gdb.ask("c")).isEqualTo("T05thread:1;watch:103;");
        assertThat(gdb.ask("c")).isEqualTo("T05thread:1;watch:103;"); // i64.store8 at 0x103
        assertThat(gdb.ask("z2,103,1")).isEqualTo("OK");
        assertThat(gdb.ask("z2,103,1")).isEqualTo("OK");
        assertThat(gdb.ask("c")).isEqualTo("W00");
    }

    @Test
    void watchpointsOutsideLinearMemoryOrBeyondTheSlotsAreRefused() throws Exception {
        DebugConnection lldb = connect(null);

        assertThat(lldb.ask("Z2,4000000000000100,4")).isEqualTo("E03"); // a module image
        assertThat(lldb.ask("Z2,100000100,4")).isEqualTo("E03"); // memory 1 does not exist
        assertThat(lldb.ask("Z2,100,0")).isEqualTo("E03");
        assertThat(lldb.ask("Z3,ffffffff,2")).isEqualTo("E03"); // past 4 GiB
        assertThat(lldb.ask("Z2,zz,4")).isEqualTo("E01");
        assertThat(lldb.ask("z4,100,4")).isEqualTo("OK"); // removing a missing one is fine
        for (int i = 0; i < Debuggee.MAX_WATCHPOINTS; i++) {
            assertThat(lldb.ask("Z4," + Integer.toHexString(0x1000 + i) + ",1")).isEqualTo("OK");
        }
        assertThat(lldb.ask("Z4,100,4")).isEqualTo("E03");
        assertThat(lldb.debuggee().watchpoints()).hasSize(Debuggee.MAX_WATCHPOINTS);

        assertThat(lldb.ask("c")).isEqualTo("W00");
    }
}
