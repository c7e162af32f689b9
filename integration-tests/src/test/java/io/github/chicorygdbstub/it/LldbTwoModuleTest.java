package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;

/** A main module importing a function and its memory from a second module. */
@Timeout(300)
class LldbTwoModuleTest {
    @EachLldb
    void bothModulesAreListedAndABreakpointInEachIsHit(Lldb lldb) throws Exception {
        String call = Programs.line("twomod_main.c", "twomod-call");
        try (Stub stub = Stub.start("--module", "lib=" + Stub.fixture("twomod_lib"), Stub.fixture("twomod_main"))) {
            ClientRun run = lldb.run(stub, "image list", "b " + call, "b lib_scale", "c", "c", "bt",
                    "frame variable x", "target variable g_lib_factor", "breakpoint delete -f", "c");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).containsPattern("\\[  0\\]\\s+0x4000000000000000 twomod_main\\.wasm")
                    .containsPattern("\\[  1\\]\\s+0x4000000100000000 twomod_lib\\.wasm");
            assertThat(out).contains("stop reason = breakpoint 1.1").contains("twomod_main.wasm`main at " + call);
            assertThat(out).contains("stop reason = breakpoint 2.1")
                    .containsPattern("frame #0: 0x40000001[0-9a-f]{8} twomod_lib\\.wasm`lib_scale\\("
                            + lldb.argument("x", "14") + "\\) at " + Programs.line("twomod_lib.c", "lib-scale"));
            if (lldb.hasWasmPlugin()) {
                // The Wasm plugin unwinds across the modules and reads the local; LLDB 19 does neither.
                assertThat(out).containsPattern("frame #1: 0x40000000[0-9a-f]{8} twomod_main\\.wasm`main at " + call)
                        .contains("(int) x = 14");
            } else {
                assertThat(out).contains("(int) x = <Unhandled opcode DW_OP_WASM_location in DWARFExpression>");
            }
            assertThat(out).contains("(int) g_lib_factor = 3");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("lib_scale(14)=42\nfilled=30 33 36 39\nlib calls=5\n");
        }
    }
}
