package io.github.chicorygdbstub.codec;

/**
 * Hex text that {@link Hex} could not decode: a non-hex byte, an odd number of digits, an empty number, or a
 * number that does not fit in 64 bits.
 *
 * <p>Unchecked because the callers are packet parsers that turn any malformed input into one error reply;
 * {@link #position()} lets them say where the request went wrong.
 */
public final class InvalidHexException extends IllegalArgumentException {
    /** Where the input went wrong; see {@link #position()}. */
    private final int position;

    /**
     * @param message what is wrong
     * @param position index in the source array of the offending byte, or of the end of the range when the
     *     range as a whole is wrong (odd length, empty)
     */
    public InvalidHexException(String message, int position) {
        super(message + " at index " + position);
        this.position = position;
    }

    /**
     * {@return the index in the source array of the offending byte (or the end of the range for length problems)}
     */
    public int position() {
        return position;
    }
}
