package io.github.chicorygdbstub.session;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over a request's argument bytes (what follows the packet name). Parsing never
 * allocates on the common path and reports bad input as {@link MalformedPacketException}.
 */
public final class PacketReader {
    private final byte[] payload;
    private int position;

    /**
     * A cursor over a packet.
     *
     * @param payload the packet's payload
     * @param start where the arguments start (just past the packet name)
     */
    public PacketReader(byte[] payload, int start) {
        this.payload = payload;
        this.position = start;
    }

    /** {@return whether every byte has been consumed} */
    public boolean atEnd() {
        return position >= payload.length;
    }

    /** {@return the number of bytes not yet consumed} */
    public int remaining() {
        return payload.length - position;
    }

    /** {@return the next byte without consuming it, or -1 at the end} */
    public int peek() {
        return atEnd() ? -1 : payload[position] & 0xff;
    }

    /**
     * Consumes {@code c} if it is next.
     *
     * @param c the expected byte
     * @return whether it was next (and is now consumed)
     */
    public boolean consume(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    /**
     * Consumes {@code text} if it comes next.
     *
     * @param text the expected bytes, as ASCII
     * @return whether they came next (and are now consumed)
     */
    public boolean consume(String text) {
        if (remaining() < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (payload[position + i] != text.charAt(i)) {
                return false;
            }
        }
        position += text.length();
        return true;
    }

    /**
     * Consumes {@code c}, which must come next.
     *
     * @param c the expected byte
     * @throws MalformedPacketException if something else comes next
     */
    public void expect(char c) {
        if (!consume(c)) {
            throw new MalformedPacketException("expected '" + c + "' at " + position);
        }
    }

    /**
     * {@return an unsigned hex number of up to 64 bits}
     *
     * @throws MalformedPacketException if no hex digit comes next or the number is too large
     */
    public long hex() {
        int start = position;
        long value = 0;
        while (!atEnd()) {
            int digit = Character.digit(payload[position], 16);
            if (digit < 0) {
                break;
            }
            if ((value >>> 60) != 0) {
                throw new MalformedPacketException("hex number too large");
            }
            value = (value << 4) | digit;
            position++;
        }
        if (position == start) {
            throw new MalformedPacketException("expected a hex number at " + start);
        }
        return value;
    }

    /**
     * {@return a non-negative decimal number that fits in an int}
     *
     * @throws MalformedPacketException if no digit comes next or the number is too large
     */
    public int decimal() {
        int start = position;
        long value = 0;
        while (!atEnd() && payload[position] >= '0' && payload[position] <= '9') {
            value = value * 10 + (payload[position++] - '0');
            if (value > Integer.MAX_VALUE) {
                throw new MalformedPacketException("decimal number too large");
            }
        }
        if (position == start) {
            throw new MalformedPacketException("expected a decimal number at " + start);
        }
        return (int) value;
    }

    /**
     * {@return a thread id: hex, or {@code -1} for all threads; of a multiprocess id
     * {@code p<pid>.<tid>}, the thread part}
     *
     * @throws MalformedPacketException if no thread id comes next
     */
    public long threadId() {
        if (consume("-1")) {
            return -1;
        }
        consume('p');
        long id = hex();
        if (consume('.')) {
            id = consume("-1") ? -1 : hex();
        }
        return id;
    }

    /**
     * {@return the hex-encoded bytes up to the end (two digits per byte)}
     *
     * @throws MalformedPacketException if the digits are odd in number or not all hex
     */
    public byte[] hexBytes() {
        int digits = remaining();
        if ((digits & 1) != 0) {
            throw new MalformedPacketException("odd number of hex digits");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(payload[position++], 16);
            int lo = Character.digit(payload[position++], 16);
            if (hi < 0 || lo < 0) {
                throw new MalformedPacketException("bad hex digit");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** {@return the raw remaining bytes, all consumed} */
    public byte[] restBytes() {
        byte[] out = java.util.Arrays.copyOfRange(payload, position, payload.length);
        position = payload.length;
        return out;
    }

    /** {@return the remaining bytes as ASCII text, all consumed} */
    public String rest() {
        String text = new String(payload, position, remaining(), StandardCharsets.ISO_8859_1);
        position = payload.length;
        return text;
    }

    /**
     * Text up to (not including) {@code delimiter}, which is consumed.
     *
     * @param delimiter the byte that ends the text
     * @return the text before it; the rest if it does not come
     */
    public String until(char delimiter) {
        int start = position;
        while (!atEnd() && payload[position] != delimiter) {
            position++;
        }
        String text = new String(payload, start, position - start, StandardCharsets.ISO_8859_1);
        consume(delimiter);
        return text;
    }
}
