package io.github.chicorygdbstub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads {@code $payload#xx} frames with bulk reads and array scans, so that the measuring side
 * costs as little as possible (byte-at-a-time stream reads would hide the difference between
 * the server and the transport). Acks and anything else before a {@code $} are skipped.
 */
final class FrameReader {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 17];
    private int position;
    private int limit;
    private byte[] payload = new byte[1 << 18];

    FrameReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next frame; its payload is in {@link #payload()}; returns the payload length. */
    int next() throws IOException {
        while (true) {
            int dollar = indexOf('$');
            if (dollar >= 0) {
                position = dollar + 1;
                break;
            }
            position = limit;
            fill();
        }
        int length = 0;
        while (true) {
            int hash = indexOf('#');
            int end = hash >= 0 ? hash : limit;
            int n = end - position;
            if (length + n > payload.length) {
                payload = Arrays.copyOf(payload, Math.max(payload.length * 2, length + n));
            }
            System.arraycopy(buffer, position, payload, length, n);
            length += n;
            position = end;
            if (hash >= 0) {
                position = hash + 1;
                skip(2); // checksum: not verified, this is a benchmark
                return length;
            }
            fill();
        }
    }

    byte[] payload() {
        return payload;
    }

    private int indexOf(char c) {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private void skip(int count) throws IOException {
        while (count > 0) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(count, limit - position);
            position += n;
            count -= n;
        }
    }

    private void fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            throw new IOException("connection closed");
        }
        limit += n;
    }
}
