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
import java.util.concurrent.CompletableFuture;
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
    /** Done once listening; with {@code suspend=n} the server binds beside the application's start. */
    private final CompletableFuture<GdbStubServer> server;
    private final boolean suspend;
    private final CountDownLatch firstDebugger;

    private JvmDebugServer(Debuggee debuggee, CompletableFuture<GdbStubServer> server, boolean suspend,
            CountDownLatch firstDebugger) {
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

    /**
     * With {@code suspend}, listens before returning, so that a busy port fails the application's
     * start with its reason; without, the application starts while the server binds (about a
     * third of a second less before its first call), and a bind failure is logged.
     */
    static JvmDebugServer start(DebugSwitch settings) {
        var debuggee = Debuggee.embedded();
        var firstDebugger = new CountDownLatch(1);
        CompletableFuture<GdbStubServer> server;
        if (settings.suspend()) {
            server = CompletableFuture.completedFuture(listen(debuggee, settings, firstDebugger));
        } else {
            server = CompletableFuture.supplyAsync(() -> listen(debuggee, settings, firstDebugger), runnable -> {
                var thread = new Thread(runnable, "chicory-gdbstub-start");
                thread.setDaemon(true);
                thread.start();
            });
            server.exceptionally(failure -> {
                LOG.error("{}; the compiled modules run without a debugger", failure.getCause().getMessage());
                return null;
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GdbStubServer listening = server.getNow(null);
            if (listening != null) {
                listening.close();
            }
        }, "chicory-gdbstub-shutdown"));
        return new JvmDebugServer(debuggee, server, settings.suspend(), firstDebugger);
    }

    private static GdbStubServer listen(Debuggee debuggee, DebugSwitch settings, CountDownLatch firstDebugger) {
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
        String authority = ListenAddress.authority(server.address());
        LOG.info("chicory-gdbstub: listening on {} for this JVM's compiled modules;"
                + " LLDB 22+: process connect --plugin wasm connect://{}", authority, authority);
        return server;
    }

    /** The port listened on, once listening. */
    int port() {
        return server.join().port();
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
                    ListenAddress.authority(server.join().address()), DebugSwitch.SUSPEND_PROPERTY);
            try {
                firstDebugger.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the application wants this thread back: run on
            }
        }
        return machine;
    }
}
