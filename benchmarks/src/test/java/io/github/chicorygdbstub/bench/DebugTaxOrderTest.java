package io.github.chicorygdbstub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebugTaxOrderTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 6, 8})
    void everyRowRunsEveryArmOnceAndEveryArmFollowsEachOtherOnceOverAllRows(int arms) {
        Set<List<Integer>> successions = new HashSet<>();
        for (int row = 0; row < arms; row++) {
            int[] order = DebugTax.williamsRow(row, arms);
            assertThat(order).containsExactlyInAnyOrder(IntStream.range(0, arms).toArray());
            for (int position = 1; position < arms; position++) {
                assertThat(successions.add(List.of(order[position - 1], order[position])))
                        .as("row %d repeats %d then %d", row, order[position - 1], order[position]).isTrue();
            }
        }
        assertThat(successions).hasSize(arms * (arms - 1));
    }

    @Test
    void rowsRepeatWithThePeriodOfTheArmCount() {
        assertThat(DebugTax.williamsRow(-1, 6)).containsExactly(DebugTax.williamsRow(5, 6));
        assertThat(DebugTax.williamsRow(0, 4)).containsExactly(0, 1, 3, 2);
    }
}
