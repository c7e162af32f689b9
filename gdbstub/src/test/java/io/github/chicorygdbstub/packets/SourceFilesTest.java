package io.github.chicorygdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
    @TempDir
    Path temporary;

    @Test
    void aFileIsFoundWhereTheDwarfSaysOrUnderAGivenDirectoryButReadOnlyInsideOne() throws Exception {
        Path root = temporary.toRealPath();
        Path build = Files.createDirectories(root.resolve("build/src"));
        Path sources = Files.createDirectories(root.resolve("sources"));
        Path secret = Files.createDirectories(root.resolve("secret"));
        Files.writeString(build.resolve("a.c"), "int a;\n");
        Files.writeString(sources.resolve("b.c"), "int b;\n");
        Files.writeString(secret.resolve("key.c"), "int key;\n");
        List<String> compilationDirectories = List.of(root.resolve("gone").toString(), "bad\0dir", "./relative",
                root.resolve("build").toString());
        List<Path> roots = List.of(root.resolve("build"), sources);

        // Where the DWARF says: under a compilation directory (a broken one does not spoil the rest), or absolute.
        assertThat(SourceFiles.locate("src/a.c", compilationDirectories, roots)).contains(build.resolve("a.c"));
        assertThat(SourceFiles.locate(build.resolve("a.c").toString(), List.of(), roots)).contains(build.resolve("a.c"));
        // Under a given directory by file name, as when the module was built elsewhere (Windows too).
        assertThat(SourceFiles.locate("/elsewhere/b.c", compilationDirectories, roots)).contains(sources.resolve("b.c"));
        assertThat(SourceFiles.locate("C:\\work\\b.c", compilationDirectories, roots)).contains(sources.resolve("b.c"));
        // Never outside the given directories: not by an absolute path, ../ or a symbolic link.
        assertThat(SourceFiles.locate(secret.resolve("key.c").toString(), compilationDirectories, roots)).isEmpty();
        assertThat(SourceFiles.locate("../secret/key.c", List.of(sources.toString()), roots)).isEmpty();
        Files.createSymbolicLink(sources.resolve("link.c"), secret.resolve("key.c"));
        assertThat(SourceFiles.locate("link.c", List.of(), roots)).isEmpty();
        // Nothing at all without a given directory; nonsense paths are no files.
        assertThat(SourceFiles.locate("src/a.c", compilationDirectories, List.of())).isEmpty();
        assertThat(SourceFiles.locate("bad\0name.c", compilationDirectories, roots)).isEmpty();
        assertThat(SourceFiles.locate("src", compilationDirectories, roots)).as("a directory is no source file").isEmpty();
    }

    @Test
    void theSamePathUnderAGivenDirectoryWinsOverTheSameFileName() throws Exception {
        Path root = temporary.toRealPath();
        Path first = Files.createDirectories(root.resolve("first"));
        Path second = Files.createDirectories(root.resolve("second/sub"));
        Files.writeString(first.resolve("util.c"), "first\n");
        Files.writeString(second.resolve("util.c"), "second\n");

        assertThat(SourceFiles.locate("sub/util.c", List.of(), List.of(first, root.resolve("second"))))
                .contains(second.resolve("util.c"));
    }

    @Test
    void linesAreCutAtTheWindowAndAtTheirLengthLimit() throws Exception {
        Path root = temporary.toRealPath();
        Path file = root.resolve("long.c");
        Files.writeString(file, "one\ntwo\n" + "x".repeat(500) + "\nfour");
        List<Path> roots = List.of(root);

        assertThat(SourceFiles.lines(file, roots, 2, 3)).containsExactly("two", "x".repeat(SourceFiles.MAX_LINE) + "...");
        assertThat(SourceFiles.lines(file, roots, 4, 9)).containsExactly("four");
        assertThat(SourceFiles.lines(file, roots, 7, 9)).isEmpty();
        assertThat(SourceFiles.lines(file, roots, Integer.MAX_VALUE - 5, Integer.MAX_VALUE + 5L)).isEmpty();
    }
}
