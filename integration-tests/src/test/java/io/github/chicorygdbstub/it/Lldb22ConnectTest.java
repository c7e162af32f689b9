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
}
