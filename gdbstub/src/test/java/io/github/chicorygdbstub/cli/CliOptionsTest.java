package io.github.chicorygdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

    private static CliOptions parse(String... args) throws CliOptions.UsageException {
        return CliOptions.parse(args);
    }

    @Test
    void listenTakesEveryFormUsersAndLldbsWasmPlatformType() throws Exception {
        assertThat(parse("-g", "4321", "m.wasm").listen()).isEqualTo(new ListenAddress("127.0.0.1", 4321));
        assertThat(parse("-g4321", "m.wasm").listen()).as("port-arg -g, port glued on")
                .isEqualTo(new ListenAddress("127.0.0.1", 4321));
        assertThat(parse("-g=127.0.0.1:41645", "m.wasm").listen()).as("port-arg -g=127.0.0.1:")
                .isEqualTo(new ListenAddress("127.0.0.1", 41645));
        assertThat(parse("-g", "127.0.0.2:0", "m.wasm").listen()).isEqualTo(new ListenAddress("127.0.0.2", 0));
        assertThat(parse("--listen", "1", "m.wasm").port()).isEqualTo(1);
        assertThat(parse("--listen=localhost:7", "m.wasm").listen()).isEqualTo(new ListenAddress("localhost", 7));
        assertThat(parse("-g", "[::1]:4323", "m.wasm").listen()).isEqualTo(new ListenAddress("::1", 4323));
        assertThat(parse("-g", ":4324", "m.wasm").listen()).isEqualTo(new ListenAddress("127.0.0.1", 4324));
    }

    @Test
    void ipv6AddressesArePrintedInBracketsAsLldbsConnectUrlNeedsThem() {
        assertThat(ListenAddress.authority("::1", 1234)).isEqualTo("[::1]:1234");
        assertThat(ListenAddress.authority("127.0.0.1", 1234)).isEqualTo("127.0.0.1:1234");
        assertThat(ListenAddress.authority(new java.net.InetSocketAddress("::1", 5))).isEqualTo("[::1]:5");
        assertThat(ListenAddress.authority(new java.net.InetSocketAddress("fe80:0:0:1:0:0:0:2", 5)))
                .as("the longest run").isEqualTo("[fe80:0:0:1::2]:5");
        assertThat(ListenAddress.authority(new java.net.InetSocketAddress("2001:db8:0:0:1:0:0:1", 5)))
                .as("the first of two equal runs").isEqualTo("[2001:db8::1:0:0:1]:5");
        assertThat(ListenAddress.authority(new java.net.InetSocketAddress("::", 5))).isEqualTo("[::]:5");
        assertThat(ListenAddress.authority(new java.net.InetSocketAddress("127.0.0.1", 5))).isEqualTo("127.0.0.1:5");
    }

    @Test
    void defaultsAreLoopbackWaitingAndDetected() throws Exception {
        CliOptions options = parse("m.wasm");
        assertThat(options.action()).isEqualTo(CliOptions.Action.SERVE);
        assertThat(options.listen()).isEqualTo(ListenAddress.DEFAULT);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(1234);
        assertThat(options.noWait()).isFalse();
        assertThat(options.profile()).isNull();
        assertThat(options.allowRemote()).isFalse();
        assertThat(options.sourceDirectories()).as("no source file is read unless asked").isEmpty();
        assertThat(options.verbose()).isFalse();
        assertThat(options.quiet()).isFalse();
        assertThat(options.exitOnDetach()).isFalse();
        assertThat(options.connectTimeout()).as("a person may take their time to connect").isNull();
        assertThat(options.warmUp()).as("no warm-up unless asked").isFalse();
        assertThat(options.idleTimeout()).as("a person may look at a breakpoint for an hour").isNull();
    }

    @Test
    void theIdleTimeoutTakesSeconds() throws Exception {
        assertThat(parse("--idle-timeout", "600", "m.wasm").idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(parse("--idle-timeout=0.25", "m.wasm").idleTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> parse("--idle-timeout", "0", "m.wasm"))
                .hasMessage("--idle-timeout takes a number of seconds above 0, got '0'");
        assertThatThrownBy(() -> parse("--idle-timeout", "m.wasm"))
                .hasMessage("--idle-timeout takes a number of seconds above 0, got 'm.wasm'");
    }

    @Test
    void everythingAfterTheModuleBelongsToTheGuest() throws Exception {
        CliOptions options = parse("--no-wait", "--client", "gdb", "--env", "A=1", "--module", "lib=lib.wasm",
                "--module=util=u.wasm", "--dir", "/data=/tmp", "--dir", "/tmp", "--source-dir", "src",
                "--source-dir=/tmp", "-v", "main.wasm", "-v", "--help", "x");
        assertThat(options.module()).isEqualTo(Path.of("main.wasm"));
        assertThat(options.guestArgs()).containsExactly("-v", "--help", "x");
        assertThat(options.noWait()).isTrue();
        assertThat(options.verbose()).isTrue();
        assertThat(options.profile()).isEqualTo(ClientProfile.GDB);
        assertThat(options.environment()).containsEntry("A", "1");
        assertThat(List.copyOf(options.libraries().keySet())).containsExactly("lib", "util");
        assertThat(options.directories()).containsEntry("/data", Path.of("/tmp")).containsEntry("/tmp", Path.of("/tmp"));
        assertThat(options.sourceDirectories()).containsExactly(Path.of("src"), Path.of("/tmp"));
    }

    @Test
    void flagsGroupAndTheEnvironmentMovesTheDefaultAddress() throws Exception {
        CliOptions grouped = parse("-vg", "7", "m.wasm");
        assertThat(grouped.verbose()).isTrue();
        assertThat(grouped.port()).isEqualTo(7);
        assertThat(CliOptions.parse(new String[] {"m.wasm"}, "127.0.0.1:0").listen())
                .isEqualTo(new ListenAddress("127.0.0.1", 0));
        assertThat(CliOptions.parse(new String[] {"-g", "9", "m.wasm"}, "127.0.0.1:0").port()).as("-g wins").isEqualTo(9);
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"m.wasm"}, "nowhere"))
                .hasMessage("$CHICORY_GDBSTUB_LISTEN: invalid port 'nowhere' (0 to 65535)");
    }

    @Test
    void doubleDashEndsTheOptionsSoAModuleMayStartWithADash() throws Exception {
        CliOptions options = parse("-g", "0", "--", "-odd.wasm", "--no-wait");
        assertThat(options.module()).isEqualTo(Path.of("-odd.wasm"));
        assertThat(options.guestArgs()).containsExactly("--no-wait");
        assertThat(options.noWait()).isFalse();
    }

    @Test
    void helpAndVersionAreActionsAndTheUsageNamesEveryOption() throws Exception {
        assertThat(parse("--help").action()).isEqualTo(CliOptions.Action.HELP);
        assertThat(parse("-h").action()).isEqualTo(CliOptions.Action.HELP);
        assertThat(parse("--version").action()).isEqualTo(CliOptions.Action.VERSION);
        assertThat(parse("-V").action()).isEqualTo(CliOptions.Action.VERSION);
        assertThat(CliOptions.usage()).contains("chicory-gdbstub [OPTIONS] [--] MODULE.wasm [GUEST-ARGS...]",
                "-g, --listen [HOST:]PORT", "--module NAME=PATH", "--dir GUEST[=HOST]", "--env KEY=VALUE",
                "--no-wait", "--client auto|lldb|gdb", "--allow-remote", "--source-dir DIR", "--exit-on-detach",
                "--connect-timeout SECONDS", "--idle-timeout SECONDS", "--lldb-platform", "--warm-up", "-q, --quiet", "-v, --verbose",
                "-h, --help", "-V, --version");
    }

    @Test
    void theLldbPlatformModeIsQuietEndsWithItsDebuggerAndGivesUpWaiting() throws Exception {
        CliOptions options = parse("-g=127.0.0.1:41645", "--lldb-platform", "/tmp/prog.wasm", "a");
        assertThat(options.quiet()).isTrue();
        assertThat(options.exitOnDetach()).isTrue();
        assertThat(options.connectTimeout()).isEqualTo(CliOptions.PLATFORM_CONNECT_TIMEOUT);
        assertThat(options.guestArgs()).containsExactly("a");
        assertThat(parse("--lldb-platform", "--connect-timeout", "2.5", "m.wasm").connectTimeout())
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(parse("-q", "-v", "m.wasm").verbose()).as("quiet wins").isFalse();
    }

    @Test
    void badCommandLinesAreExplained() {
        assertThatThrownBy(() -> parse()).hasMessage("no module given");
        assertThatThrownBy(() -> parse("-g", "99999", "m.wasm")).hasMessage("--listen: invalid port '99999' (0 to 65535)");
        assertThatThrownBy(() -> parse("-g", "::1:5", "m.wasm"))
                .hasMessage("--listen: write an IPv6 address in brackets, as [::1]:PORT");
        assertThatThrownBy(() -> parse("-g", "[::1", "m.wasm")).hasMessageContaining("expected [IPV6]:PORT");
        assertThatThrownBy(() -> parse("--client", "vi", "m.wasm"))
                .hasMessage("--client takes auto, lldb or gdb, got 'vi'");
        assertThatThrownBy(() -> parse("--frob", "m.wasm")).hasMessage("unknown option --frob");
        assertThatThrownBy(() -> parse("--lisen", "1", "m.wasm"))
                .hasMessage("unknown option --lisen (did you mean --listen?)");
        assertThatThrownBy(() -> parse("--module", "nolib", "m.wasm")).hasMessage("--module takes NAME=PATH, got 'nolib'");
        assertThatThrownBy(() -> parse("--env", "=1", "m.wasm")).hasMessage("--env takes KEY=VALUE, got '=1'");
        assertThatThrownBy(() -> parse("-g")).hasMessage("--listen needs a value ([HOST:]PORT)");
        assertThatThrownBy(() -> parse("--no-wait=yes", "m.wasm")).hasMessage("--no-wait takes no value");
        assertThatThrownBy(() -> parse("-x", "m.wasm")).hasMessage("unknown option -x");
        assertThatThrownBy(() -> parse("--verbos", "m.wasm")).hasMessage("unknown option --verbos (did you mean --verbose?)");
        assertThatThrownBy(() -> parse("--conect-timeout=3", "m.wasm"))
                .hasMessage("unknown option --conect-timeout (did you mean --connect-timeout?)");
        assertThatThrownBy(() -> parse("--source-dir=", "m.wasm")).hasMessage("--source-dir needs a directory");
        assertThatThrownBy(() -> parse("--source-dir", "no/such/dir", "m.wasm"))
                .hasMessage("--source-dir: no such directory: no/such/dir");
        assertThatThrownBy(() -> parse("--connect-timeout", "soon", "m.wasm"))
                .hasMessageContaining("--connect-timeout takes a number of seconds");
    }
}
