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
import io.github.chicorygdbstub.testing.SessionHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A main module importing a function, a memory and a global from a library module. */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class TwoModulePacketsTest {
    @Parameter
    private Transport transport;

    private static FunctionRange function(ModuleImage image, String name) {
        return image.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bothModulesAreLibrariesWithTheirOwnBaseAndBreakpointsInEitherAreHit() throws Exception {
        ModuleImage main = SessionHarness.image("main_wat");
        ModuleImage lib = SessionHarness.image("lib_wat");
        try (DebugConnection lldb = transport.connect(Debuggee.builder(main).withLibrary("lib", lib), ClientProfile.LLDB)) {
            lldb.debuggee().awaitStop(DebugConnection.WAIT);
            assertThat(lldb.ask("qXfer:libraries:read::0,fff")).isEqualTo("l<library-list>"
                    + "<library name=\"main_wat.wasm\"><section address=\"0x4000000000000000\"/></library>"
                    + "<library name=\"lib_wat.wasm\"><section address=\"0x4000000100000000\"/></library></library-list>");
            assertThat(lldb.ask("m4000000100000000,4")).isEqualTo("0061736d");
            assertThat(lldb.ask("qXfer:memory-map:read::0,fff"))
                    .contains("<memory type=\"ram\" start=\"0x0\" length=\"0x10000\"/>")
                    .contains("<memory type=\"ram\" start=\"0x100000000\" length=\"0x10000\"/>")
                    .contains("start=\"0x4000000100000000\" length=\"0x" + Integer.toHexString(lib.size()) + "\"");

            long inLib = WasmAddress.object(1, function(lib, "bump").firstInstruction());
            long inMain = WasmAddress.object(0, function(main, "_start").firstInstruction() + 4);
            assertThat(lldb.ask("Z0," + Long.toHexString(inLib) + ",0")).isEqualTo("OK");
            assertThat(lldb.ask("c")).contains("thread-pcs:" + Long.toHexString(inLib) + ";");
            String stack = lldb.ask("qWasmCallStack:1");
            assertThat(stack).hasSize(32).startsWith(Hex.littleEndian(inLib)); // the host frame is left out
            assertThat(WasmAddress.id(Long.reverseBytes(Long.parseUnsignedLong(stack.substring(16), 16)))).isZero();
            assertThat(lldb.ask("qWasmLocal:0;0")).isEqualTo("05000000");
            assertThat(lldb.ask("qWasmGlobal:0;0")).isEqualTo("00000000");
            assertThat(lldb.ask("z0," + Long.toHexString(inLib) + ",0")).isEqualTo("OK");

            assertThat(lldb.ask("Z0," + Long.toHexString(inMain) + ",0")).isEqualTo("OK");
            assertThat(lldb.ask("c")).contains("reason:breakpoint;");
            assertThat(lldb.ask("qWasmGlobal:0;instance:1;")).isEqualTo("05000000");
            assertThat(lldb.ask("z0," + Long.toHexString(inMain) + ",0")).isEqualTo("OK");
            assertThat(lldb.ask("c")).isEqualTo("W00");
            assertThat(lldb.ask("m8,4")).isEqualTo("6e000000");
            assertThat(lldb.ask("m100000008,4")).isEqualTo("6e000000");
        }
    }
}
