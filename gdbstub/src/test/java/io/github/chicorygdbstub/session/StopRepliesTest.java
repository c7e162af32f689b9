package io.github.chicorygdbstub.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import org.junit.jupiter.api.Test;

class StopRepliesTest {
    private static StopEvent event(StopReason reason, int module, int pc, String message, int exitCode) {
        return new StopEvent(1, reason, module, pc, pc, message, exitCode);
    }

    @Test
    void lldbGetsThePcExpeditedAndAReason() {
        assertThat(StopReplies.format(event(StopReason.BREAKPOINT, 1, 0x185, null, 0), ClientProfile.LLDB, false, false))
                .isEqualTo("T05thread:1;threads:1;thread-pcs:4000000100000185;00:8501000001000040;reason:breakpoint;");
        assertThat(StopReplies.format(event(StopReason.STEP, 0, 0x187, null, 0), ClientProfile.LLDB, false, false))
                .endsWith("reason:trace;");
        assertThat(StopReplies.format(event(StopReason.INTERRUPT, 0, 0x10, null, 0), ClientProfile.LLDB, false, false))
                .startsWith("T02").endsWith("reason:signal;");
        assertThat(StopReplies.format(event(StopReason.ENTRY, 0, 0x10, null, 0), ClientProfile.LLDB, false, false))
                .startsWith("T05").doesNotContain("reason");
        assertThat(StopReplies.format(event(StopReason.TRAP, 0, 0x10, "integer divide by zero", 0), ClientProfile.LLDB,
                false, false)).startsWith("T0bthread:1;").endsWith(
                        "reason:exception;description:" + Hex.encodeText("wasm trap: integer divide by zero") + ";");
    }

    @Test
    void gdbGetsNoEightByteRegisterAndBreakKindsOnlyWhenNegotiated() {
        StopEvent hit = event(StopReason.BREAKPOINT, 0, 0x185, null, 0);
        assertThat(StopReplies.format(hit, ClientProfile.GDB, false, false)).isEqualTo("T05thread:1;");
        assertThat(StopReplies.format(hit, ClientProfile.GDB, false, true)).isEqualTo("T05thread:1;swbreak:;");
        assertThat(StopReplies.format(hit, ClientProfile.GDB, true, true)).isEqualTo("T05thread:1;hwbreak:;");
        assertThat(StopReplies.format(event(StopReason.TRAP, 0, 1, "x", 0), ClientProfile.GDB, false, true))
                .isEqualTo("T0bthread:1;");
    }

    @Test
    void theEndOfTheGuest() {
        assertThat(StopReplies.format(event(StopReason.EXITED, -1, -1, null, 3), ClientProfile.LLDB, false, false))
                .isEqualTo("W03");
        assertThat(StopReplies.format(event(StopReason.EXITED, -1, -1, null, 258), ClientProfile.GDB, false, false))
                .isEqualTo("W02");
        assertThat(StopReplies.format(event(StopReason.CRASHED, -1, -1, "boom", 0), ClientProfile.LLDB, false, false))
                .isEqualTo("X0b");
        assertThat(StopReplies.format(event(StopReason.KILLED, -1, -1, null, 0), ClientProfile.GDB, false, false))
                .isEqualTo("X09");
    }
}
