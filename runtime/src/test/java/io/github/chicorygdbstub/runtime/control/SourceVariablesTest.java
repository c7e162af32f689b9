package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C variables of a stopped frame, read through clang's DWARF, as {@code (type) name = value}. */
@Timeout(60)
class SourceVariablesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Debuggee> started = new ArrayList<>();

    @AfterEach
    void close() {
        started.forEach(Debuggee::close);
    }

    /** A debuggee stopped at the first statement of a marked line of {@code file}. */
    private Debuggee stoppedAt(String fixture, String file, String marker) throws Exception {
        ModuleImage image = load(fixture);
        Debuggee debuggee = Debuggee.builder(image).withWasiOptions(WasiOptions.builder().build()).build();
        started.add(debuggee);
        debuggee.start();
        debuggee.awaitStop(WAIT);
        int line = Fixtures.line(file, marker);
        debuggee.setBreakpoint(0, image.lineTable().offsetsOf(file, line).get(0));
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.BREAKPOINT);
        return debuggee;
    }

    /** A debuggee stopped at the first instruction of {@code function}. */
    private Debuggee stoppedAtEntryOf(String fixture, String function) throws Exception {
        ModuleImage image = load(fixture);
        Debuggee debuggee = Debuggee.builder(image).withWasiOptions(WasiOptions.builder().build()).build();
        started.add(debuggee);
        debuggee.start();
        debuggee.awaitStop(WAIT);
        debuggee.setBreakpoint(0, image.functions().stream().filter(f -> f.name().equals(function)).findFirst()
                .orElseThrow().firstInstruction());
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.BREAKPOINT);
        return debuggee;
    }

    @Test
    void everyKindOfCTypeIsShownWithItsValue() throws Exception {
        Debuggee debuggee = stoppedAt("types", "types.c", "types-stop");

        List<String> variables = debuggee.sourceVariables(debuggee.frames().get(0));

        assertThat(variables).contains(
                "(int) negative = -42",
                "(unsigned char) byte = 200 '\\xc8'",
                "(char) letter = 65 'A'",
                "(_Bool) flag = true",
                "(float) ratio = 0.5",
                "(double) precise = 2.25",
                "(long long) big = 1099511627776",
                "(counter_t) count = 7",
                "(enum color) color = GREEN",
                "(struct point) point = {x = 3, y = -4, tag = 112 'p'}",
                "(union number) number = {i = 1065353216, f = 1.0}",
                "(int[5]) values = {1, 2, 3, 4, 5}",
                "(char[8]) word = \"hi\"",
                "(int *) nowhere = 0x00000000",
                "(int[2][3]) grid = {{1, 2, 3}, {4, 5, 6}}",
                "(struct flags) bits = {low = 5, high = -3}");
        // Declarators: a qualified pointer, a pointer to an array, a function pointer.
        assertThat(variables).anySatisfy(v -> assertThat(v).matches("\\(int \\(\\*\\)\\[3\\]\\) row = 0x[0-9a-f]{8}"));
        assertThat(variables).anySatisfy(v -> assertThat(v).matches("\\(char \\*const\\) fixed = 0x[0-9a-f]{8} \"hi\""));
        assertThat(variables).anySatisfy(v -> assertThat(v).matches("\\(const char \\*const\\) label = 0x[0-9a-f]{8} \"hello\""));
        assertThat(variables).anySatisfy(v -> assertThat(v).matches("\\(int \\(\\*\\)\\(int\\)\\) operation = 0x[0-9a-f]{8}"));
        assertThat(variables).anySatisfy(v -> assertThat(v).matches("\\(const char \\*\\) text = 0x[0-9a-f]{8} \"hello\""));
        assertThat(variables).anySatisfy(v -> assertThat(v).matches("\\(struct line\\) line = \\{from = \\{x = 1, y = 2, "
                + "tag = 97 'a'\\}, to = \\{x = 3, y = 4, tag = 98 'b'\\}, label = 0x[0-9a-f]{8} \"diagonal\"\\}"));
        assertThat(variables.get(0)).as("declaration order").startsWith("(int) negative");
    }

    @Test
    void expressionsReachMembersElementsAndWhatPointersPointTo() throws Exception {
        Debuggee debuggee = stoppedAt("types", "types.c", "types-stop");
        var frame = debuggee.frames().get(0);

        assertThat(debuggee.sourceVariable(frame, "point.x")).contains("(int) point.x = 3");
        assertThat(debuggee.sourceVariable(frame, "point.tag")).contains("(char) point.tag = 112 'p'");
        assertThat(debuggee.sourceVariable(frame, "line.from.y")).contains("(short) line.from.y = 2");
        assertThat(debuggee.sourceVariable(frame, "where->y")).contains("(short) where->y = -4");
        assertThat(debuggee.sourceVariable(frame, "(*where).x")).contains("(int) (*where).x = 3");
        assertThat(debuggee.sourceVariable(frame, "path->to")).contains("(struct point) path->to = {x = 3, y = 4, tag = 98 'b'}");
        assertThat(debuggee.sourceVariable(frame, "*path->label")).contains("(const char) *path->label = 100 'd'");
        assertThat(debuggee.sourceVariable(frame, "values[2]")).contains("(int) values[2] = 3");
        assertThat(debuggee.sourceVariable(frame, "*values")).contains("(int) *values = 1");
        assertThat(debuggee.sourceVariable(frame, "grid[1]")).contains("(int[3]) grid[1] = {4, 5, 6}");
        assertThat(debuggee.sourceVariable(frame, "grid[1][2]")).contains("(int) grid[1][2] = 6");
        assertThat(debuggee.sourceVariable(frame, "row[1][0]")).contains("(int) row[1][0] = 4");
        assertThat(debuggee.sourceVariable(frame, "*row")).contains("(int[3]) *row = {1, 2, 3}");
        assertThat(debuggee.sourceVariable(frame, "text[1]")).contains("(const char) text[1] = 101 'e'");
        assertThat(debuggee.sourceVariable(frame, "bits.high")).contains("(int) bits.high = -3");
        assertThat(debuggee.sourceVariable(frame, "bits.low")).contains("(unsigned int) bits.low = 5");
        assertThat(debuggee.sourceVariable(frame, "number.f")).contains("(float) number.f = 1.0");
        assertThat(debuggee.sourceVariable(frame, "word[1]")).contains("(char) word[1] = 105 'i'");
        assertThat(debuggee.sourceVariable(frame, "values[04]")).as("octal, as in C").contains("(int) values[04] = 5");
        // A member of an anonymous union, and one of a struct known only by its typedef.
        assertThat(debuggee.sourceVariable(frame, "tagged.i")).contains("(int) tagged.i = 7");
        assertThat(debuggee.sourceVariable(frame, "pair.b")).contains("(short) pair.b = 10");
    }

    @Test
    void anAddressIsWhereThePointerToItPoints() throws Exception {
        Debuggee debuggee = stoppedAt("types", "types.c", "types-stop");
        var frame = debuggee.frames().get(0);

        String where = debuggee.sourceVariable(frame, "where").orElseThrow();
        String address = where.substring(where.indexOf("0x"));
        assertThat(debuggee.sourceVariable(frame, "&point")).contains("(struct point *) &point = " + address);
        assertThat(debuggee.sourceVariable(frame, "&where->y")).contains(String.format(
                "(short *) &where->y = 0x%08x", Long.parseLong(address.substring(2), 16) + 4));
        String grid = debuggee.sourceVariable(frame, "&grid").orElseThrow();
        assertThat(grid).matches("\\(int \\(\\*\\)\\[2\\]\\[3\\]\\) &grid = 0x[0-9a-f]{8}");
        long gridAddress = Long.parseLong(grid.substring(grid.indexOf("0x") + 2), 16);
        assertThat(debuggee.sourceVariable(frame, "&grid[1]"))
                .contains(String.format("(int (*)[3]) &grid[1] = 0x%08x", gridAddress + 12));
        // Addresses wrap at 32 bits, as the guest's own pointer arithmetic does.
        assertThat(debuggee.sourceVariable(frame, "&grid[-1000000000]")).contains(String.format(
                "(int (*)[3]) &grid[-1000000000] = 0x%08x", (gridAddress - 12_000_000_000L) & 0xffff_ffffL));
    }

    @Test
    void anExpressionThatCannotBeEvaluatedSaysWhy() throws Exception {
        Debuggee debuggee = stoppedAt("types", "types.c", "types-stop");
        var frame = debuggee.frames().get(0);

        assertThat(debuggee.sourceVariable(frame, "point.z")).contains("point.z: no member named 'z' in struct point");
        assertThat(debuggee.sourceVariable(frame, "negative.x")).contains("negative.x: int has no members");
        assertThat(debuggee.sourceVariable(frame, "negative[0]")).contains("negative[0]: int is neither an array nor a pointer");
        assertThat(debuggee.sourceVariable(frame, "*negative")).contains("*negative: int is not a pointer");
        assertThat(debuggee.sourceVariable(frame, "*nowhere")).contains("*nowhere: the pointer is null");
        assertThat(debuggee.sourceVariable(frame, "nowhere[2]")).contains("nowhere[2]: the pointer is null");
        assertThat(debuggee.sourceVariable(frame, "text[4000000000]"))
                .hasValueSatisfying(v -> assertThat(v).matches("text\\[4000000000\\]: memory at 0x[0-9a-f]{8} is not readable"));
        assertThat(debuggee.sourceVariable(frame, "operation[1]"))
                .contains("operation[1]: the size of what int (*)(int) points to is unknown");
        assertThat(debuggee.sourceVariable(frame, "pair.z")).contains("pair.z: no member named 'z' in pair_t");
        assertThat(debuggee.sourceVariable(frame, "caf\u00e9")).contains("unexpected '\u00e9' at column 4 of 'caf\u00e9'");
        assertThat(debuggee.sourceVariable(frame, "values[")).contains("expected an index at column 8 of 'values['");
        assertThat(debuggee.sourceVariable(frame, "nosuch.x")).isEmpty();
        // Nothing was changed by looking: the whole struct still reads as before.
        assertThat(debuggee.sourceVariable(frame, "point")).contains("(struct point) point = {x = 3, y = -4, tag = 112 'p'}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fib", "fib_dwarf5"})
    void parametersAndLocalsOfEachFrameOfARecursion(String fixture) throws Exception {
        Debuggee debuggee = stoppedAt(fixture, "fib.c", "fib-base");

        // fib(10) calls fib(9) ... fib(2) calls fib(1), the first base case.
        assertThat(debuggee.sourceVariables(debuggee.frames().get(0))).containsExactly("(int) n = 1", "(int) local_n = 1");
        assertThat(debuggee.sourceVariables(debuggee.frames().get(1))).containsExactly("(int) n = 2", "(int) local_n = 2");
        assertThat(debuggee.sourceVariables(debuggee.frames().get(9))).containsExactly("(int) n = 10", "(int) local_n = 10");
        // One by name: in scope first, else a file-scope global (ten calls of fib so far).
        assertThat(debuggee.sourceVariable(debuggee.frames().get(0), "local_n")).contains("(int) local_n = 1");
        assertThat(debuggee.sourceVariable(debuggee.frames().get(9), "n")).contains("(int) n = 10");
        assertThat(debuggee.sourceVariable(debuggee.frames().get(0), "g_calls")).contains("(int) g_calls = 10");
        assertThat(debuggee.sourceVariable(debuggee.frames().get(0), "g_table"))
                .contains("(int[8]) g_table = {0, 0, 0, 0, 0, 0, 0, 0}");
        assertThat(debuggee.sourceVariable(debuggee.frames().get(0), "nosuch")).isEmpty();
        // main, at its call of fib(10): result; the loop's i is in a block that does not hold the call.
        assertThat(debuggee.sourceVariables(debuggee.frames().get(10))).hasSize(1).first().asString()
                .startsWith("(int) result = ");
    }

    @Test
    void randomExpressionsOverEveryVariableAreAnsweredWithoutAnInternalError() throws Exception {
        Debuggee debuggee = stoppedAt("types", "types.c", "types-stop");
        var frame = debuggee.frames().get(0);
        List<String> names = List.of("negative", "byte", "letter", "flag", "ratio", "point", "number", "values", "word",
                "text", "line", "nowhere", "grid", "row", "fixed", "label", "operation", "bits", "where", "path", "tagged",
                "pair", "count", "color", "big", "nosuch");
        List<String> members = List.of("x", "y", "tag", "from", "to", "label", "i", "f", "low", "high", "kind", "a", "b", "z");
        var random = new java.util.Random(20261201);
        for (int round = 0; round < 2000; round++) {
            var expression = new StringBuilder(names.get(random.nextInt(names.size())));
            for (int step = random.nextInt(4); step > 0; step--) {
                switch (random.nextInt(4)) {
                    case 0 -> expression.append('.').append(members.get(random.nextInt(members.size())));
                    case 1 -> expression.append("->").append(members.get(random.nextInt(members.size())));
                    case 2 -> expression.append('[').append(random.nextInt(7) - 1).append(']');
                    default -> expression.insert(0, "*(").append(')');
                }
            }
            if (random.nextInt(5) == 0) {
                expression.insert(0, '&');
            }
            String text = expression.toString();
            var answer = debuggee.sourceVariable(frame, text);
            if (text.contains("nosuch")) {
                assertThat(answer).as(text).isEmpty();
            } else {
                assertThat(answer).as(text).hasValueSatisfying(line -> assertThat(line).as(text)
                        .doesNotContain("unreadable", "Exception").matches("\\(.+\\) .+ = .+|.+: .+"));
            }
        }
    }

    @Test
    void aVariableLengthArrayIsSizedByTheVariableHoldingItsCount() throws Exception {
        Debuggee debuggee = stoppedAt("types", "types.c", "types-vla");
        var frame = debuggee.frames().get(0);

        List<String> variables = debuggee.sourceVariables(frame);

        assertThat(variables).hasSize(3);
        assertThat(variables.get(0)).isEqualTo("(int) n = 2");
        assertThat(variables.get(1)).isEqualTo("(unsigned int) __vla_expr0 = 2");
        // vla[1] was never written: whatever the stack held there.
        assertThat(variables.get(2)).matches("\\(int\\[2\\]\\) vla = \\{2, -?\\d+\\}");
        assertThat(debuggee.sourceVariable(frame, "vla[0]")).contains("(int) vla[0] = 2");
        assertThat(debuggee.sourceVariable(frame, "&vla")).hasValueSatisfying(v -> assertThat(v).matches(
                "\\(int \\(\\*\\)\\[2\\]\\) &vla = 0x[0-9a-f]{8}"));
    }

    @Test
    void locationListsOfOptimizedCodeAreFollowedToTheInstruction() throws Exception {
        // wasi-libc is optimized: at printf_core's entry its parameters are in Wasm locals, its
        // other variables not yet anywhere. vfprintf calls it first with no FILE, to check the format.
        Debuggee debuggee = stoppedAtEntryOf("fib", "printf_core");

        List<String> variables = debuggee.sourceVariables(debuggee.frames().get(0));

        assertThat(variables).contains("(FILE *) f = 0x00000000");
        // fmt lives in a Wasm local: what it points to can be read, it has no address of its own.
        var frame = debuggee.frames().get(0);
        assertThat(debuggee.sourceVariable(frame, "*fmt")).contains("(const char) *fmt = 102 'f'");
        assertThat(debuggee.sourceVariable(frame, "fmt[3]")).contains("(const char) fmt[3] = 40 '('");
        assertThat(debuggee.sourceVariable(frame, "&fmt")).contains("&fmt: it is not in memory, so it has no address");
        assertThat(debuggee.sourceVariable(frame, "cnt.x")).contains("cnt.x: cnt is <optimized out>");
        assertThat(variables).anySatisfy(v -> assertThat(v).matches(
                "\\(const char \\*\\) fmt = 0x[0-9a-f]{8} \"fib\\(10\\)=%d calls=%d\\\\n\""));
        assertThat(variables).contains("(int) cnt = <optimized out>");
        assertThat(variables).noneMatch(v -> v.contains("not supported") || v.contains("malformed") || v.contains("unreadable"));
    }

    @Test
    void aStructThatOptimizedCodeKeepsInPiecesIsPutBackTogetherAsFarAsItIsThere() throws Exception {
        // walk(4) (no arguments: argc is 0) keeps p.x and p.y in Wasm locals of their own, and
        // its location list says which of them hold p at each instruction.
        Debuggee debuggee = stoppedAtEntryOf("optimized", "walk");
        var walk = debuggee.module(0).functions().stream().filter(f -> f.name().equals("walk")).findFirst().orElseThrow();
        debuggee.clearBreakpoints();

        // Each instruction of walk up to its first call of step, and of its loop's first round.
        var shown = new java.util.LinkedHashSet<String>();
        var members = new java.util.LinkedHashSet<String>();
        for (int step = 0; step < 80 && walk.contains(debuggee.frames().get(0).pc()); step++) {
            var frame = debuggee.frames().get(0);
            debuggee.sourceVariable(frame, "p").ifPresent(shown::add);
            if (shown.contains("(struct pair) p = {x = 4, y = 8}")) {
                debuggee.sourceVariable(frame, "p.y").ifPresent(members::add);
                debuggee.sourceVariable(frame, "&p").ifPresent(members::add);
            }
            debuggee.resume(ResumeMode.STEP);
            debuggee.awaitStop(WAIT);
        }

        assertThat(shown).contains("(struct pair) p = {x = 4, y = <optimized out>}", "(struct pair) p = {x = 4, y = 8}",
                "(struct pair) p = {x = <optimized out>, y = 8}");
        assertThat(members).contains("(int) p.y = 8", "&p: it is not in memory, so it has no address");
    }

    @Test
    void aModuleWithoutDwarfHasNoSourceVariables() throws Exception {
        Debuggee debuggee = Debuggee.builder(load("loop_wat")).withWasiOptions(WasiOptions.builder().build()).build();
        started.add(debuggee);
        debuggee.start();
        debuggee.awaitStop(WAIT);

        assertThat(debuggee.sourceVariables(debuggee.frames().get(0))).isEmpty();
        assertThat(debuggee.module(0).debugInfo().isEmpty()).isTrue();
    }
}
