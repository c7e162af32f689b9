package io.github.chicorygdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

    @Test
    void listenTakesEveryFormLldbsWasmPlatformUses() throws Exception {
        assertThat(CliOptions.parse(new String[] {"-g", "4321", "m.wasm"}).port()).isEqualTo(4321);
        CliOptions hostAndPort = CliOptions.parse(new String[] {"-g", "127.0.0.1:4322", "m.wasm"});
        assertThat(hostAndPort.host()).isEqualTo("127.0.0.1");
        assertThat(hostAndPort.port()).isEqualTo(4322);
        CliOptions inline = CliOptions.parse(new String[] {"-g=127.0.0.2:0", "m.wasm"});
        assertThat(inline.host()).isEqualTo("127.0.0.2");
        assertThat(inline.port()).isZero();
        assertThat(CliOptions.parse(new String[] {"--listen", "1", "m.wasm"}).port()).isEqualTo(1);
    }

    @Test
    void defaultsAreLoopbackWaitingAndDetected() throws Exception {
        CliOptions options = CliOptions.parse(new String[] {"m.wasm"});
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(CliOptions.DEFAULT_PORT);
        assertThat(options.noWait()).isFalse();
        assertThat(options.profile()).isNull();
        assertThat(options.allowRemote()).isFalse();
        assertThat(options.sourceDirectories()).as("no source file is read unless asked").isEmpty();
        assertThat(options.verbose()).isFalse();
    }

    @Test
    void everythingAfterTheModuleBelongsToTheGuest() throws Exception {
        CliOptions options = CliOptions.parse(new String[] {"--no-wait", "--client", "gdb", "--env", "A=1",
                "--module", "lib=lib.wasm", "--module=util=u.wasm", "--dir", "/data=/tmp", "--source-dir", "src",
                "--source-dir=/tmp", "-v", "main.wasm", "-v", "x"});
        assertThat(options.module()).isEqualTo(Path.of("main.wasm"));
        assertThat(options.guestArgs()).containsExactly("-v", "x");
        assertThat(options.noWait()).isTrue();
        assertThat(options.verbose()).isTrue();
        assertThat(options.profile()).isEqualTo(ClientProfile.GDB);
        assertThat(options.environment()).containsEntry("A", "1");
        assertThat(List.copyOf(options.libraries().keySet())).containsExactly("lib", "util");
        assertThat(options.directories()).containsEntry("/data", Path.of("/tmp"));
        assertThat(options.sourceDirectories()).containsExactly(Path.of("src"), Path.of("/tmp"));
    }

    @Test
    void badCommandLinesAreExplained() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {})).hasMessageContaining("no module");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"-g", "99999", "m.wasm"})).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--client", "vi", "m.wasm"})).hasMessageContaining("--client");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--frob", "m.wasm"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--module", "nolib", "m.wasm"})).hasMessageContaining("NAME=PATH");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"-g"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--source-dir=", "m.wasm"}))
                .hasMessageContaining("--source-dir needs a directory");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--source-dir", "no/such/dir", "m.wasm"}))
                .hasMessageContaining("no such directory: no/such/dir");
    }
}
