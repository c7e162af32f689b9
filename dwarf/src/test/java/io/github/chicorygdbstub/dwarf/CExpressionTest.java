package io.github.chicorygdbstub.dwarf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.dwarf.CExpression.Dereference;
import io.github.chicorygdbstub.dwarf.CExpression.Element;
import io.github.chicorygdbstub.dwarf.CExpression.Member;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CExpressionTest {
    @Test
    void aNameAloneHasNoSteps() {
        assertThat(CExpression.parse("g_calls")).isEqualTo(new CExpression(false, "g_calls", List.of()));
        assertThat(CExpression.parse("  _x9 ")).isEqualTo(new CExpression(false, "_x9", List.of()));
    }

    @Test
    void postfixStepsApplyLeftToRight() {
        assertThat(CExpression.parse("path->from.x").steps())
                .containsExactly(new Member("from", true), new Member("x", false));
        assertThat(CExpression.parse("grid[1][0x2]").steps()).containsExactly(new Element(1), new Element(2));
        assertThat(CExpression.parse("a[010][0][0XfF]").steps()).as("octal and hex, as in C")
                .containsExactly(new Element(8), new Element(0), new Element(255));
        assertThat(CExpression.parse("p [ -1 ]").steps()).containsExactly(new Element(-1));
    }

    @Test
    void aDereferenceAppliesAfterThePostfixStepsItPrecedes() {
        // *p->next is *(p->next); (*p).next dereferences first.
        assertThat(CExpression.parse("*p->next").steps()).containsExactly(new Member("next", true), new Dereference());
        assertThat(CExpression.parse("(*p).next").steps()).containsExactly(new Dereference(), new Member("next", false));
        assertThat(CExpression.parse("**argv").steps()).containsExactly(new Dereference(), new Dereference());
    }

    @Test
    void anAddressOfStandsInFrontOfItAll() {
        CExpression expression = CExpression.parse("&grid[1]");
        assertThat(expression.addressOf()).isTrue();
        assertThat(expression.variable()).isEqualTo("grid");
        assertThat(expression.steps()).containsExactly(new Element(1));
    }

    @Test
    void nestingIsBoundedInsteadOfOverflowingTheStack() {
        String deep = "(".repeat(5000) + "p" + ")".repeat(5000);
        assertThatThrownBy(() -> CExpression.parse(deep)).hasMessage("nesting deeper than 64 at column 65 of '" + "(".repeat(77) + "...'");
        assertThatThrownBy(() -> CExpression.parse("*".repeat(5000) + "p")).hasMessageStartingWith("nesting deeper than 64");
        assertThat(CExpression.parse("(".repeat(30) + "*".repeat(30) + "p" + ")".repeat(30)).steps()).hasSize(30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''              | expected a variable name at column 1",
        "1abc            | expected a variable name at column 1",
        "p->             | expected a member name after '->' at column 4",
        "p.              | expected a member name after '.' at column 3",
        "a[              | expected an index at column 3",
        "a[x]            | expected an index at column 3",
        "a[1             | expected ']' at column 4",
        "(p              | expected ')' at column 3",
        "a b             | unexpected 'b' at column 3",
        "a + 1           | unexpected '+' at column 3",
        "&&a             | expected a variable name at column 2",
        "a[99999999999]  | index out of range at column 3",
        "a[99999999999999999999] | index out of range at column 3",
        "a[08]           | not a base-8 number at column 3",
        "a[12ab]         | not a base-10 number at column 3",
        "a[0x]           | expected an index at column 3",
        "a[\u0662]       | expected an index at column 3",
        "caf\u00e9       | unexpected '\u00e9' at column 4",
    })
    void anythingElseIsRefusedWithTheColumnWhereItStops(String text, String message) {
        assertThatThrownBy(() -> CExpression.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
