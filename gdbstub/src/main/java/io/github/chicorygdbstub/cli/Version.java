package io.github.chicorygdbstub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions {@code --version} prints, recorded in the jar by the build. */
final class Version {
    private Version() {}

    /** {@code chicory-gdbstub 0.1.0 (Chicory 1.7.5, Java 17.0.15)}. */
    static String text() {
        var properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the versions unknown
        }
        return "chicory-gdbstub " + properties.getProperty("version", "(unknown version)") + " (Chicory "
                + properties.getProperty("chicory", "?") + ", Java " + Runtime.version() + ")";
    }
}
