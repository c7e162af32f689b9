package io.github.chicorygdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chicory-gdbstub compile} and {@code --class-path JAR --compiled NAME}: messages and exit codes. */
@Timeout(120)
class CompileCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void compileWritesAJarThatTheCompiledOptionRuns() {
        Path jar = temp.resolve("fib.jar");
        assertThat(run("compile", Fixtures.wasm("fib").toString(), "--name", "com.example.Fib", "-o", jar.toString()))
                .as(errors()).isZero();
        assertThat(errors()).startsWith("chicory-gdbstub compile: wrote " + jar + ": com.example.Fib from fib.wasm,"
                + " original embedded (");
        assertThat(jar).exists();

        assertThat(run("--class-path", jar.toString(), "--compiled", "com.example.Fib", "--listen", "127.0.0.1:0",
                "--no-wait", "10")).as(errors()).isZero();
        assertThat(errors()).contains("fib.wasm is running").doesNotContain("runtime-path");
    }

    @Test
    void compileUsageErrorsSayWhatIsMissing() {
        assertThat(run("compile", "x.wasm", "-o", "x.jar")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub compile: --name NAME is required");
        assertThat(run("compile", "--name", "a.B", "-o", "x.jar")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub compile: no module given");
        assertThat(run("compile", "missing.wasm", "--name", "a.B", "-o", "x.jar")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub compile: error: no such file: missing.wasm");
        assertThat(run("compile", "x.wasm", "--name", "a.B", "-o", "x.jar", "--interpreter-fallback", "maybe"))
                .isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).contains("--interpreter-fallback takes FAIL, WARN or SILENT, got 'maybe'");
        assertThat(run("compile", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: chicory-gdbstub compile MODULE.wasm");
    }

    @Test
    void compiledUsageErrorsSayWhatIsMissing() throws Exception {
        assertThat(run("--compiled", "com.example.Fib")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub: --compiled needs --class-path");
        assertThat(run("--class-path", temp.toString(), "fib.wasm")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub: --class-path is only for --compiled NAME");
        assertThat(run("--class-path", temp.resolve("none.jar").toString(), "--compiled", "a.B"))
                .isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub: error: --class-path: no such file or directory:");
        assertThat(run("--class-path", temp.toString(), "--compiled", "com.example.Fib"))
                .isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub: error: com.example.Fib: no build-time-compiled module of"
                + " that name on the class path");

        Path plain = temp.resolve("plain.jar");
        assertThat(run("compile", Fixtures.wasm("fib").toString(), "--name", "com.example.Fib", "-o", plain.toString(),
                "--without-original")).as(errors()).isZero();
        assertThat(run("--class-path", plain.toString(), "--compiled", "com.example.Fib"))
                .isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).contains("the artifact holds no embedded original module");
    }

    /** The plugin rebuilt after compilation, and its new original put in the old jar. */
    @Test
    void aStaleJarIsRefusedWithWhatDiffers() throws Exception {
        Path jar = temp.resolve("plugin.jar");
        Path rebuilt = temp.resolve("rebuilt.jar");
        assertThat(run("compile", Fixtures.wasm("plugin").toString(), "--name", "com.example.Plugin", "-o",
                jar.toString())).as(errors()).isZero();
        assertThat(run("compile", Fixtures.wasm("plugin_rebuilt").toString(), "--name", "com.example.Plugin", "-o",
                rebuilt.toString())).as(errors()).isZero();
        try (var newer = FileSystems.newFileSystem(rebuilt); var older = FileSystems.newFileSystem(
                URI.create("jar:" + jar.toUri()), Map.of())) {
            for (String entry : new String[] {"Plugin.original.wasm", "Plugin.original.properties"}) {
                Files.copy(newer.getPath("com/example/" + entry), older.getPath("com/example/" + entry),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }

        assertThat(run("--class-path", jar.toString(), "--compiled", "com.example.Plugin")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).startsWith("chicory-gdbstub: error: com.example.Plugin: the embedded original"
                + " plugin_rebuilt.wasm does not match the compiled module (was the .wasm rebuilt after compilation?):")
                .contains("Plugin.meta's SHA-256 is").contains("code section");
    }
}
