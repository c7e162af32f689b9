package dev.chicory.gdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

class RehearsalTest {
    @Test
    @Timeout(30)
    void aWholeSessionRunsAgainstTheBuiltInGuestAndTheLogLevelsComeBack() {
        Logger server = (Logger) LoggerFactory.getLogger("dev.chicory.gdbstub");
        Level before = server.getLevel();

        assertThat(Rehearsal.run()).isTrue();

        assertThat(server.getLevel()).isEqualTo(before);
    }
}
