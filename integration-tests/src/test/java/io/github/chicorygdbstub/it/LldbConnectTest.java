package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * LLDB connecting with {@code process connect} (LLDB 22 with {@code --plugin wasm}): the module
 * it loads from the server and where it maps it, the entry stop, and the raw views (memory of the
 * module image and of linear memory, disassembly, registers).
 */
@Timeout(300)
class LldbConnectTest {
    private static final Pattern SECTION =
            Pattern.compile("\\[0x([0-9a-f]{16})-0x([0-9a-f]{16})\\)\\s+\\S+\\s+0x([0-9a-f]{8}) 0x([0-9a-f]{8})");

    @EachLldb
    void loadsTheModuleFromTheServerMapsItsSectionsAtBasePlusFileOffsetAndStopsAtEntry(Lldb lldb) throws Exception {
        ModuleImage image = Programs.image("fib");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun run = lldb.run(stub, "image list", "image dump sections", "register read pc", "bt",
                    "memory read --force --binary -o image.bin -c " + image.size() + " 0x4000000000000000",
                    "memory region 0x4000000000000000", "memory region 0x10", "process detach");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).containsPattern("\\[  0\\]\\s+0x4000000000000000 fib\\.wasm");
            // The bytes came over the wire: LLDB ran in an empty directory and read the image by packets.
            try (Stream<Path> files = Files.list(run.directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".wasm"));
            }
            assertThat(run.packetLog()).containsPattern("send packet: \\$[xm]4000000000000000,");
            // Stopped at entry, on _start's first instruction: the one frame there is.
            long entry = Programs.functionAddress("fib", Programs.ENTRY);
            assertThat(out).contains("stop reason = signal SIGTRAP")
                    .contains("pc = " + String.format("0x%016x", entry))
                    .contains("frame #0: " + Programs.hex(entry))
                    .doesNotContain("frame #1:");
            if (lldb.hasWasmPlugin()) {
                // The plugin's unwinder asks the server for the call stack and names the frame;
                // LLDB 19 has no symbol for _start.command_export and shows the bare address.
                assertThat(run.packetLog()).contains("send packet: $qWasmCallStack:1#");
                assertThat(out).contains("frame #0: " + Programs.hex(entry) + " fib.wasm`_start.command_export");
            }
            // Every section's load address is the module base plus its file offset.
            Matcher section = SECTION.matcher(out);
            int sections = 0;
            while (section.find()) {
                long start = Long.parseUnsignedLong(section.group(1), 16);
                long fileOffset = Long.parseLong(section.group(3), 16);
                assertThat(start).as(section.group()).isEqualTo(0x4000000000000000L + fileOffset);
                sections++;
            }
            assertThat(sections).as(out).isGreaterThanOrEqualTo(7); // code and six DWARF sections
            assertThat(out).contains("0x" + String.format("%08x", image.codeSectionOffset()));
            // memory read of the whole image gives the file's bytes exactly.
            assertThat(Files.readAllBytes(run.directory().resolve("image.bin"))).isEqualTo(Fixtures.bytes("fib"));
            assertThat(out).contains(String.format("[0x4000000000000000-0x%016x) r-x fib.wasm", 0x4000000000000000L
                    + image.size()));
            assertThat(out).contains("[0x0000000000000000-0x0000000000020000) rw- memory[0]");
            assertThat(out).contains("Process 1 detached");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @EachLldb
    void linearMemoryAndTheModuleImageAreReadAndWrittenAndTheCodeIsDisassembled(Lldb lldb) throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            // The second stop at fib is fib(9)'s: fib(10) has counted its call in g_calls.
            ClientRun run = lldb.run(stub, "b fib", "c", "c", "target variable g_calls g_table",
                    "memory read -c 8 0x4000000000000000",
                    "memory write -s 4 -f d &g_calls 1000", "target variable g_calls",
                    "memory read -s 4 -f d -c 1 &g_calls", "disassemble --pc -c 3",
                    "register read pc", "breakpoint delete -f", "c");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("(int) g_calls = 1").contains("(int[8]) g_table = ([0] = 0, [1] = 0");
            // The module image as the file has it, magic first.
            assertThat(out).contains("0x4000000000000000: 00 61 73 6d 01 00 00 00                          .asm....");
            String gCalls = String.format("0x%08x", Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls"));
            assertThat(out).contains(gCalls + ": 1000").contains("(int) g_calls = 1000");
            // Wasm instructions at the pc, which is the breakpoint's address.
            assertThat(out).containsPattern("->  0x40000000000001bd <\\+37>: local\\.get 3")
                    .contains("pc = 0x40000000000001bd");
            // The guest saw the write: 1000 + the 176 calls still to come.
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=1176");
        }
    }

    @EachLldb
    void theModuleImageIsReadOnly(Lldb lldb) throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            // lldb --batch ends at the failing command (exit code 1) and kills the guest.
            ClientRun run = lldb.run(stub, "memory write 0x4000000000000004 2");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("error: Memory write to 0x4000000000000004 failed");
            assertThat(run.packetLog()).containsPattern("send packet: \\$[MX]4000000000000004,1:")
                    .containsPattern("read packet: \\$E03");
        }
    }

    /**
     * {@code SBProcess.GetMemoryRegions()} walks the whole 64-bit space, each question at the end
     * of the previous answer: a server that answered unmapped gaps 4 GiB at a time made it ask
     * 2^32 times (it never finished).
     */
    @EachLldb
    void theMemoryRegionsListIsTheMemoryAndTheImageFoundInAHandfulOfQuestions(Lldb lldb) throws Exception {
        ModuleImage image = Programs.image("fib");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun python = lldb.runPython("lldb_regions.py", Duration.ofSeconds(120), stub);

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
