import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.InvalidModuleException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.SessionListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A Java application with a WebAssembly plugin, the way an application embeds Chicory: it loads
 * {@code plugin.wasm} (a C reactor), gives it the one host function it imports ({@code env.log}),
 * calls its {@code _initialize} once and then {@code process(x)} for x = 1 to 20 from a pool of
 * four threads, and prints {@code process(X) = Y} for each on stdout, in the order of x.
 *
 * <p>{@code PluginHost [-g HOST:PORT]}: with {@code -g} the plugin is served to LLDB on that
 * address, and the first call waits until a debugger has connected. {@code run.sh} builds and
 * starts it, and passes the plugin's path in the system property {@code plugin.wasm}.
 *
 * <p>Debugging adds three things to plain Chicory: a {@link Debuggee#embedded()} debuggee, each
 * instance builder passed through {@link Debuggee#instrument} before the usual calls, and a
 * {@link GdbStubServer} serving the debuggee.
 */
public final class PluginHost {
    private static final String PROGRAM = "plugin-host: ";
    private static final int CALLS = 20;
    private static final int THREADS = 4;
    /** Exit code for a bad command line, a plugin that cannot be loaded or a busy port. */
    private static final int USAGE_EXIT_CODE = 2;
    /** Exit code after a call into the plugin failed (a trap). */
    private static final int PLUGIN_FAILED_EXIT_CODE = 1;

    private PluginHost() {}

    /**
     * Runs the host and exits with its exit code.
     *
     * @param args {@code [-g HOST:PORT]}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static int run(String[] args) {
        Listen listen;
        try {
            listen = parseArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println(PROGRAM + e.getMessage());
            System.err.println("usage: examples/plugin-host/run.sh [-g HOST:PORT]");
            return USAGE_EXIT_CODE;
        }
        Path wasm = Path.of(System.getProperty("plugin.wasm", "plugin.wasm"));
        ImportValues imports = ImportValues.builder().addFunction(logFunction()).build();
        ModuleImage image;
        try {
            image = ModuleImage.load(wasm);
        } catch (IOException | InvalidModuleException e) {
            System.err.println(PROGRAM + "error: cannot load the plugin " + wasm + ": " + e);
            return USAGE_EXIT_CODE;
        }
        try (Plugin plugin = instantiate(image, imports, listen != null)) {
            if (plugin.debuggee() == null) {
                callAll(plugin);
            } else {
                serveAndCallAll(plugin, listen);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(PROGRAM + "error: " + e.getMessage());
            return USAGE_EXIT_CODE;
        } catch (ExecutionException e) {
            System.err.println(PROGRAM + "error: the plugin failed: " + e.getCause());
            return PLUGIN_FAILED_EXIT_CODE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * The plugin's instances: one per pool thread, because a Chicory instance runs one call at a
     * time (one operand stack, and one shadow stack in linear memory that clang's -O0 code keeps
     * every local on). With a debugger, each is built through {@link Debuggee#instrument} and
     * otherwise exactly as without: the same builder calls, the same imports.
     *
     * <p>{@code withInitialize(true)} (Chicory's default, spelled out) sets up the globals, tables
     * and data segments; it does not call the reactor's {@code _initialize} export, which
     * {@link Plugin#newInstance} calls before any other, under the debugger too.
     *
     * @param image the plugin module, with its original bytes (the debugger downloads them)
     * @param imports the host functions the plugin imports
     * @param debug whether a debugger will be served the plugin
     * @return the instance factory, and the debuggee that serves its instances when {@code debug}
     */
    private static Plugin instantiate(ModuleImage image, ImportValues imports, boolean debug) {
        return new Plugin(image, imports, debug ? Debuggee.embedded() : null);
    }

    /**
     * Serves the plugin's debuggee on {@code listen}, waits for a debugger, then makes the calls.
     * The server stops when the calls are done; the debugger sees the connection close.
     */
    private static void serveAndCallAll(Plugin plugin, Listen listen)
            throws IOException, InterruptedException, ExecutionException {
        var connected = new CountDownLatch(1);
        SessionListener listener = new SessionListener() {
            @Override
            public void connected(SocketAddress client) {
                connected.countDown(); // on the server's event loop: only let the main thread go
            }
        };
        ServerOptions options = ServerOptions.loopback().withHost(listen.host()).withPort(listen.port());
        try (GdbStubServer server = GdbStubServer.start(plugin.debuggee(), options, listener)) {
            // The port the server took, which differs from the one asked for after -g HOST:0.
            String authority = new Listen(listen.host(), server.port()).authority();
            System.err.println(PROGRAM + "listening on " + authority + "; the plugin's first call waits for a debugger");
            System.err.println("  LLDB 22+  lldb -o 'process connect --plugin wasm connect://" + authority + "'");
            System.err.println("  LLDB 19   lldb-19 -o 'process connect connect://" + authority + "'");
            connected.await();
            callAll(plugin);
        }
    }

    /**
     * Calls {@code process(1)} to {@code process(20)} on a pool of four threads, each with an
     * instance of its own, and prints the results in the order of x (each line as soon as its
     * call and the ones before it are done).
     */
    private static void callAll(Plugin plugin) throws InterruptedException, ExecutionException {
        // Each pool thread builds its instance on its first call: under a debugger, the instances
        // appear while it is attached, and their breakpoints resolve as they do.
        ThreadLocal<ExportFunction> process = ThreadLocal.withInitial(() -> plugin.newInstance().export("process"));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, new NamedThreads());
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int x = 1; x <= CALLS; x++) {
                int argument = x;
                results.add(pool.submit(() -> (int) process.get().apply(argument)[0]));
            }
            for (int x = 1; x <= CALLS; x++) {
                System.out.println("process(" + x + ") = " + results.get(x - 1).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Pool threads named plugin-worker-1 to -4, the names a debugger's thread list shows. */
    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task, "plugin-worker-" + next.getAndIncrement());
        }
    }

    /**
     * {@code env.log(ptr, len)}: the plugin passes a string by its address and length in the
     * plugin's own memory, so the host reads it from the memory of the instance that called.
     * Messages go to stderr, with the pool thread that made the call: stdout is for the results.
     */
    private static HostFunction logFunction() {
        return new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (caller, args) -> {
                    String message = caller.memory().readString((int) args[0], (int) args[1]);
                    System.err.println(PROGRAM + Thread.currentThread().getName() + ": " + message);
                    return null;
                });
    }

    private static Listen parseArguments(String[] args) {
        if (args.length == 0) {
            return null;
        }
        if (args.length == 2 && args[0].equals("-g")) {
            return Listen.parse(args[1]);
        }
        throw new IllegalArgumentException("unexpected arguments: " + String.join(" ", args));
    }

    /**
     * The plugin's instance and, when it is debugged, the debuggee that serves it; closing ends
     * the debuggee.
     *
     * @param instance the plugin's Chicory instance
     * @param debuggee the debuggee behind {@code instance}, or null when it runs undebugged
     */
    private record Plugin(ModuleImage image, ImportValues imports, Debuggee debuggee) implements AutoCloseable {
        /** A new instance of the plugin, initialised ({@code _initialize} called). */
        Instance newInstance() {
            Instance.Builder builder = Instance.builder(image.wasmModule());
            if (debuggee != null) {
                builder = debuggee.instrument(image, builder);
            }
            Instance instance = builder.withImportValues(imports).withInitialize(true).build();
            // A reactor's constructors run in _initialize, which must come before any other export.
            instance.export("_initialize").apply();
            return instance;
        }

        @Override
        public void close() {
            if (debuggee != null) {
                debuggee.close();
            }
        }
    }

    /**
     * Where {@code -g} asks the server to listen: {@code HOST:PORT}, or {@code [IPV6]:PORT}.
     * (The CLI's own parser is not public; this one takes only the full form.)
     *
     * @param host a name or address, IPv6 without brackets
     * @param port 0 to 65535, 0 for any free port
     */
    private record Listen(String host, int port) {
        static Listen parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("-g takes HOST:PORT, e.g. 127.0.0.1:1234; got '" + text + "'");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("write an IPv6 address in brackets, as [" + host + "]:PORT");
            }
            int port = -1;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("invalid port in '" + text + "' (0 to 65535)");
            }
            return new Listen(host, port);
        }

        /** {@code host:port} as LLDB's {@code connect://} takes it: IPv6 in brackets. */
        String authority() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
