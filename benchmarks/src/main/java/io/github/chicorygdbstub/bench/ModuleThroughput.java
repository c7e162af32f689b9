package io.github.chicorygdbstub.bench;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.session.ClientProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a whole large module image with the largest {@code m} the server allows, and compares
 * the rate with the transport limit: a plain Java socket pair that answers the same requests
 * with ready-made replies of the same size, in the same run.
 */
final class ModuleThroughput {
    private static final String MODULE = "big";
    private final int rounds;

    ModuleThroughput(int rounds) {
        this.rounds = rounds;
    }

    List<Figure> run() throws Exception {
        var server = new Samples();
        var binary = new Samples();
        var transport = new Samples();
        try (ServedGuest guest = ServedGuest.start(MODULE, ClientProfile.LLDB);
                BenchClient client = guest.connect();
                EchoServer echo = new EchoServer()) {
            ModuleImage image = guest.debuggee().module(0);
            int chunk = maxHexRead();
            for (int round = -2; round < rounds; round++) {
                double s = readImage(client, "m", image.size(), chunk);
                double x = readImage(client, "x", image.size(), 2 * chunk);
                double t = echo.replay(image.size(), chunk);
                if (round >= 0) {
                    server.add(s);
                    binary.add(x);
                    transport.add(t);
                }
            }
            double mb = image.size() / 1e6;
            double ratio = transport.median() / server.median();
            return List.of(
                    new Figure("`m` module read, " + mb(image) + " in 0x" + Integer.toHexString(chunk) + "-byte reads, "
                            + (Hex.vectorized() ? "vector" : "scalar") + " hex encoder",
                            mb / server.median(), "MB/s", ratio, "≥ 0.5", ratio >= 0.5),
                    new Figure("transport limit: socket pair, same hex volume and pattern", mb / transport.median(),
                            "MB/s", 1.0, "", true),
                    new Figure("`x` binary module read (LLDB profile), 0x" + Integer.toHexString(2 * chunk) + "-byte reads",
                            mb / binary.median(), "MB/s", transport.median() / binary.median(), "", true));
        }
    }

    private static String mb(ModuleImage image) {
        return String.format("%.1f MB", image.size() / 1e6);
    }

    /** The server's largest {@code m} reply: half the advertised packet size. */
    private static int maxHexRead() {
        return ServerOptions.DEFAULT_PACKET_SIZE / 2;
    }

    /** Seconds to read {@code size} bytes from module 0 in {@code chunk}-byte requests. */
    private static double readImage(BenchClient client, String command, int size, int chunk) throws IOException {
        long start = System.nanoTime();
        for (int offset = 0; offset < size; offset += chunk) {
            int n = Math.min(chunk, size - offset);
            client.askRaw(command + Long.toHexString(0x4000000000000000L + offset) + "," + Integer.toHexString(n));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The transport limit: a server that answers each request with a prepared reply of the right size. */
    static final class EchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Socket client = new Socket();
        private final Socket server;
        private final FrameReader in;
        private final OutputStream out;
        private volatile byte[] reply;

        EchoServer() throws IOException {
            client.setTcpNoDelay(true);
            client.connect(listener.getLocalSocketAddress());
            server = listener.accept();
            server.setTcpNoDelay(true);
            in = new FrameReader(client.getInputStream());
            out = client.getOutputStream();
            Thread responder = new Thread(this::respond, "echo-server");
            responder.setDaemon(true);
            responder.start();
        }

        /** Seconds for the same request/reply pattern as {@link #readImage}, with hex replies. */
        double replay(int size, int chunk) throws IOException {
            byte[] hex = HexFormat.of().formatHex(new byte[chunk]).getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[hex.length + 4];
            frame[0] = '$';
            System.arraycopy(hex, 0, frame, 1, hex.length);
            frame[frame.length - 3] = '#';
            frame[frame.length - 2] = '0';
            frame[frame.length - 1] = '0';
            reply = frame;
            long start = System.nanoTime();
            for (int offset = 0; offset < size; offset += chunk) {
                out.write(BenchClient.frame("m" + Long.toHexString(0x4000000000000000L + offset) + ","
                        + Integer.toHexString(Math.min(chunk, size - offset))));
                out.flush();
                in.next();
            }
            return (System.nanoTime() - start) / 1e9;
        }

        /** Answers every request frame with the prepared reply, written and flushed once. */
        private void respond() {
            try (InputStream input = server.getInputStream(); OutputStream replies = server.getOutputStream()) {
                var requests = new FrameReader(input);
                while (true) {
                    requests.next();
                    replies.write(reply);
                    replies.flush();
                }
            } catch (IOException e) {
                // closed at the end of the benchmark
            }
        }

        /** One small request and one small reply: the bare round trip. */
        double roundTripMicros(byte[] request, byte[] smallReply) throws IOException {
            reply = smallReply;
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            in.next();
            return (System.nanoTime() - start) / 1e3;
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
            listener.close();
        }
    }
}
