package io.github.chicorygdbstub.session;

/** A request whose arguments do not parse; answered with {@code E01}. */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
