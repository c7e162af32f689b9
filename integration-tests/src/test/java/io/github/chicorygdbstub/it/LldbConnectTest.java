package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LLDB 19 connecting with {@code process connect}: what it loads, and from where. */
@Timeout(300)
class LldbConnectTest {
    private static final Pattern SECTION =
            Pattern.compile("\\[0x([0-9a-f]{16})-0x([0-9a-f]{16})\\)\\s+\\S+\\s+0x([0-9a-f]{8}) 0x([0-9a-f]{8})");

    @Test
    void loadsTheModuleFromTheServerAndMapsItsSectionsAtBasePlusFileOffset() throws Exception {
        ModuleImage image = Programs.image("fib");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "image list", "image dump sections", "register read pc",
                    "memory read --force --binary -o image.bin -c " + image.size() + " 0x4000000000000000",
                    "memory region 0x4000000000000000", "memory region 0x10", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            // Stopped at entry, on _start's first instruction.
            String entry = Programs.hex(Programs.functionAddress("fib", Programs.ENTRY));
            assertThat(out).contains("stop reason = signal SIGTRAP").contains("pc = " + String.format("0x%016x",
                    Programs.functionAddress("fib", Programs.ENTRY)));
            assertThat(out).contains("frame #0: " + entry);
            assertThat(out).containsPattern("\\[  0\\]\\s+0x4000000000000000 fib\\.wasm");
            // The bytes came over the wire: LLDB ran in an empty directory and read the image by packets.
            try (Stream<Path> files = Files.list(lldb.directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".wasm"));
            }
            assertThat(lldb.packetLog()).containsPattern("send packet: \\$[xm]4000000000000000,");
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
    void variablesMemoryWritesAndDisassembly() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "b fib", "c", "c", "target variable g_calls g_table",
                    "memory write -s 4 -f d &g_calls 1000", "target variable g_calls",
                    "memory read -s 4 -f d -c 1 &g_calls", "disassemble --pc -c 3",
                    "breakpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("(int) g_calls = 1").contains("(int[8]) g_table = ([0] = 0, [1] = 0");
            assertThat(out).contains("(int) g_calls = 1000");
            assertThat(out).containsPattern("0x[0-9a-f]+: 1000");
            // Wasm instructions, at the pc.
            assertThat(out).containsPattern("->  0x40000000000001bd <\\+37>: \\w+");
            assertThat(out).containsPattern("(local|i32|global)\\.\\w+");
            // The guest saw the write: 1000 + the 176 calls still to come.
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=1176");
        }
    }
}
