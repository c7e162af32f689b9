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
 * Source files on the server's disk, for the monitor's listings. A line table's path is looked
 * for where the DWARF says it is (as it is when absolute, else under each compilation directory),
 * then under each directory the server was given, by its path and by its file name. A file is
 * read only when it lies inside one of those directories, symbolic links resolved: without any,
 * nothing is read. Only files a line table names are looked up, and only their first {@link
 * #MAX_BYTES}.
 */
final class SourceFiles {
    /** Bytes of a source file read at most: a listing never needs a generated megabyte file's end. */
    static final int MAX_BYTES = 8 << 20;
    /** Characters of a source line shown before "...". */
    static final int MAX_LINE = 200;

    private SourceFiles() {}

    /**
     * The file a line table's path names, if it is on this disk inside one of {@code allowed}.
     *
     * @param compilationDirectories the units' {@code DW_AT_comp_dir}s, which relative paths are relative to
     */
    static Optional<Path> locate(String path, List<String> compilationDirectories, List<Path> allowed) {
        List<Path> roots = allowed.stream().map(SourceFiles::real).flatMap(Optional::stream).toList();
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path named = Path.of(path);
            Stream<Path> whereDwarfSays = named.isAbsolute() ? Stream.of(named)
                    : compilationDirectories.stream().map(directory -> Path.of(directory).resolve(named));
            Stream<Path> underAllowed = allowed.stream().flatMap(directory -> named.getFileName() == null ? Stream.empty()
                    : named.isAbsolute() ? Stream.of(directory.resolve(named.getFileName()))
                    : Stream.of(directory.resolve(named), directory.resolve(named.getFileName())));
            return Stream.concat(whereDwarfSays, underAllowed)
                    .filter(Files::isRegularFile)
                    .map(SourceFiles::real).flatMap(Optional::stream)
                    .filter(file -> roots.stream().anyMatch(file::startsWith))
                    .findFirst();
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
    }

    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
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
