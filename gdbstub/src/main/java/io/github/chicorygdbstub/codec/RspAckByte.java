package io.github.chicorygdbstub.codec;

/**
 * A bare acknowledgement byte written outside any packet: {@code +} for a packet received intact, {@code -}
 * to ask the client to resend. {@link RspAckHandler} writes these; the session never needs to.
 */
public enum RspAckByte implements RspOutbound {
    /** {@code +}: packet received. */
    ACK('+'),
    /** {@code -}: packet corrupted, please resend. */
    NAK('-');

    private final byte wireByte;

    RspAckByte(char wireByte) {
        this.wireByte = (byte) wireByte;
    }

    /** {@return the byte that goes on the wire} */
    public byte wireByte() {
        return wireByte;
    }
}
