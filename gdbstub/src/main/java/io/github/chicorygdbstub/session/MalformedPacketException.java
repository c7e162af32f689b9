package io.github.chicorygdbstub.session;

/** A request whose arguments do not parse; answered with {@code E01}. */
public final class MalformedPacketException extends RuntimeException {
    /**
     * Creates the exception, without a stack trace: it is a reply, not a fault.
     *
     * @param message what does not parse, and where
     */
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
