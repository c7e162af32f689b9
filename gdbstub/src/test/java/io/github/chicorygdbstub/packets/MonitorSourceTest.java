package io.github.chicorygdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.testing.DebugConnection;
import io.github.chicorygdbstub.testing.DebugConnection.Transport;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The monitor on a C program with DWARF: source lines in backtraces, and {@code line FILE:LINE}. */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class MonitorSourceTest {
    @Parameter
    private Transport transport;

    private DebugConnection gdb;
    private ModuleImage image;

    @BeforeEach
    void stopAtEntry() throws Exception {
        // The server may read the fixtures' sources (for 'list'), and nothing else.
        gdb = transport.stoppedAtEntry("fib", ServerOptions.loopback().withProfile(ClientProfile.GDB)
                .withSourceDirectories(List.of(Fixtures.source("fib.c").getParent())));
        image = gdb.debuggee().module(0);
    }

    @AfterEach
    void close() throws Exception {
        gdb.close();
    }

    @Test
    void aLinesAddressIsABreakpointThatStopsThereAndTheBacktraceNamesTheLines() throws Exception {
        int baseCase = Fixtures.line("fib.c", "fib-base");
        FunctionRange fib = image.functions().stream().filter(f -> f.name().equals("fib")).findFirst().orElseThrow();

        String lines = gdb.monitor("line fib.c:" + baseCase);
        Matcher first = Pattern.compile("^0x(4000000000000[0-9a-f]{3}) fib\\.wasm`fib \\+ (\\d+) at fib\\.c:" + baseCase
                + ":\\d+\n").matcher(lines);
        assertThat(first.find()).as(lines).isTrue();
        int offset = (int) (Long.parseLong(first.group(1), 16) - 0x4000000000000000L);
        assertThat(fib.contains(offset)).isTrue();
        assertThat(image.isInstructionStart(offset)).isTrue();
        assertThat(Integer.parseInt(first.group(2))).isEqualTo(offset - fib.bodyStart());

        assertThat(gdb.ask("Z1," + first.group(1) + ",1")).isEqualTo("OK");
        assertThat(gdb.ask("c")).startsWith("T05");
        String backtrace = gdb.monitor("bt");
        assertThat(backtrace).startsWith("#0   0x" + first.group(1) + " fib.wasm`fib + " + first.group(2)
                + " at fib.c:" + baseCase + ":");
        // The outer frames show the line of their call, not of the return address.
        assertThat(backtrace).contains("fib.wasm`fib + ").containsPattern("#1 .* at fib\\.c:"
                + Fixtures.line("fib.c", "fib-rec-call") + ":\\d+\n");
        assertThat(backtrace).containsPattern("fib\\.wasm`__original_main \\+ \\d+ at fib\\.c:"
                + Fixtures.line("fib.c", "fib-main-call") + ":\\d+\n");
        assertThat(backtrace).as("wasi-libc's frames name their own sources").containsPattern("_start \\+ \\d+ at \\S+\\.c:");

        // The C variables of fib(1) and of its caller fib(2), which neither client can show.
        assertThat(gdb.monitor("vars")).isEqualTo("frame #0 " + backtrace.lines().findFirst().orElseThrow().substring(5)
                + "\n  (int) n = 1\n  (int) local_n = 1\n");
        assertThat(gdb.monitor("v 1")).contains("  (int) n = 2\n  (int) local_n = 2\n");
        // bt full: each frame's line, then its C variables, as GDB's own 'bt full'.
        String full = gdb.monitor("bt full 2");
        List<String> frameLines = backtrace.lines().toList();
        int wasmFrames = (int) gdb.debuggee().frames().stream().filter(f -> !f.host()).count();
        assertThat(frameLines).hasSize(wasmFrames);
        assertThat(full).isEqualTo(frameLines.get(0) + "\n        (int) n = 1\n        (int) local_n = 1\n"
                + frameLines.get(1) + "\n        (int) n = 2\n        (int) local_n = 2\n"
                + String.format("(%d more frames; 'backtrace %d' shows them all)%n", wasmFrames - 2, wasmFrames));
        assertThat(gdb.monitor("bt full")).contains("        no C variables\n"); // wasi-libc's _start wrapper has none
        assertThat(gdb.monitor("vars 99")).startsWith("no frame 99: the stack has ");
        assertThat(gdb.monitor("vars x")).startsWith("usage: vars [N]");
        assertThat(gdb.monitor("print local_n")).isEqualTo("(int) local_n = 1\n");
        assertThat(gdb.monitor("p n 1")).isEqualTo("(int) n = 2\n");
        assertThat(gdb.monitor("print g_calls")).isEqualTo("(int) g_calls = 10\n");
        assertThat(gdb.monitor("print nosuch")).isEqualTo("nosuch: no such variable in scope in frame 0 or among its module's globals\n");
        assertThat(gdb.monitor("print")).startsWith("usage: print EXPRESSION [N]");
        // C expressions over one variable; a last word that is a number is the frame.
        assertThat(gdb.monitor("print g_table[3] 1")).isEqualTo("(int) g_table[3] = 0\n");
        assertThat(gdb.monitor("p *g_table")).isEqualTo("(int) *g_table = 0\n");
        assertThat(gdb.monitor("print &g_calls")).matches("\\(int \\*\\) &g_calls = 0x[0-9a-f]{8}\n");
        assertThat(gdb.monitor("print *n")).isEqualTo("*n: int is not a pointer\n");
        assertThat(gdb.monitor("print n x")).isEqualTo("unexpected 'x' at column 3 of 'n x'\n");
        assertThat(gdb.monitor("print " + "(".repeat(5000) + "n" + ")".repeat(5000)))
                .isEqualTo("nesting deeper than 64 at column 65 of '" + "(".repeat(77) + "...'\n");
        assertThat(gdb.monitor("print nosuch->next 2")).isEqualTo(
                "nosuch->next: no such variable in scope in frame 2 or among its module's globals\n");
    }

    @Test
    void listShowsTheSourceAroundAFramesLineFromTheCompilationDirectory() throws Exception {
        int baseCase = Fixtures.line("fib.c", "fib-base");
        List<String> source = Files.readAllLines(Fixtures.source("fib.c"));
        String address = gdb.monitor("line fib.c:" + baseCase).substring(2, 18);
        assertThat(gdb.ask("Z1," + address + ",1")).isEqualTo("OK");
        assertThat(gdb.ask("c")).startsWith("T05");

        String listing = gdb.monitor("list");
        assertThat(listing.lines().findFirst().orElseThrow()).as("no host path").isEqualTo("fib.c:" + baseCase);
        assertThat(listing).contains(listed("=>", baseCase, source)).contains(listed("  ", baseCase - 1, source))
                .contains(listed("  ", baseCase + 5, source));
        assertThat(listing.lines().count()).isEqualTo(1 + 11);
        // Frame 1 is at its call of fib; a FILE:LINE marks nothing.
        assertThat(gdb.monitor("l 1")).contains(String.format("=>%5d  ", Fixtures.line("fib.c", "fib-rec-call")));
        String top = gdb.monitor("list fib.c:1");
        assertThat(top).startsWith("fib.c:1\n").doesNotContain("=>").contains(listed("  ", 1, source));
        assertThat(top.lines().count()).isEqualTo(1 + 6);
        // wasi-libc's sources are not under the source directory.
        String libcFile = image.lineTable().paths().stream().filter(p -> !p.endsWith("fib.c")).findFirst().orElseThrow();
        assertThat(gdb.monitor("list " + libcFile + ":1"))
                .isEqualTo(libcFile + ":1: not found under the server's source directories\n");
        assertThat(gdb.monitor("list fib.c:100000")).isEqualTo("fib.c has no line 100000\n");
        assertThat(gdb.monitor("list nosuch.c:3")).isEqualTo("no line table names nosuch.c\n");
        assertThat(gdb.monitor("list fib.c:x")).startsWith("usage: list [N] or list FILE:LINE");
        assertThat(gdb.monitor("list 99")).startsWith("no frame 99: the stack has ");
    }

    @Test
    void withoutSourceDirectoriesTheServerReadsNoSourceFile() throws Exception {
        try (DebugConnection plain = transport.stoppedAtEntry("fib", ClientProfile.GDB)) {
            assertThat(plain.monitor("list fib.c:10")).isEqualTo(
                    "source listings are off: start the server with --source-dir DIR to let it read the sources under DIR\n");
            assertThat(plain.monitor("list")).startsWith("source listings are off").doesNotContain("/");
        }
    }

    /** A line as {@code list} shows it: a marker, the number, the text without trailing blanks. */
    private static String listed(String marker, int number, List<String> source) {
        return String.format("%s%5d  %s", marker, number, source.get(number - 1)).stripTrailing() + "\n";
    }

    @Test
    void badOrUnknownLinesGetAnswersNotErrors() throws Exception {
        assertThat(gdb.monitor("line")).startsWith("usage: line FILE:LINE");
        assertThat(gdb.monitor("line fib.c")).startsWith("usage: line FILE:LINE");
        assertThat(gdb.monitor("line fib.c:x")).startsWith("usage: line FILE:LINE");
        assertThat(gdb.monitor("line :3")).startsWith("usage: line FILE:LINE");
        assertThat(gdb.monitor("line fib.c:0")).startsWith("usage: line FILE:LINE");
        assertThat(gdb.monitor("line nosuch.c:3")).isEqualTo("no code for nosuch.c:3 in any module (a line without a statement has none)\n");
        assertThat(gdb.monitor("line fib.c:1")).startsWith("no code for fib.c:1");
        assertThat(gdb.ask("qC")).isEqualTo("QC1");
    }

}
