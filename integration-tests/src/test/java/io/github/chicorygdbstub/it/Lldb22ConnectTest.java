package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LLDB 22 connecting with {@code process connect --plugin wasm}: the module it loads from the
 * server, the stop it shows, and the raw views (memory of the module image and of linear memory,
 * disassembly, registers).
 */
@Timeout(300)
class Lldb22ConnectTest {
    @Test
    void loadsTheModuleFromTheServerAndShowsTheEntryStopWithItsCallStack() throws Exception {
        ModuleImage image = Programs.image("fib");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "image list", "bt",
                    "memory read --force --binary -o image.bin -c " + image.size() + " 0x4000000000000000",
                    "memory region 0x4000000000000000", "memory region 0x10", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).containsPattern("\\[  0\\]\\s+0x4000000000000000 fib\\.wasm");
            // The bytes came over the wire: LLDB ran in an empty directory and read the image by packets.
            try (Stream<Path> files = Files.list(lldb.directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".wasm"));
            }
            assertThat(lldb.packetLog()).containsPattern("send packet: \\$[xm]4000000000000000,")
                    .contains("send packet: $qWasmCallStack:1#");
            // Stopped at entry; the plugin's unwinder shows the one frame there is, by name.
            String entry = Programs.hex(Programs.functionAddress("fib", Programs.ENTRY));
            assertThat(out).contains("stop reason = signal SIGTRAP")
                    .contains("frame #0: " + entry + " fib.wasm`_start.command_export")
                    .doesNotContain("frame #1:");
            assertThat(Files.readAllBytes(lldb.directory().resolve("image.bin"))).isEqualTo(Fixtures.bytes("fib"));
            assertThat(out).contains(String.format("[0x4000000000000000-0x%016x) r-x fib.wasm", 0x4000000000000000L
                    + image.size()));
            assertThat(out).contains("[0x0000000000000000-0x0000000000020000) rw- memory[0]");
            assertThat(out).contains("Process 1 detached");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @Test
    void linearMemoryAndTheModuleImageAreReadAndWrittenAndTheCodeIsDisassembled() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b fib", "c", "memory read -c 8 0x4000000000000000",
                    "memory write -s 4 -f d &g_calls 1000", "memory read -s 4 -f d -c 1 &g_calls",
                    "target variable g_calls", "disassemble --pc -c 3",
                    "register read pc", "breakpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            // The module image as the file has it, magic first.
            assertThat(out).contains("0x4000000000000000: 00 61 73 6d 01 00 00 00                          .asm....");
            String gCalls = String.format("0x%08x", Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls"));
            assertThat(out).contains(gCalls + ": 1000").contains("(int) g_calls = 1000");
            // Wasm instructions at the pc, which is the breakpoint's address.
            assertThat(out).containsPattern("->  0x40000000000001bd <\\+37>: local\\.get 3")
                    .contains("pc = 0x40000000000001bd");
            // The guest saw the write: stopped before fib(10)'s g_calls++, so 1000 + all 177 calls.
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=1177");
        }
    }

    @Test
    void theModuleImageIsReadOnly() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            // lldb --batch ends at the failing command (exit code 1) and kills the guest.
            ClientRun lldb = Lldb.V22.run(stub, "memory write 0x4000000000000004 2");

            assertThat(lldb.exitCode()).as(lldb.output()).isEqualTo(1);
            assertThat(lldb.output()).contains("error: Memory write to 0x4000000000000004 failed");
            assertThat(lldb.packetLog()).containsPattern("send packet: \\$[MX]4000000000000004,1:")
                    .containsPattern("read packet: \\$E03");
        }
    }

    /**
     * {@code SBProcess.GetMemoryRegions()} walks the whole 64-bit space, each question at the end
     * of the previous answer: a server that answered unmapped gaps 4 GiB at a time made it ask
     * 2^32 times (it never finished).
     */
    @Test
    void theMemoryRegionsListIsTheMemoryAndTheImageFoundInAHandfulOfQuestions() throws Exception {
        ModuleImage image = Programs.image("fib");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun python = Lldb.V22.runPython("lldb_regions.py", java.time.Duration.ofSeconds(120),
                    Integer.toString(stub.port()), "wasm");

            String out = python.output();
            assertThat(python.exitCode()).as(out).isZero();
            assertThat(out).contains("regions 2\n"
                    + "region 0x0000000000000000 0x0000000000020000 rw- memory[0]\n"
                    + String.format("region 0x4000000000000000 0x%016x r-x fib.wasm\n", 0x4000000000000000L + image.size())
                    + "detached");
            assertThat(stub.awaitExit()).isZero();
        }
    }
}
