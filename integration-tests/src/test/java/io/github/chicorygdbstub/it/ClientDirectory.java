package io.github.chicorygdbstub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh, empty working directory for one debugger run, under {@code target/client-runs}. No
 * {@code .wasm} file is in it, so whatever module a debugger shows came over the wire.
 */
final class ClientDirectory {
    private ClientDirectory() {}

    static Path create(String client) {
        try {
            Path runs = Files.createDirectories(Path.of("target", "client-runs"));
            return Files.createTempDirectory(runs, client + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
