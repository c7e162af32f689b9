package io.github.chicorygdbstub.session;

import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Names a server's guest and port in every log line it writes, through the SLF4J MDC keys
 * {@link #GUEST} and {@link #PORT}, so that two servers in one application log distinguishable
 * lines (a pattern shows them with {@code %X{chicory.guest}} and {@code %X{chicory.port}}). A
 * scope puts them in place on the thread that logs (an event loop, or the guest thread that
 * stops) and restores what was there, so an application thread's own MDC survives.
 */
public final class LogContext {
    /** The MDC key of the guest's name: its first module's name. */
    public static final String GUEST = "chicory.guest";
    /** The MDC key of the server's port. */
    public static final String PORT = "chicory.port";
    /** A context that puts nothing in place. */
    public static final LogContext NONE = new LogContext(() -> null, null);

    private final Supplier<String> guest;
    private final String port;

    private LogContext(Supplier<String> guest, String port) {
        this.guest = guest;
        this.port = port;
    }

    /**
     * The context of one server.
     *
     * @param guest the guest's name, asked for at each scope (an application adds modules as it goes)
     * @param port the server's port
     * @return the context
     */
    public static LogContext of(Supplier<String> guest, int port) {
        return new LogContext(guest, Integer.toString(port));
    }

    /**
     * Puts the keys in place until the scope closes.
     *
     * @return the scope, to close in a try-with-resources
     */
    public Scope enter() {
        if (port == null) {
            return () -> { };
        }
        String previousGuest = MDC.get(GUEST);
        String previousPort = MDC.get(PORT);
        MDC.put(GUEST, guest.get());
        MDC.put(PORT, port);
        return () -> {
            restore(GUEST, previousGuest);
            restore(PORT, previousPort);
        };
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** Where the keys are in place; closing it restores what the thread had. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
