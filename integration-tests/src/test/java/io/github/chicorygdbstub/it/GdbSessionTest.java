package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GDB 13 with {@code target remote}: no Wasm architecture, but memory, breakpoints and control. */
@Timeout(300)
class GdbSessionTest {
    @Test
    void memoryMapReadsWritesBreakpointsStepAndMonitor() throws Exception {
        ModuleImage image = Programs.image("fib");
        long end = 0x4000000000000000L + image.size();
        String gCalls = Programs.hex(Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls"));
        String baseCase = Programs.line("fib.c", "fib-base");
        FunctionRange fib = Programs.function(image, "fib");
        long baseCaseAddress = 0x4000000000000000L + image.codeSectionOffset() + Dwarf.firstAddressOf(
                Dwarf.lineTable(Fixtures.wasm("fib")), Fixtures.line("fib.c", "fib-base"),
                fib.bodyStart() - image.codeSectionOffset(), fib.bodyEnd() - image.codeSectionOffset());
        try (Stub stub = Stub.start("--source-dir", Fixtures.source("fib.c").getParent(), Stub.fixture("fib"))) {
            ClientRun gdb = Gdb.run(stub, "p/x $pc", "info mem", "x/16xb 0x4000000000000000", "x/4xb " + gCalls,
                    "dump binary memory fib.bin 0x4000000000000000 " + Programs.hex(end),
                    "set var *(int*)" + gCalls + " = 1000", "x/1dw " + gCalls,
                    "break *0x40000000000001bd", "continue", "p/x $pc", "monitor backtrace", "monitor frame 0", "monitor vars", "monitor print g_calls",
                    "monitor print &g_calls", "monitor list",
                    "monitor line " + baseCase,
                    "stepi", "p/x $pc", "monitor help", "monitor modules", "delete", "detach");

            String out = gdb.output();
            assertThat(gdb.exitCode()).as(out).isZero();
            assertThat(out).contains(String.format("$1 = 0x%x", Programs.functionAddress("fib", Programs.ENTRY)));
            assertThat(out).containsPattern("0\\s+y\\s+0x0000000000000000 0x0000000000020000 rw nocache")
                    .containsPattern("1\\s+y\\s+0x4000000000000000 " + String.format("0x%016x", end) + " ro nocache");
            assertThat(out).contains("0x4000000000000000:\t0x00\t0x61\t0x73\t0x6d\t0x01\t0x00\t0x00\t0x00");
            assertThat(out).contains(gCalls + ":\t0x00\t0x00\t0x00\t0x00");
            assertThat(Files.readAllBytes(gdb.directory().resolve("fib.bin"))).isEqualTo(Fixtures.bytes("fib"));
            assertThat(out).contains(gCalls + ":\t1000");
            assertThat(out).contains("Breakpoint 1, 0x40000000000001bd in ?? ()").contains("$2 = 0x40000000000001bd");
            long next = 0x4000000000000000L + image.instructionAtOrAfter(0x1bd + 1).getAsInt();
            assertThat(out).contains(String.format("$3 = 0x%x", next));
            // The first call of fib: fib(10), called from main, which GDB cannot show by itself.
            assertThat(out).containsPattern("#0   0x40000000000001bd fib\\.wasm`fib \\+ \\d+ at "
                    + Programs.line("fib.c", "fib-local") + ":\\d+\n")
                    .containsPattern("#1   0x[0-9a-f]{16} fib\\.wasm`" + Programs.MAIN + " \\+ \\d+ at "
                            + Programs.line("fib.c", "fib-main-call") + ":\\d+\n");
            // The line's address, as llvm-dwarfdump places it, for 'break *ADDRESS'.
            assertThat(out).containsPattern(String.format("0x%016x fib\\.wasm`fib \\+ \\d+ at %s:\\d+\n",
                    baseCaseAddress, baseCase));
            assertThat(out).contains("frame #0 0x40000000000001bd fib.wasm`fib").contains("param 0   i32 10 (0x0000000a)");
            assertThat(out).contains("  (int) n = 10\n");
            assertThat(out).as("the value GDB wrote, read back through DWARF").contains("(int) g_calls = 1000\n");
            int local = Fixtures.line("fib.c", "fib-local");
            assertThat(out).as("the source GDB cannot show").contains(String.format("=>%5d  %s", local,
                    java.nio.file.Files.readAllLines(Fixtures.source("fib.c")).get(local - 1)).stripTrailing() + "\n");
            assertThat(out).as("the address GDB's own commands take").contains(String.format("(int *) &g_calls = 0x%08x\n",
                    Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls")));
            assertThat(out).contains("chicory-gdbstub monitor commands:").containsPattern("modules +index, name, size");
            assertThat(out).contains("0 fib.wasm size=0x" + Integer.toHexString(image.size()) + " sha256=" + image.sha256()
                    + " base=0x4000000000000000");
            assertThat(out).contains("[Inferior 1 (Remote target) detached]");
            // The write reached the guest: 1000 plus the 177 calls of fib(10).
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=1177");
        }
    }

    @Test
    void hardwareWatchpointReportsOldAndNewValueAfterEachWrite() throws Exception {
        String gCalls = Programs.hex(Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls"));
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun gdb = Gdb.run(stub, "watch *(int*)" + gCalls, "continue", "p/x $pc", "continue",
                    "rwatch *(int*)" + gCalls, "continue", "delete", "detach");

            String out = gdb.output();
            assertThat(gdb.exitCode()).as(out).isZero();
            assertThat(out).contains("Hardware watchpoint 1: *(int*)" + gCalls)
                    .containsPattern("Old value = 0\\s+New value = 1").containsPattern("Old value = 1\\s+New value = 2");
            assertThat(out).contains("Hardware read watchpoint 2: *(int*)" + gCalls).contains("Value = 2");
            // Stopped after the store, inside fib, before the instruction that follows it.
            Matcher pc = Pattern.compile("\\$1 = 0x([0-9a-f]+)").matcher(out);
            assertThat(pc.find()).as(out).isTrue();
            int offset = (int) (Long.parseUnsignedLong(pc.group(1), 16) - 0x4000000000000000L);
            ModuleImage image = Programs.image("fib");
            assertThat(image.functionAt(offset).orElseThrow().name()).isEqualTo("fib");
            assertThat(image.instructionAtOrAfter(offset).getAsInt()).isEqualTo(offset);
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @Test
    void dumpOfTheTenMegabyteModuleIsIdenticalToTheFileThenKill() throws Exception {
        byte[] big = Fixtures.bytes("big");
        assertThat(big.length).isGreaterThan(10_000_000);
        try (Stub stub = Stub.start(Stub.fixture("big"))) {
            ClientRun gdb = Gdb.run(stub, "dump binary memory big.bin 0x4000000000000000 "
                    + Programs.hex(0x4000000000000000L + big.length), "kill");
            assertThat(gdb.exitCode()).as(gdb.output()).isZero();
            assertThat(Files.readAllBytes(gdb.directory().resolve("big.bin"))).isEqualTo(big);
            assertThat(gdb.output()).contains("[Inferior 1 (Remote target) killed]");
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }

    @Test
    void ctrlCInterruptsTheEndlessLoop() throws Exception {
        ModuleImage image = Programs.image("spin");
        try (Stub stub = Stub.start(Stub.fixture("spin"))) {
            Gdb.Session gdb = Gdb.start(stub, "continue", "p/x $pc", "kill");
            // GDB's own output is block-buffered in a pipe; the guest's first line shows that it runs.
            stub.awaitStdout("spinning");
            Processes.interrupt(gdb.process());
            ClientRun run = gdb.finish();

            String out = run.output();
            assertThat(out).contains("Program received signal SIGINT, Interrupt.");
            Matcher pc = Pattern.compile("\\$1 = 0x([0-9a-f]+)").matcher(out);
            assertThat(pc.find()).as(out).isTrue();
            int offset = (int) (Long.parseUnsignedLong(pc.group(1), 16) - 0x4000000000000000L);
            assertThat(image.functionAt(offset).orElseThrow().name()).isEqualTo(Programs.MAIN);
            assertThat(out).contains("[Inferior 1 (Remote target) killed]");
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }
}
