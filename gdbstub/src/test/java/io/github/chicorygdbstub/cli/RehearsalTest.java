package io.github.chicorygdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

class RehearsalTest {
    @Test
    @Timeout(30)
    void aWholeSessionRunsAgainstTheBuiltInGuestAndTheLogLevelsComeBack() {
        Logger server = (Logger) LoggerFactory.getLogger("io.github.chicorygdbstub");
        Level before = server.getLevel();

        assertThat(Rehearsal.run()).isTrue();

        assertThat(server.getLevel()).isEqualTo(before);
    }

    @Test
    void theFillerIsACustomSectionThatKeepsTheGuestValid() {
        byte[] guest = Rehearsal.guestWithFiller();
        ModuleImage image = ModuleImage.of("filler.wasm", guest);

        assertThat(image.customSectionNames()).containsExactly("f");
        assertThat(image.functions()).hasSize(1);
    }

    @Test
    @Timeout(30)
    void aBackgroundRehearsalIsAwaitedWithoutLosingTheCallersInterrupt() {
        Thread rehearsal = Rehearsal.startInBackground();
        assertThat(rehearsal.isDaemon()).isTrue();

        Thread.currentThread().interrupt();
        Rehearsal.awaitQuietly(rehearsal);

        assertThat(rehearsal.isAlive()).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
