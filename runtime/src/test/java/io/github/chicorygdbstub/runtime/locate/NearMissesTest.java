package io.github.chicorygdbstub.runtime.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearMissesTest {

    @Test
    void nearestKeepsCloseAndContainingNamesClosestFirst() {
        List<String> names = List.of("process_values", "process", "proxy", "unrelated", "PROCESS", "processing");

        assertThat(NearMisses.nearest("proces", names)).containsExactly("PROCESS", "process", "processing",
                "process_values");
        assertThat(NearMisses.nearest("process", names)).as("not the name itself").doesNotContain("process");
        assertThat(NearMisses.nearest("zz", names)).isEmpty();
    }
}
