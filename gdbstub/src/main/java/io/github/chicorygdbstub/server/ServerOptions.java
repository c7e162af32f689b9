package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.file.Path;
import java.util.List;

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
 */
public record ServerOptions(String host, int port, ClientProfile profile, int maxPacketSize, boolean allowRemote,
        List<Path> sourceDirectories) {
    /**
     * Copies the source directories.
     *
     * @param host see {@link #host()}
     * @param port see {@link #port()}
     * @param profile see {@link #profile()}
     * @param maxPacketSize see {@link #maxPacketSize()}
     * @param allowRemote see {@link #allowRemote()}
     * @param sourceDirectories see {@link #sourceDirectories()}
     */
    public ServerOptions {
        sourceDirectories = List.copyOf(sourceDirectories);
    }

    /**
     * Options without source directories (the form before they existed).
     *
     * @param host see {@link #host()}
     * @param port see {@link #port()}
     * @param profile see {@link #profile()}
     * @param maxPacketSize see {@link #maxPacketSize()}
     * @param allowRemote see {@link #allowRemote()}
     */
    public ServerOptions(String host, int port, ClientProfile profile, int maxPacketSize, boolean allowRemote) {
        this(host, port, profile, maxPacketSize, allowRemote, List.of());
    }

    /** 128 KiB: LLDB's largest {@code m} read is then (128 KiB - 70) / 2 bytes. */
    public static final int DEFAULT_PACKET_SIZE = 0x20000;

    /** {@return options for loopback, a free port, profile detection and the default packet size} */
    public static ServerOptions loopback() {
        return new ServerOptions("127.0.0.1", 0, null, DEFAULT_PACKET_SIZE, false, List.of());
    }

    /**
     * A copy with another port.
     *
     * @param newPort the TCP port, 0 for any free port
     * @return the copy
     */
    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, profile, maxPacketSize, allowRemote, sourceDirectories);
    }

    /**
     * A copy with another address to bind.
     *
     * @param newHost a host name or address; one that is not loopback also needs {@link #withAllowRemote}
     * @return the copy
     */
    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, profile, maxPacketSize, allowRemote, sourceDirectories);
    }

    /**
     * A copy with a fixed client profile.
     *
     * @param newProfile the profile every connection gets, or null to detect it per connection
     * @return the copy
     */
    public ServerOptions withProfile(ClientProfile newProfile) {
        return new ServerOptions(host, port, newProfile, maxPacketSize, allowRemote, sourceDirectories);
    }

    /**
     * A copy that permits (or forbids) binding a non-loopback address.
     *
     * @param allow true to permit it (RSP has no authentication)
     * @return the copy
     */
    public ServerOptions withAllowRemote(boolean allow) {
        return new ServerOptions(host, port, profile, maxPacketSize, allow, sourceDirectories);
    }

    /**
     * Lets the monitor's {@code list} read source files under these directories (and nowhere else).
     *
     * @param directories the directories; empty turns source listings off
     * @return the copy
     */
    public ServerOptions withSourceDirectories(List<Path> directories) {
        return new ServerOptions(host, port, profile, maxPacketSize, allowRemote, directories);
    }
}
