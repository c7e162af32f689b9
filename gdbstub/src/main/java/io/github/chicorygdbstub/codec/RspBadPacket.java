package io.github.chicorygdbstub.codec;

import java.util.Objects;

/**
 * A complete {@code $...#xx} frame that could not be accepted.
 *
 * <p>The payload is not kept: for a bad checksum the client will send the packet again, and an oversized
 * packet was deliberately never buffered.
 *
 * @param reason why the frame was rejected
 */
public record RspBadPacket(Reason reason) implements RspInbound {

    /** Why a frame was rejected. */
    public enum Reason {
        /**
         * The two digits after {@code #} were not hex, or did not match the sum of the transmitted payload
         * bytes modulo 256.
         */
        BAD_CHECKSUM,
        /**
         * The payload, counted as transmitted (escaped), was longer than the decoder's maximum. Its bytes
         * were discarded up to the closing {@code #xx}; the checksum was not checked.
         */
        OVERSIZED
    }

    /**
     * Rejects a missing reason.
     *
     * @param reason see {@link #reason()}
     */
    public RspBadPacket {
        Objects.requireNonNull(reason, "reason");
    }

    /** The instance for a frame whose checksum did not verify. */
    public static final RspBadPacket BAD_CHECKSUM = new RspBadPacket(Reason.BAD_CHECKSUM);

    /** The instance for a frame longer than the decoder accepts. */
    public static final RspBadPacket OVERSIZED = new RspBadPacket(Reason.OVERSIZED);
}
