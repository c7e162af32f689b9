package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars on the module path. The library jars as an application module uses them: {@code src/module-path-app}, a
 * module that requires the server module only, compiled against the jars this build made and run
 * with them and Chicory's, Netty's and SLF4J's jars on {@code --module-path}. With the
 * {@code --add-opens} options docs/embedding.md lists it stops at a breakpoint; without them it
 * fails with the message the docs quote. The options the docs list, the message and the build's
 * {@code chicory.addOpens} (what the modules' own tests run with) are held to one another. The CLI
 * jar, one automatic module, needs no options.
 */
@Timeout(300)
class ModulePathTest {
    private static final Duration RUN = Duration.ofMinutes(2);
    private static final Pattern FENCE = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    static Path work;
    private static Path app;

    @BeforeAll
    static void compileTheApplicationModule() throws IOException {
        Path sources = Tools.projectRoot().resolve("integration-tests/src/module-path-app");
        app = work.resolve("moduleapp");
        List<String> args = new ArrayList<>(List.of("-d", app.toString(), "--module-path", librariesModulePath()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(status).as("javac " + args).isZero();
    }

    @Test
    void withTheDocumentedOpensAGuestStopsAtABreakpointOnTheModulePath() {
        Run run = runApplication(documentedOptions());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout().lines()).as(run.stderr()).containsExactly(
                "modules: moduleapp io.github.chicorygdbstub.gdbstub io.github.chicorygdbstub.runtime"
                        + " com.dylibso.chicory.runtime",
                "serving: true",
                "stop: BREAKPOINT in [square, process]",
                "process(7) = 49");
    }

    @Test
    void withoutThemTheDebuggeeFailsWithTheDocumentedMessageNamingThem() {
        Run run = runApplication(List.of());

        String message = documentedBlocks().get(1).strip();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("java.lang.IllegalStateException: " + message + "\n");
        assertThat(message).contains("Start the JVM with " + String.join(" ", documentedOptions()) + " (");
    }

    @Test
    void theCliJarServesAGuestOnTheModulePathWithoutOptions() {
        Run run = java(List.of("--module-path", Tools.builtJar("gdbstub", "-cli").toString(),
                "-m", "io.github.chicorygdbstub.gdbstub/io.github.chicorygdbstub.cli.Main",
                "-g", "127.0.0.1:0", "--connect-timeout", "0.5", Fixtures.wasm("loop_wat").toString()));

        // Listening means the debuggee was built, past the check of Chicory's internals.
        assertThat(run.stderr()).contains("loop_wat.wasm is stopped at its first instruction",
                "no debugger connected within 0.5 s");
        assertThat(run.exit()).as(run.stderr()).isEqualTo(3);
    }

    @Test
    void theBuildsTestsRunWithTheDocumentedOpens() {
        assertThat(String.join(" ", documentedOptions())).isEqualTo(System.getProperty("chicory.addOpens"));
    }

    /** The options of the first code block in docs/embedding.md's "Class path and module path". */
    private static List<String> documentedOptions() {
        List<String> options = new ArrayList<>();
        for (String line : documentedBlocks().get(0).strip().split("\n")) {
            assertThat(line).startsWith("--add-opens ");
            options.add("--add-opens");
            options.add(line.substring("--add-opens ".length()));
        }
        assertThat(options).isNotEmpty();
        return options;
    }

    private static List<String> documentedBlocks() {
        String docs = read(Tools.projectRoot().resolve("docs/embedding.md"));
        int start = docs.indexOf("\n## Class path and module path\n");
        assertThat(start).as("docs/embedding.md has the section").isPositive();
        int end = docs.indexOf("\n## ", start + 1);
        Matcher blocks = FENCE.matcher(docs.substring(start, end < 0 ? docs.length() : end));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        assertThat(found).as("the options and the message").hasSizeGreaterThanOrEqualTo(2);
        return found;
    }

    private static Run runApplication(List<String> options) {
        List<String> args = new ArrayList<>(List.of("--module-path", app + File.pathSeparator + librariesModulePath()));
        args.addAll(options);
        args.addAll(List.of("-m", "moduleapp/moduleapp.Main", Fixtures.wasm("reactor_wat").toString()));
        return java(args);
    }

    /** Runs a JVM like this one's with {@code args} and waits for it to end. */
    private static Run java(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.DISCARD.file()).start();
            Processes.Transcript stdout = Processes.capture(process.getInputStream(), "java stdout");
            Processes.Transcript stderr = Processes.capture(process.getErrorStream(), "java stderr");
            int exit = Processes.awaitExit(process, RUN);
            return new Run(exit, stdout.complete(RUN), stderr.complete(RUN));
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }

    /** The library jars and their run-time dependencies (integration-tests/pom.xml lists them). */
    private static String librariesModulePath() {
        String path = System.getProperty("libraries.modulePath", "");
        assertThat(Arrays.stream(path.split(File.pathSeparator)).map(entry -> Path.of(entry).getFileName().toString()))
                .as("libraries.modulePath, set by integration-tests/pom.xml")
                .anyMatch(name -> name.startsWith("runtime-1."))
                .anyMatch(name -> name.startsWith("netty-transport-"));
        return path;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private record Run(int exit, String stdout, String stderr) {}
}
