package dev.chicory.gdbstub.packets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Source files on the server's disk, where a module's DWARF says they are: a line table's path
 * as it is when absolute, else under one of the compilation directories; failing that, next to
 * the module file (a module built elsewhere and copied with its sources). Only files a line
 * table names are ever looked up, and only their first {@link #MAX_BYTES} are read.
 */
final class SourceFiles {
    /** Bytes of a source file read at most: a listing never needs a generated megabyte file's end. */
    static final int MAX_BYTES = 8 << 20;
    /** Characters of a source line shown before "...". */
    static final int MAX_LINE = 200;

    private SourceFiles() {}

    /**
     * The file a line table's path names, if it is on this disk.
     *
     * @param moduleDirectory the directory of the module file, or null
     */
    static Optional<Path> locate(String path, List<String> compilationDirectories, Path moduleDirectory) {
        try {
            Path named = Path.of(path);
            Stream<Path> where = named.isAbsolute() ? Stream.of(named)
                    : compilationDirectories.stream().map(directory -> Path.of(directory).resolve(named));
            Stream<Path> nextToModule = moduleDirectory == null || named.getFileName() == null ? Stream.empty()
                    : Stream.of(moduleDirectory.resolve(named.getFileName()));
            return Stream.concat(where, nextToModule).filter(Files::isRegularFile).findFirst();
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
    }

    /** Lines {@code first} to {@code last} (1-based, inclusive) of a file, cut at {@link #MAX_LINE}; fewer at its end. */
    static List<String> lines(Path file, int first, int last) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8).lines()
                .skip(Math.max(0, first - 1))
                .limit(Math.max(0, last - Math.max(1, first) + 1))
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line)
                .toList();
    }
}
