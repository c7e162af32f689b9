package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.dwarf.SourceLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Source files on the server's disk, for the monitor's listings, read only inside the
 * directories the server was given (its roots, real paths resolved when the session began):
 * without any, nothing is read. A line table's path is looked for where the DWARF says it is (as
 * it is when absolute, else under each absolute compilation directory), then under each root by
 * the same relative path, then under each root by file name. A candidate outside every root is
 * dropped before the disk is asked anything about it; one inside is read only if its real path
 * (symbolic links resolved) is inside a root too, and is checked again after reading. Only its
 * first {@link #MAX_BYTES} are read.
 *
 * <p>What this cannot rule out is a race with someone who can write inside a root (a guest given
 * that directory with {@code --dir}, say) and swaps a directory for a link between the checks:
 * do not give the server a source directory that the guest can write.
 */
final class SourceFiles {
    /** Bytes of a source file read at most: a listing never needs a generated megabyte file's end. */
    static final int MAX_BYTES = 8 << 20;
    /** Characters of a source line shown before "...". */
    static final int MAX_LINE = 200;

    private SourceFiles() {}

    /**
     * The real path of the file a line table's path names, if it is inside one of {@code roots}.
     *
     * @param compilationDirectories the units' {@code DW_AT_comp_dir}s, which relative paths are relative to
     * @param roots real paths of the directories the server may read
     */
    static Optional<Path> locate(String path, List<String> compilationDirectories, List<Path> roots) {
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        var candidates = new ArrayList<Path>();
        Optional<Path> named = parse(path);
        if (named.isPresent() && named.get().isAbsolute()) {
            candidates.add(named.get());
        } else if (named.isPresent()) {
            for (String directory : compilationDirectories) {
                parse(directory).filter(Path::isAbsolute).ifPresent(d -> candidates.add(d.resolve(named.get())));
            }
            roots.forEach(root -> candidates.add(root.resolve(named.get())));
        }
        String fileName = SourceLine.fileName(path);
        parse(fileName).filter(f -> !fileName.isEmpty()).ifPresent(f -> roots.forEach(root -> candidates.add(root.resolve(f))));
        return candidates.stream()
                .map(candidate -> candidate.toAbsolutePath().normalize())
                .filter(candidate -> inside(candidate, roots)) // before the disk is asked anything about it
                .filter(Files::isRegularFile)
                .map(SourceFiles::real).flatMap(Optional::stream)
                .filter(file -> inside(file, roots))
                .findFirst();
    }

    /**
     * Lines {@code first} to {@code last} (1-based, inclusive) of a file {@link #locate} found,
     * cut at {@link #MAX_LINE}; fewer at its end.
     *
     * @throws IOException also when the file is no longer inside a root once read
     */
    static List<String> lines(Path file, List<Path> roots, int first, long last) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        if (!inside(file.toRealPath(), roots)) {
            throw new IOException("moved out of the source directories while it was read");
        }
        return new String(bytes, StandardCharsets.UTF_8).lines()
                .skip(Math.max(0, first - 1L))
                .limit(Math.max(0, last - Math.max(1, first) + 1))
                .map(line -> line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line)
                .toList();
    }

    private static boolean inside(Path file, List<Path> roots) {
        return roots.stream().anyMatch(file::startsWith);
    }

    private static Optional<Path> parse(String path) {
        try {
            return Optional.of(Path.of(path));
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
}
