package io.github.chicorygdbstub.cli;

/**
 * Where the server listens, as {@code -g} takes it: {@code PORT}, {@code HOST:PORT} or
 * {@code [IPV6]:PORT}. {@code HOST:} with the port glued on is what LLDB's Wasm platform passes
 * ({@code port-arg} {@code -g=127.0.0.1:} becomes {@code -g=127.0.0.1:41645}).
 *
 * <p>Also how {@code chicory.gdbstub.listen} is written, which switches debugging on for
 * build-time-compiled modules.
 *
 * @param host a name or address, IPv6 without brackets
 * @param port 0 to 65535, 0 for any free port
 */
public record ListenAddress(String host, int port) {
    static final String LOOPBACK = "127.0.0.1";
    static final int DEFAULT_PORT = 1234;

    static final ListenAddress DEFAULT = new ListenAddress(LOOPBACK, DEFAULT_PORT);

    /** Thrown for text that is no listen address; the message says why. */
    public static final class InvalidListenAddressException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         */
        InvalidListenAddressException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code PORT}, {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @param text the address
     * @return the address; loopback when no host is given
     * @throws InvalidListenAddressException with a message saying what is wrong
     */
    public static ListenAddress parse(String text) {
        String host = LOOPBACK;
        String port = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new InvalidListenAddressException("expected [IPV6]:PORT, got '" + text + "'");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                if (text.indexOf(':') != colon) {
                    throw new InvalidListenAddressException(
                            "write an IPv6 address in brackets, as [" + text.substring(0, colon) + "]:PORT");
                }
                host = colon == 0 ? LOOPBACK : text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        return new ListenAddress(host, port(port));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidListenAddressException("invalid port '" + text + "' (0 to 65535)");
    }

    /**
     * A bound address as a person types it: IPv6 in its short form ({@code ::1}, RFC 5952).
     *
     * @param address the address
     * @return {@code host:port}, IPv6 in brackets
     */
    public static String authority(java.net.InetSocketAddress address) {
        return authority(shortForm(address.getAddress()), address.getPort());
    }

    private static String shortForm(java.net.InetAddress address) {
        if (!(address instanceof java.net.Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        // The longest run of two or more zero groups becomes "::" (the first, if two are as long).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        var text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /**
     * {@code host:port} as a URL or LLDB's {@code connect://} takes it: IPv6 in brackets.
     *
     * @param host a name or address, IPv6 without brackets
     * @param port the port
     * @return the authority
     */
    public static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
