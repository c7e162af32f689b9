package io.github.chicorygdbstub.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A lean RSP client for measurements: buffered streams, no per-byte system calls, replies kept
 * as raw bytes (escapes are not undone: hex replies have none). Talks no-ack mode after
 * {@link #noAck()}.
 */
final class BenchClient implements AutoCloseable {
    private final Socket socket;
    private final FrameReader frames;
    private final OutputStream out;

    BenchClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        frames = new FrameReader(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 4096);
    }

    /** Leaves ack mode, as every real client does first. */
    void noAck() throws IOException {
        out.write('+');
        String ok = ask("QStartNoAckMode");
        if (!ok.equals("OK")) {
            throw new IOException("QStartNoAckMode: " + ok);
        }
    }

    String ask(String payload) throws IOException {
        send(payload);
        return readText();
    }

    /** Sends a request and reads the reply payload into {@link #reply()}; returns its length. */
    int askRaw(String payload) throws IOException {
        send(payload);
        return read();
    }

    void send(String payload) throws IOException {
        out.write(frame(payload));
        out.flush();
    }

    static byte[] frame(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            sum += payload.charAt(i);
        }
        return ("$" + payload + "#" + String.format("%02x", sum & 0xff)).getBytes(StandardCharsets.ISO_8859_1);
    }

    String readText() throws IOException {
        int n = read();
        return new String(frames.payload(), 0, n, StandardCharsets.ISO_8859_1);
    }

    byte[] reply() {
        return frames.payload();
    }

    /** Reads one packet (skipping acks). */
    int read() throws IOException {
        return frames.next();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
