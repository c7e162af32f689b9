package io.github.chicorygdbstub.session;

/**
 * The register model and document set a connection gets. LLDB and GDB 13 need incompatible
 * ones: LLDB a single 64-bit {@code pc} register and a library list, GDB 13 (which has no
 * WebAssembly architecture) an x86-64 disguise with the pc in {@code rip}.
 */
public enum ClientProfile {
    LLDB,
    GDB;

    /**
     * Guesses the client from its first packet: LLDB always opens with {@code QStartNoAckMode},
     * GDB with {@code qSupported}, whose feature list is then checked by {@link #fromSupportedFeatures}.
     */
    public static ClientProfile fromFirstPacket(String packetName) {
        return "QStartNoAckMode".equals(packetName) ? LLDB : null;
    }

    /** GDB offers {@code qRelocInsn+} and {@code vContSupported+}; LLDB offers neither. */
    public static ClientProfile fromSupportedFeatures(String features) {
        return features.contains("qRelocInsn+") || features.contains("vContSupported+") ? GDB : LLDB;
    }
}
