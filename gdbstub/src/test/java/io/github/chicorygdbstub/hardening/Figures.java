package io.github.chicorygdbstub.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures of the last run (cases tried, cycles survived, memory), appended to
 * {@code target/reliability-figures.txt} for docs/reliability.md.
 */
final class Figures {
    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {}

    static synchronized void record(String line) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
