package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No library code may end the JVM: only the CLI's {@code main} calls {@code System.exit}. */
class NoSystemExitTest {
    private static final List<String> JVM_ENDERS = List.of("System.exit(", "Runtime.getRuntime().exit(", ".halt(");

    @Test
    void onlyTheCliMainEndsTheJvm() throws IOException {
        Path cliMain = Path.of("src/main/java/io/github/chicorygdbstub/cli/Main.java");
        try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("../runtime/src/main/java")))) {
            List<Path> offenders = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.normalize().equals(cliMain.normalize()))
                    .filter(NoSystemExitTest::endsTheJvm)
                    .toList();
            assertThat(offenders).isEmpty();
        }
        List<String> exits = Files.readAllLines(cliMain).stream().filter(l -> l.contains("System.exit(")).toList();
        assertThat(exits).hasSize(1).allSatisfy(line -> assertThat(line.trim()).isEqualTo("System.exit(run(args, System.out, System.err, true));"));
    }

    private static boolean endsTheJvm(Path source) {
        try {
            String text = Files.readString(source);
            return JVM_ENDERS.stream().anyMatch(text::contains);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
