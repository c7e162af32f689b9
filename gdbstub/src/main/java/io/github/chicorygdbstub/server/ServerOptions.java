package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link GdbStubServer} listens.
 *
 * @param host address to bind; loopback unless {@code allowRemote}
 * @param port TCP port, 0 for any free port
 * @param profile a fixed client profile, or null to detect it per connection
 * @param maxPacketSize largest packet accepted, advertised as {@code PacketSize}
 * @param allowRemote permits binding a non-loopback address (RSP has no authentication)
 * @param sourceDirectories the only directories whose files the monitor's {@code list} may read;
 *     none (the default) turns source listings off, so that no packet reads host files
 * @param warmUp whether {@link GdbStubServer#start} first runs a debugger's connect sequence and
 *     a module download through the pipeline in memory (off by default): it costs start-up time
 *     (about half a second) to make the first download of a large module faster
 * @param writeTimeout how long replies may wait for a debugger that takes none of them (its socket
 *     full, not one byte going out) before its connection is closed and its session ends as on a
 *     disconnect; {@link Duration#ZERO} waits forever. Default {@link #DEFAULT_WRITE_TIMEOUT}
 * @param idleTimeout how long a debugger may send nothing while the guest is stopped before its
 *     connection is closed and its session ends as on a disconnect (the guest runs on); while the
 *     guest runs the clock stands still. {@link Duration#ZERO}, the default, never closes it: a person
 *     may look at a breakpoint for an hour
 */
public record ServerOptions(String host, int port, ClientProfile profile, int maxPacketSize, boolean allowRemote,
        List<Path> sourceDirectories, boolean warmUp, Duration writeTimeout, Duration idleTimeout) {
    /** 128 KiB: LLDB's largest {@code m} read is then (128 KiB - 70) / 2 bytes. */
    public static final int DEFAULT_PACKET_SIZE = 0x20000;

    /**
     * 30 s: a debugger that is alive takes a reply within milliseconds, even over a slow link
     * (a 128 KiB reply at 5 KiB/s keeps bytes moving all along), so 30 s without a byte taken
     * means it is stuck, and a new debugger should not wait longer than that.
     */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Copies the source directories and checks the timeouts.
     *
     * @param host see {@link #host()}
     * @param port see {@link #port()}
     * @param profile see {@link #profile()}
     * @param maxPacketSize see {@link #maxPacketSize()}
     * @param allowRemote see {@link #allowRemote()}
     * @param sourceDirectories see {@link #sourceDirectories()}
     * @param warmUp see {@link #warmUp()}
     * @param writeTimeout see {@link #writeTimeout()}
     * @param idleTimeout see {@link #idleTimeout()}
     * @throws IllegalArgumentException for a negative timeout
     */
    public ServerOptions {
        sourceDirectories = List.copyOf(sourceDirectories);
        requireNotNegative(writeTimeout, "writeTimeout");
        requireNotNegative(idleTimeout, "idleTimeout");
    }

    /**
     * Options with the default write timeout and no idle timeout (the form before they existed).
     *
     * @param host see {@link #host()}
     * @param port see {@link #port()}
     * @param profile see {@link #profile()}
     * @param maxPacketSize see {@link #maxPacketSize()}
     * @param allowRemote see {@link #allowRemote()}
     * @param sourceDirectories see {@link #sourceDirectories()}
     * @param warmUp see {@link #warmUp()}
     */
    public ServerOptions(String host, int port, ClientProfile profile, int maxPacketSize, boolean allowRemote,
            List<Path> sourceDirectories, boolean warmUp) {
        this(host, port, profile, maxPacketSize, allowRemote, sourceDirectories, warmUp, DEFAULT_WRITE_TIMEOUT,
                Duration.ZERO);
    }

    /**
     * Options without a warm-up.
     *
     * @param host see {@link #host()}
     * @param port see {@link #port()}
     * @param profile see {@link #profile()}
     * @param maxPacketSize see {@link #maxPacketSize()}
     * @param allowRemote see {@link #allowRemote()}
     * @param sourceDirectories see {@link #sourceDirectories()}
     */
    public ServerOptions(String host, int port, ClientProfile profile, int maxPacketSize, boolean allowRemote,
            List<Path> sourceDirectories) {
        this(host, port, profile, maxPacketSize, allowRemote, sourceDirectories, false);
    }

    /**
     * Options without source directories and without a warm-up (the form before they existed).
     *
     * @param host see {@link #host()}
     * @param port see {@link #port()}
     * @param profile see {@link #profile()}
     * @param maxPacketSize see {@link #maxPacketSize()}
     * @param allowRemote see {@link #allowRemote()}
     */
    public ServerOptions(String host, int port, ClientProfile profile, int maxPacketSize, boolean allowRemote) {
        this(host, port, profile, maxPacketSize, allowRemote, List.of(), false);
    }

    /**
     * {@return options for loopback, a free port, profile detection, the default packet size, no
     * warm-up, the default write timeout and no idle timeout}
     */
    public static ServerOptions loopback() {
        return new ServerOptions("127.0.0.1", 0, null, DEFAULT_PACKET_SIZE, false, List.of(), false);
    }

    /**
     * A copy with another port.
     *
     * @param newPort the TCP port, 0 for any free port
     * @return the new options
     */
    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, profile, maxPacketSize, allowRemote, sourceDirectories, warmUp,
                writeTimeout, idleTimeout);
    }

    /**
     * A copy with another address (a non-loopback one also needs {@link #withAllowRemote}).
     *
     * @param newHost the address to bind
     * @return the new options
     */
    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, profile, maxPacketSize, allowRemote, sourceDirectories, warmUp,
                writeTimeout, idleTimeout);
    }

    /**
     * A copy with a fixed client profile.
     *
     * @param newProfile the profile, or null to detect it per connection
     * @return the new options
     */
    public ServerOptions withProfile(ClientProfile newProfile) {
        return new ServerOptions(host, port, newProfile, maxPacketSize, allowRemote, sourceDirectories, warmUp,
                writeTimeout, idleTimeout);
    }

    /**
     * A copy that allows (or refuses) a non-loopback listen address.
     *
     * @param allow whether to allow it
     * @return the new options
     */
    public ServerOptions withAllowRemote(boolean allow) {
        return new ServerOptions(host, port, profile, maxPacketSize, allow, sourceDirectories, warmUp,
                writeTimeout, idleTimeout);
    }

    /**
     * A copy that lets the monitor's {@code list} read source files under these directories (and nowhere else).
     *
     * @param directories the directories
     * @return the new options
     */
    public ServerOptions withSourceDirectories(List<Path> directories) {
        return new ServerOptions(host, port, profile, maxPacketSize, allowRemote, directories, warmUp,
                writeTimeout, idleTimeout);
    }

    /**
     * A copy with the start-up warm-up on or off.
     *
     * @param on whether {@link GdbStubServer#start} warms up before it returns
     * @return the new options
     */
    public ServerOptions withWarmUp(boolean on) {
        return new ServerOptions(host, port, profile, maxPacketSize, allowRemote, sourceDirectories, on,
                writeTimeout, idleTimeout);
    }

    /**
     * A copy with another write timeout.
     *
     * @param timeout how long replies may wait for a debugger that takes none of them; {@link Duration#ZERO} for ever
     * @return the new options
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public ServerOptions withWriteTimeout(Duration timeout) {
        return new ServerOptions(host, port, profile, maxPacketSize, allowRemote, sourceDirectories, warmUp, timeout,
                idleTimeout);
    }

    /**
     * A copy with another idle timeout.
     *
     * @param timeout how long a debugger may send nothing while the guest is stopped; {@link Duration#ZERO} for ever
     * @return the new options
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public ServerOptions withIdleTimeout(Duration timeout) {
        return new ServerOptions(host, port, profile, maxPacketSize, allowRemote, sourceDirectories, warmUp,
                writeTimeout, timeout);
    }

    private static void requireNotNegative(Duration timeout, String name) {
        if (Objects.requireNonNull(timeout, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + timeout);
        }
    }
}
