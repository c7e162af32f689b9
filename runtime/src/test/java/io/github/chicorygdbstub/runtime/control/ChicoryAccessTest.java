package io.github.chicorygdbstub.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Guards the reach into Chicory internals: an upgrade must fail here, loudly. */
class ChicoryAccessTest {

    @Test
    void theChicoryOnTheClassPathIsTheVerifiedOne() {
        assertThat(ChicoryAccess.chicoryVersion()).isEqualTo(ChicoryAccess.VERIFIED_CHICORY_VERSION);
        assertThatCode(ChicoryAccess::selfCheck).doesNotThrowAnyException();
    }
}
