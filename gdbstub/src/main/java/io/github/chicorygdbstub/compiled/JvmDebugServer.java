package io.github.chicorygdbstub.compiled;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import io.github.chicorygdbstub.cli.ListenAddress;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.SessionListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one debug server of a JVM whose compiled modules are debugged through
 * {@code chicory.gdbstub.listen}: an embedded debuggee for every instance of every such module,
 * served where the switch says. It starts with the first instance and closes as the JVM exits.
 */
final class JvmDebugServer {
    private static final Logger LOG = LoggerFactory.getLogger(JvmDebugServer.class);

    private final Debuggee debuggee;
    private final GdbStubServer server;
    private final boolean suspend;
    private final CountDownLatch firstDebugger;

    private JvmDebugServer(Debuggee debuggee, GdbStubServer server, boolean suspend, CountDownLatch firstDebugger) {
        this.debuggee = debuggee;
        this.server = server;
        this.suspend = suspend;
        this.firstDebugger = firstDebugger;
    }

    /** The switch is a JVM-wide setting, so its server is one per JVM, started on first use. */
    private static final class Holder {
        static final JvmDebugServer INSTANCE = start(DebugSwitch.fromSystem());
    }

    static JvmDebugServer get() {
        return Holder.INSTANCE;
    }

    static JvmDebugServer start(DebugSwitch settings) {
        var debuggee = Debuggee.embedded();
        var firstDebugger = new CountDownLatch(1);
        SessionListener listener = new SessionListener() {
            @Override
            public void connected(SocketAddress client) {
                firstDebugger.countDown();
            }
        };
        ListenAddress listen = settings.listen();
        ServerOptions options = ServerOptions.loopback().withHost(listen.host()).withPort(listen.port())
                .withAllowRemote(settings.allowRemote());
        GdbStubServer server;
        try {
            server = GdbStubServer.start(debuggee, options, listener);
        } catch (IOException e) {
            throw new UncheckedIOException(DebugSwitch.LISTEN_PROPERTY + "=" + ListenAddress.authority(listen.host(),
                    listen.port()) + ": cannot listen: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chicory-gdbstub-shutdown"));
        String authority = ListenAddress.authority(server.address());
        LOG.info("chicory-gdbstub: listening on {} for this JVM's compiled modules;"
                + " LLDB 22+: process connect --plugin wasm connect://{}", authority, authority);
        return new JvmDebugServer(debuggee, server, settings.suspend(), firstDebugger);
    }

    int port() {
        return server.port();
    }

    Debuggee debuggee() {
        return debuggee;
    }

    /**
     * The debuggable machine for a new instance of {@code image}; with {@code suspend}, the first
     * instance waits here, before any of its code runs, until a debugger has connected.
     */
    Machine machineFor(ModuleImage image, Instance instance) {
        Machine machine = debuggee.machineFor(image, instance);
        if (suspend && firstDebugger.getCount() > 0) {
            LOG.info("{} waits for a debugger on {} ({}=n to run without waiting)", image.name(),
                    ListenAddress.authority(server.address()), DebugSwitch.SUSPEND_PROPERTY);
            try {
                firstDebugger.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the application wants this thread back: run on
            }
        }
        return machine;
    }
}
