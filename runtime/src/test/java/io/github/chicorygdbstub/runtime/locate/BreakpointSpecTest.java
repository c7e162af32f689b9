package io.github.chicorygdbstub.runtime.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.TestModules;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BreakpointSpecTest {
    private static final ModuleImage FIB = TestModules.load("fib");

    @Test
    void eachWrittenFormIsReadAsItsKind() {
        assertThat(BreakpointSpec.parse("process")).isEqualTo(new BreakpointSpec.FunctionName("process"));
        assertThat(BreakpointSpec.parse("  plugin.c:12 ")).isEqualTo(new BreakpointSpec.SourceLine("plugin.c", 12));
        assertThat(BreakpointSpec.parse("src/plugin.c:012")).isEqualTo(new BreakpointSpec.SourceLine("src/plugin.c", 12));
        assertThat(BreakpointSpec.parse("0x1a3")).isEqualTo(new BreakpointSpec.ModuleOffset(0x1a3));
        assertThat(BreakpointSpec.parse("0X1A3")).isEqualTo(new BreakpointSpec.ModuleOffset(0x1a3));
        assertThat(BreakpointSpec.parse("0x0000007fffffff")).isEqualTo(new BreakpointSpec.ModuleOffset(Integer.MAX_VALUE));
        assertThat(BreakpointSpec.parse("_start.command_export"))
                .isEqualTo(new BreakpointSpec.FunctionName("_start.command_export"));
        assertThat(BreakpointSpec.parse("func[12]")).isEqualTo(new BreakpointSpec.FunctionName("func[12]"));
    }

    @Test
    void qualifiedNamesAndDrivePathsKeepTheirColons() {
        assertThat(BreakpointSpec.parse("plugin::process")).isEqualTo(new BreakpointSpec.FunctionName("plugin::process"));
        assertThat(BreakpointSpec.parse("ns::Type::run")).isEqualTo(new BreakpointSpec.FunctionName("ns::Type::run"));
        assertThat(BreakpointSpec.parse("C:\\src\\plugin.c:7")).isEqualTo(new BreakpointSpec.SourceLine("C:\\src\\plugin.c", 7));
        assertThat(BreakpointSpec.parse("/src/my dir/plugin.c:7"))
                .isEqualTo(new BreakpointSpec.SourceLine("/src/my dir/plugin.c", 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "plugin.c:12", "0x1a3", "plugin::process", "C:\\src\\a.c:7", "0x0"})
    void aSpecWritesTheFormItIsReadFrom(String text) {
        BreakpointSpec spec = BreakpointSpec.parse(text);

        assertThat(spec.toString()).isEqualTo(text);
        assertThat(BreakpointSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty breakpoint location",
        "'   '|empty breakpoint location",
        "0x|hexadecimal digits",
        "0xfg|hexadecimal digits",
        "0x1a 3|hexadecimal digits",
        "0x80000000|0x7fffffff",
        "0x123456789abc|0x7fffffff",
        "12|ambiguous",
        "plugin.c:|must be a decimal number",
        "plugin.c:twelve|must be a decimal number",
        "plugin.c:-3|must be a decimal number",
        ":12|names no file",
        "plugin.c:0|out of range",
        "plugin.c:99999999999|out of range",
        "plugin.c:12:5|columns are not supported",
    })
    void aMalformedSpecIsRefusedWithAMessageThatQuotesIt(String text, String reason) {
        assertThatThrownBy(() -> BreakpointSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    if (!text.isBlank()) {
                        assertThat(e.getMessage()).contains("'" + text.strip() + "'");
                    }
                });
    }

    @Test
    void aBareNumberSaysHowToWriteEitherMeaning() {
        assertThatThrownBy(() -> BreakpointSpec.parse("12"))
                .hasMessageContaining("FILE:12").hasMessageContaining("0x12");
    }

    @Test
    void specsBuiltInCodeAreCheckedLikeParsedOnes() {
        assertThatThrownBy(() -> new BreakpointSpec.FunctionName(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BreakpointSpec.SourceLine("", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BreakpointSpec.SourceLine("a.c", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BreakpointSpec.ModuleOffset(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BreakpointSpec.parse(null)).isInstanceOf(NullPointerException.class);
        // A name with one colon cannot be typed, but can be built.
        assertThat(new BreakpointSpec.FunctionName("odd:name").name()).isEqualTo("odd:name");
    }

    @Test
    void eachKindResolvesAsTheLocatorDoes() {
        int base = Fixtures.line("fib.c", "fib-base");
        int first = TestModules.function(FIB, "fib").firstInstruction();

        assertThat(BreakpointSpec.parse("fib").resolve(FIB)).isEqualTo(CodeLocator.functionEntry(FIB, "fib")).isNotEmpty();
        assertThat(BreakpointSpec.parse("fib.c:" + base).resolve(FIB))
                .isEqualTo(CodeLocator.sourceLine(FIB, "fib.c", base)).isNotEmpty();
        assertThat(BreakpointSpec.parse("0x" + Integer.toHexString(first)).resolve(FIB))
                .isEqualTo(CodeLocator.functionEntry(FIB, "fib"));
        assertThat(BreakpointSpec.parse("0x0").resolve(FIB)).as("the module header").isEmpty();
        assertThat(BreakpointSpec.parse("0x0").suggestions(FIB)).isEmpty();
        assertThat(BreakpointSpec.parse("fib.c:" + base).suggestions(FIB)).as("it resolves").isEmpty();
    }
}
