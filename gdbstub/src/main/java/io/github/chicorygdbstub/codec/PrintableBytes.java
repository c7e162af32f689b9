package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;

/** Short, log-safe renderings of payloads for {@code toString()}. */
final class PrintableBytes {
    /** Payloads run to 128 KiB; a log line only needs enough to recognise the packet. */
    private static final int LIMIT = 80;

    private PrintableBytes() {}

    static String of(byte[] bytes, int offset, int length) {
        return render(bytes, offset, Math.min(length, LIMIT), length);
    }

    /** The readable bytes of {@code buf}, without moving its indices. */
    static String of(ByteBuf buf) {
        int length = buf.readableBytes();
        byte[] shown = new byte[Math.min(length, LIMIT)];
        buf.getBytes(buf.readerIndex(), shown);
        return render(shown, 0, shown.length, length);
    }

    private static String render(byte[] bytes, int offset, int shown, int total) {
        var text = new StringBuilder(shown + 24);
        for (int i = 0; i < shown; i++) {
            int b = bytes[offset + i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                // Escaped so that binary payloads cannot corrupt a log line or a terminal.
                text.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        if (shown < total) {
            text.append("... (").append(total).append(" bytes)");
        }
        return text.toString();
    }
}
