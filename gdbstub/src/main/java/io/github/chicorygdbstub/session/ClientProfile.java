package io.github.chicorygdbstub.session;

/**
 * The register model and document set a connection gets. LLDB and GDB 13 need incompatible
 * ones: LLDB a single 64-bit {@code pc} register and a library list, GDB 13 (which has no
 * WebAssembly architecture) an x86-64 disguise with the pc in {@code rip}.
 */
public enum ClientProfile {
    /** LLDB: a single 64-bit {@code pc} register and a library list. */
    LLDB,
    /** GDB 13: an x86-64 disguise with the pc in {@code rip}. */
    GDB;

    /**
     * Guesses the client from its first packet: LLDB always opens with {@code QStartNoAckMode},
     * GDB with {@code qSupported}, whose feature list is then checked by {@link #fromSupportedFeatures}.
     *
     * @param packetName the name of the first packet
     * @return {@link #LLDB}, or null when the packet does not tell
     */
    public static ClientProfile fromFirstPacket(String packetName) {
        return "QStartNoAckMode".equals(packetName) ? LLDB : null;
    }

    /**
     * Tells the client from the features it lists in {@code qSupported}: GDB offers
     * {@code qRelocInsn+} and {@code vContSupported+}; LLDB offers neither.
     *
     * @param features the arguments of the client's {@code qSupported}
     * @return the client
     */
    public static ClientProfile fromSupportedFeatures(String features) {
        return features.contains("qRelocInsn+") || features.contains("vContSupported+") ? GDB : LLDB;
    }
}
