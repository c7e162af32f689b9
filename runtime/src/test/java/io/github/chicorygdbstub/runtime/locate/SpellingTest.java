package io.github.chicorygdbstub.runtime.locate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpellingTest {

    @Test
    void distanceCountsEachEditAndEachSwapOnce() {
        assertThat(Spelling.distance("main", "main")).isZero();
        assertThat(Spelling.distance("main", "mian")).isEqualTo(1);
        assertThat(Spelling.distance("fib", "fibb")).isEqualTo(1);
        assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Spelling.distance("ca", "abc")).as("a swapped pair is not edited again").isEqualTo(3);
        assertThat(Spelling.distance("", "abc")).isEqualTo(3);
        assertThat(Spelling.distance("abc", "")).isEqualTo(3);
        assertThat(Spelling.distance("Main", "main")).as("case counts").isEqualTo(1);
    }
}
