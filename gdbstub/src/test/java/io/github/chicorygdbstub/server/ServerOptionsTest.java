package io.github.chicorygdbstub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options' defaults, the older constructors' meaning, and the timeouts' checks. */
class ServerOptionsTest {
    @Test
    void aStuckDebuggerIsCutOffAfterThirtySecondsAnIdleOneNever() {
        ServerOptions options = ServerOptions.loopback();
        assertThat(options.writeTimeout()).isEqualTo(ServerOptions.DEFAULT_WRITE_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.idleTimeout()).as("a person may look at a breakpoint for an hour").isZero();
        assertThat(new ServerOptions("127.0.0.1", 0, null, 100, false)).isEqualTo(
                new ServerOptions("127.0.0.1", 0, null, 100, false, List.of(), false, ServerOptions.DEFAULT_WRITE_TIMEOUT,
                        Duration.ZERO));
    }

    @Test
    void eachCopyChangesOneThing() {
        ServerOptions options = ServerOptions.loopback().withProfile(ClientProfile.GDB)
                .withSourceDirectories(List.of(Path.of("src"))).withWarmUp(true)
                .withWriteTimeout(Duration.ofSeconds(5)).withIdleTimeout(Duration.ofMinutes(10)).withPort(7);
        assertThat(options).isEqualTo(new ServerOptions("127.0.0.1", 7, ClientProfile.GDB,
                ServerOptions.DEFAULT_PACKET_SIZE, false, List.of(Path.of("src")), true, Duration.ofSeconds(5),
                Duration.ofMinutes(10)));
        assertThat(options.withIdleTimeout(Duration.ZERO).writeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void timeoutsAreNeitherNegativeNorMissing() {
        assertThatThrownBy(() -> ServerOptions.loopback().withWriteTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> ServerOptions.loopback().withIdleTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> ServerOptions.loopback().withIdleTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("idleTimeout");
    }
}
