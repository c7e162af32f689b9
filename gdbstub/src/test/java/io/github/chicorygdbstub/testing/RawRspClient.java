package io.github.chicorygdbstub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A minimal RSP client over a real socket: frames requests, reads acks and reply packets. */
public final class RawRspClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawRspClient(int port) throws IOException {
        this(port, 0);
    }

    private RawRspClient(int port, int receiveBufferSize) throws IOException {
        socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize); // before connecting: it sets the window offered
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A client whose socket buffers at most about {@code bytes} of what the server sends, for back-pressure tests. */
    public static RawRspClient withReceiveBuffer(int port, int bytes) throws IOException {
        return new RawRspClient(port, bytes);
    }

    public static String frame(String payload) {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    /** Writes raw bytes (framed packets, acks, 0x03, garbage). */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void send(String payload) throws IOException {
        write(frame(payload));
    }

    /** Reads what has arrived into {@code buffer} from {@code offset} on, waiting for a byte at least; -1 at end of stream. */
    public int read(byte[] buffer, int offset) throws IOException {
        return in.read(buffer, offset, buffer.length - offset);
    }

    /** {@return the client's port, which the server logs as the debugger's address} */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** The next byte from the server, or -1 at end of stream. */
    public int readByte() throws IOException {
        return in.read();
    }

    /** Reads the next packet, skipping acks; returns its payload (checksum verified, escapes removed). */
    public String readPacket() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
        } while (c != '$');
        var payload = new StringBuilder();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("connection closed inside a packet");
            }
            payload.append((char) c);
        }
        String checksum = "" + (char) in.read() + (char) in.read();
        if (!frame(payload.toString()).endsWith("#" + checksum)) {
            throw new IOException("bad checksum in " + payload);
        }
        return unescape(payload);
    }

    private static String unescape(CharSequence escaped) {
        var out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            out.append(c == '}' && i + 1 < escaped.length() ? (char) (escaped.charAt(++i) ^ 0x20) : c);
        }
        return out.toString();
    }

    /** Sends a packet (no-ack mode) and reads its reply. */
    public String ask(String payload) throws IOException {
        send(payload);
        return readPacket();
    }

    /** Whether the server closed the connection (waits up to the socket timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
