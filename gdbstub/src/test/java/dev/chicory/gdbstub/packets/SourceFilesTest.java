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
    void aRelativePathIsLookedForUnderEachCompilationDirectoryThenNextToTheModule() throws Exception {
        Path build = Files.createDirectories(root.resolve("build/src"));
        Path modules = Files.createDirectories(root.resolve("modules"));
        Files.writeString(build.resolve("a.c"), "int a;\n");
        Files.writeString(modules.resolve("b.c"), "int b;\n");
        List<String> directories = List.of(root.resolve("gone").toString(), root.resolve("build").toString());

        assertThat(SourceFiles.locate("src/a.c", directories, modules)).contains(build.resolve("a.c"));
        assertThat(SourceFiles.locate("elsewhere/b.c", directories, modules)).contains(modules.resolve("b.c"));
        assertThat(SourceFiles.locate(build.resolve("a.c").toString(), List.of(), null)).contains(build.resolve("a.c"));
        assertThat(SourceFiles.locate("src/c.c", directories, modules)).isEmpty();
        assertThat(SourceFiles.locate("bad\0name.c", directories, modules)).isEmpty();
        assertThat(SourceFiles.locate("src", directories, null)).as("a directory is no source file").isEmpty();
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
