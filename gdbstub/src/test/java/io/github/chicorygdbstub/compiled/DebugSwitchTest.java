package io.github.chicorygdbstub.compiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.cli.ListenAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugSwitchTest {
    private static DebugSwitch from(Map<String, String> values) {
        return DebugSwitch.from(values::get);
    }

    @Test
    void theListenAddressIsWrittenAsTheCliTakesIt() {
        assertThat(from(Map.of("chicory.gdbstub.listen", "127.0.0.1:1234")))
                .isEqualTo(new DebugSwitch(new ListenAddress("127.0.0.1", 1234), false, true));
        assertThat(from(Map.of("chicory.gdbstub.listen", "4321", "chicory.gdbstub.suspend", "n")))
                .isEqualTo(new DebugSwitch(new ListenAddress("127.0.0.1", 4321), false, false));
        assertThat(from(Map.of("chicory.gdbstub.listen", "[::1]:0", "chicory.gdbstub.allowRemote", "yes")).allowRemote())
                .isTrue();
    }

    @Test
    void badValuesSayWhichSettingIsWrong() {
        assertThatThrownBy(() -> from(Map.of())).hasMessageContaining("chicory.gdbstub.listen is not set");
        assertThatThrownBy(() -> from(Map.of("chicory.gdbstub.listen", "host:port")))
                .hasMessageStartingWith("chicory.gdbstub.listen: invalid port 'port'");
        assertThatThrownBy(() -> from(Map.of("chicory.gdbstub.listen", "1", "chicory.gdbstub.suspend", "later")))
                .hasMessage("chicory.gdbstub.suspend takes y or n, got 'later'");
    }

    @Test
    void eachPropertyHasAnEnvironmentVariable() {
        assertThat(DebugSwitch.variableName("chicory.gdbstub.listen")).isEqualTo("CHICORY_GDBSTUB_LISTEN");
        assertThat(DebugSwitch.variableName("chicory.gdbstub.suspend")).isEqualTo("CHICORY_GDBSTUB_SUSPEND");
        assertThat(DebugSwitch.variableName("chicory.gdbstub.allowRemote")).isEqualTo("CHICORY_GDBSTUB_ALLOW_REMOTE");
    }
}
