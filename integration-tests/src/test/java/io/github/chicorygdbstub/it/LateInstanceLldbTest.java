package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.SessionListener;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application that builds a second instance of its plugin while LLDB 22 is attached: the
 * server announces it (a library stop, which LLDB resumes from by itself), LLDB loads it from the
 * server and {@code b process}, set when only the first instance existed, stops in it, with the
 * instance's own memory behind its variables. The application is this test: its own
 * instances, its own {@code env.log}, its own thread.
 */
@Timeout(300)
class LateInstanceLldbTest {
    @Test
    void aBreakpointSetBeforeAnInstanceExistedStopsInItWithItsOwnVariables() throws Exception {
        var plugin = new EmbeddedPlugin();
        Debuggee debuggee = plugin.debuggee();
        Instance first = plugin.newInstance();
        var connected = new CountDownLatch(1);
        try (GdbStubServer server = GdbStubServer.start(debuggee, ServerOptions.loopback(), new SessionListener() {
            @Override
            public void connected(SocketAddress client) {
                connected.countDown();
            }
        })) {
            CompletableFuture<Long> application = CompletableFuture.supplyAsync(() -> {
                try {
                    assertThat(connected.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                first.export("_initialize").apply(); // LLDB's entry stop: one instance so far
                Instance second = plugin.newInstance();
                second.export("_initialize").apply();
                return second.export("process").apply(7)[0];
            });

            ClientRun lldb = Lldb.V22.run("127.0.0.1:" + server.port(),
                    List.of("image list", "b process", "c", "frame variable x", "breakpoint list", "image list",
                            "breakpoint delete -f", "process detach"), List.of());

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("Breakpoint 1: where = plugin.wasm`process").doesNotContain("plugin.wasm~2`_initialize");
            assertThat(out).containsPattern("stop reason = breakpoint 1\\.2\\s+frame #0: 0x40000001[0-9a-f]{8} plugin\\.wasm~2`process\\(x=7\\)");
            assertThat(out).contains("(int) x = 7");
            assertThat(out).containsPattern("1: name = 'process', locations = 2, resolved = 2");
            assertThat(out).contains("0x4000000100000000 plugin.wasm~2");
            assertThat(lldb.packetLog()).contains("library:;");
            assertThat(application.get(60, TimeUnit.SECONDS)).isEqualTo(147L); // sum of i*i+1 for i = 1..7
        } finally {
            plugin.close();
        }
    }
}
