package dev.chicory.gdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
    @TempDir
    Path root;

    @Test
    void aFileIsFoundWhereTheDwarfSaysOrUnderAGivenDirectoryButReadOnlyInsideOne() throws Exception {
        Path build = Files.createDirectories(root.resolve("build/src"));
        Path sources = Files.createDirectories(root.resolve("sources"));
        Path secret = Files.createDirectories(root.resolve("secret"));
        Files.writeString(build.resolve("a.c"), "int a;\n");
        Files.writeString(sources.resolve("b.c"), "int b;\n");
        Files.writeString(secret.resolve("key.c"), "int key;\n");
        List<String> compilationDirectories = List.of(root.resolve("gone").toString(), root.resolve("build").toString());
        List<Path> allowed = List.of(root.resolve("build"), sources);

        // Where the DWARF says: under a compilation directory, or an absolute path.
        assertThat(SourceFiles.locate("src/a.c", compilationDirectories, allowed)).contains(build.resolve("a.c").toRealPath());
        assertThat(SourceFiles.locate(build.resolve("a.c").toString(), List.of(), allowed)).isPresent();
        // Under a given directory by file name, as when the module was built elsewhere.
        assertThat(SourceFiles.locate("/elsewhere/b.c", compilationDirectories, allowed)).contains(sources.resolve("b.c").toRealPath());
        // Never outside the given directories: not by an absolute path, ../ or a symbolic link.
        assertThat(SourceFiles.locate(secret.resolve("key.c").toString(), compilationDirectories, allowed)).isEmpty();
        assertThat(SourceFiles.locate("../secret/key.c", List.of(sources.toString()), allowed)).isEmpty();
        Files.createSymbolicLink(sources.resolve("link.c"), secret.resolve("key.c"));
        assertThat(SourceFiles.locate("link.c", List.of(), allowed)).isEmpty();
        // Nothing at all without a given directory; nonsense paths are no files.
        assertThat(SourceFiles.locate("src/a.c", compilationDirectories, List.of())).isEmpty();
        assertThat(SourceFiles.locate("bad\0name.c", compilationDirectories, allowed)).isEmpty();
        assertThat(SourceFiles.locate("src", compilationDirectories, allowed)).as("a directory is no source file").isEmpty();
    }

    @Test
    void linesAreCutAtTheWindowAndAtTheirLengthLimit() throws Exception {
        Path file = root.resolve("long.c");
        Files.writeString(file, "one\ntwo\n" + "x".repeat(500) + "\nfour");

        assertThat(SourceFiles.lines(file, 2, 3)).containsExactly("two", "x".repeat(SourceFiles.MAX_LINE) + "...");
        assertThat(SourceFiles.lines(file, 4, 9)).containsExactly("four");
        assertThat(SourceFiles.lines(file, 7, 9)).isEmpty();
    }
}
