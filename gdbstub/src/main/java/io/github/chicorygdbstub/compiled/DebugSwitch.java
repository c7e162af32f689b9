package io.github.chicorygdbstub.compiled;

import io.github.chicorygdbstub.cli.ListenAddress;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How debugging of build-time-compiled modules was switched on: {@code -Dchicory.gdbstub.listen}
 * (or {@code CHICORY_GDBSTUB_LISTEN}) gives the address to listen on, in the form of the CLI's
 * {@code -g}; {@code -Dchicory.gdbstub.suspend} (or {@code CHICORY_GDBSTUB_SUSPEND}), {@code y}
 * by default, says whether the first instance waits for a debugger before its code runs, as
 * JDWP's {@code suspend} does. A system property wins over the environment variable.
 *
 * @param listen where to listen
 * @param allowRemote whether a non-loopback address was asked for with {@code allowRemote=y}
 * @param suspend whether the first instance waits for a debugger
 */
record DebugSwitch(ListenAddress listen, boolean allowRemote, boolean suspend) {
    static final String LISTEN_PROPERTY = "chicory.gdbstub.listen";
    static final String SUSPEND_PROPERTY = "chicory.gdbstub.suspend";
    static final String ALLOW_REMOTE_PROPERTY = "chicory.gdbstub.allowRemote";

    /** Reads the switch from this JVM's system properties and environment. */
    static DebugSwitch fromSystem() {
        return from(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(variableName(name));
        });
    }

    /**
     * Reads the switch through {@code lookup}, which maps a property name to its value or null.
     *
     * @throws IllegalArgumentException if debugging is not switched on, or a value is malformed
     */
    static DebugSwitch from(UnaryOperator<String> lookup) {
        String listen = lookup.apply(LISTEN_PROPERTY);
        if (listen == null || listen.isBlank()) {
            throw new IllegalArgumentException(LISTEN_PROPERTY + " is not set: debugging is off");
        }
        ListenAddress address;
        try {
            address = ListenAddress.parse(listen.trim());
        } catch (ListenAddress.InvalidListenAddressException e) {
            throw new IllegalArgumentException(LISTEN_PROPERTY + ": " + e.getMessage(), e);
        }
        return new DebugSwitch(address, yes(lookup, ALLOW_REMOTE_PROPERTY, false), yes(lookup, SUSPEND_PROPERTY, true));
    }

    /** {@code chicory.gdbstub.listen} becomes {@code CHICORY_GDBSTUB_LISTEN}. */
    static String variableName(String property) {
        return property.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean yes(UnaryOperator<String> lookup, String name, boolean otherwise) {
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true" -> true;
            case "n", "no", "false" -> false;
            default -> throw new IllegalArgumentException(name + " takes y or n, got '" + value + "'");
        };
    }
}
