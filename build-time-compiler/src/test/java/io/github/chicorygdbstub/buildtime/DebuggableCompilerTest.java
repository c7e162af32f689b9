package io.github.chicorygdbstub.buildtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.build.time.compiler.Config;
import com.dylibso.chicory.build.time.compiler.Generator;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.compiled.CompiledArtifact;
import io.github.chicorygdbstub.runtime.compiled.CompiledArtifactException;
import io.github.chicorygdbstub.runtime.compiled.OriginalDescriptor;
import io.github.chicorygdbstub.runtime.compiled.StaleArtifactException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chicory's real build-time compiler (1.7.5) on the plugin fixture, and what the debugger makes of its output. */
class DebuggableCompilerTest {
    private static final String NAME = "com.example.PluginModule";
    private static final String DIRECTORY = "com/example/";

    @TempDir
    Path temp;

    private CompileResult compile(String fixture, Path out, boolean embed) throws IOException {
        return DebuggableCompiler.builder(Fixtures.wasm(fixture), NAME)
                .withClassFolder(out.resolve("classes"))
                .withSourceFolder(out.resolve("sources"))
                .withEmbeddedOriginal(embed)
                .build()
                .compile();
    }

    private static ModuleImage imageFrom(Path classes) throws IOException {
        try (var loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            return CompiledArtifact.image(loader, NAME);
        }
    }

    @Test
    void theArtifactHoldsTheOriginalByteForByteAndTheDebuggerFindsIt() throws IOException {
        Path out = temp.resolve("out");
        CompileResult result = compile("plugin", out, true);

        Path classes = out.resolve("classes");
        byte[] original = Fixtures.bytes("plugin");
        assertThat(classes.resolve(DIRECTORY + "PluginModule.original.wasm")).hasBinaryContent(original);
        assertThat(classes.resolve(DIRECTORY + "PluginModuleMachine.class")).exists();
        assertThat(classes.resolve(DIRECTORY + "PluginModule.meta")).exists();
        OriginalDescriptor descriptor = result.embedded().orElseThrow();
        assertThat(descriptor.originalName()).isEqualTo("plugin.wasm");
        assertThat(descriptor.originalSize()).isEqualTo(original.length);
        assertThat(descriptor.originalSha256()).isEqualTo(ModuleImage.sha256Hex(original));
        assertThat(descriptor.metaSha256())
                .isEqualTo(ModuleImage.sha256Hex(Files.readAllBytes(classes.resolve(DIRECTORY + "PluginModule.meta"))));
        assertThat(descriptor.chicoryVersion()).isEqualTo("1.7.5");
        assertThat(descriptor.interpretedFunctions()).isEmpty();

        ModuleImage image = imageFrom(classes);
        assertThat(image.name()).isEqualTo("plugin.wasm");
        assertThat(image.toByteArray()).isEqualTo(original);
        assertThat(image.customSectionNames()).contains(".debug_info", ".debug_line", "name");
        assertThat(image.functionName(image.functions().stream()
                .filter(f -> "process".equals(f.name())).findFirst().orElseThrow().functionIndex())).isEqualTo("process");

        // The generated class is Chicory's API with the debugger switch.
        assertThat(result.moduleSource()).content().contains("public final class PluginModule implements CompiledModule",
                "public static Machine create(Instance instance)", "public static WasmModule load()",
                "chicory.gdbstub.listen", "CHICORY_GDBSTUB_LISTEN");
    }

    @Test
    void interpretedFunctionsKeepTheirBodiesInTheMetaAndStillMatch() throws IOException {
        Path out = temp.resolve("out");
        int process = ModuleImage.of("plugin.wasm", Fixtures.bytes("plugin")).functions().stream()
                .filter(f -> "process".equals(f.name())).findFirst().orElseThrow().functionIndex();
        CompileResult result = DebuggableCompiler.builder(Fixtures.wasm("plugin"), NAME)
                .withClassFolder(out.resolve("classes")).withSourceFolder(out.resolve("sources"))
                .withInterpretedFunctions(java.util.Set.of(process)).build().compile();

        assertThat(result.interpretedFunctions()).contains(process);
        assertThat(result.embedded().orElseThrow().interpretedFunctions()).contains(process);
        assertThat(imageFrom(out.resolve("classes")).sha256()).isEqualTo(ModuleImage.sha256Hex(Fixtures.bytes("plugin")));
    }

    @Test
    void withoutTheOriginalTheOutputIsExactlyChicorysOwn() throws IOException {
        Path ours = temp.resolve("ours");
        compile("plugin", ours, false);
        Path chicory = temp.resolve("chicory");
        var generator = new Generator(Config.builder().withWasmFile(Fixtures.wasm("plugin")).withName(NAME)
                .withTargetClassFolder(chicory.resolve("classes")).withTargetSourceFolder(chicory.resolve("sources"))
                .withTargetWasmFolder(chicory.resolve("classes")).build());
        generator.generateMetaWasm(generator.generateResources());
        generator.generateSources();

        assertThat(listing(ours)).isEqualTo(listing(chicory)).noneMatch(path -> path.contains(".original."));
        assertThat(ours.resolve("sources/" + DIRECTORY + "PluginModule.java"))
                .hasSameTextualContentAs(chicory.resolve("sources/" + DIRECTORY + "PluginModule.java"));
        assertThat(ours.resolve("classes/" + DIRECTORY + "PluginModule.meta"))
                .hasSameBinaryContentAs(chicory.resolve("classes/" + DIRECTORY + "PluginModule.meta"));
        assertThatThrownBy(() -> imageFrom(ours.resolve("classes")))
                .isInstanceOf(CompiledArtifactException.class)
                .hasMessageContaining("holds no embedded original")
                .hasMessageContaining("compile goal");
    }

    /** The .wasm rebuilt after compilation, and only the embedded original refreshed. */
    @Test
    void anOriginalRebuiltAfterCompilationIsRefusedWithWhatDiffers() throws IOException {
        Path v1 = temp.resolve("v1");
        compile("plugin", v1, true);
        Path v2 = temp.resolve("v2");
        compile("plugin_rebuilt", v2, true);
        for (String resource : new String[] {"PluginModule.original.wasm", "PluginModule.original.properties"}) {
            Files.copy(v2.resolve("classes/" + DIRECTORY + resource), v1.resolve("classes/" + DIRECTORY + resource),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        assertThatThrownBy(() -> imageFrom(v1.resolve("classes")))
                .isInstanceOf(StaleArtifactException.class)
                .hasMessageStartingWith(NAME + ": the embedded original plugin_rebuilt.wasm does not match the compiled module")
                .hasMessageContaining("PluginModule.meta's SHA-256 is")
                .hasMessageContaining("code section")
                .satisfies(e -> assertThat(((StaleArtifactException) e).differences()).hasSizeGreaterThanOrEqualTo(2));
    }

    /** The compiled classes rebuilt, the original and its descriptor left from before. */
    @Test
    void aModuleRecompiledWithoutItsOriginalIsRefused() throws IOException {
        Path v1 = temp.resolve("v1");
        compile("plugin", v1, true);
        Path v2 = temp.resolve("v2");
        compile("plugin_rebuilt", v2, false);
        Files.copy(v2.resolve("classes/" + DIRECTORY + "PluginModule.meta"), v1.resolve("classes/" + DIRECTORY
                + "PluginModule.meta"), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> imageFrom(v1.resolve("classes")))
                .isInstanceOf(StaleArtifactException.class)
                .hasMessageContaining("the embedded original plugin.wasm does not match")
                .hasMessageContaining("the descriptor was written for");
    }

    @Test
    void anOriginalReplacedBehindItsDescriptorIsRefused() throws IOException {
        Path v1 = temp.resolve("v1");
        compile("plugin", v1, true);
        Path original = v1.resolve("classes/" + DIRECTORY + "PluginModule.original.wasm");
        byte[] bytes = Files.readAllBytes(original);
        bytes[bytes.length - 1] ^= 1; // the last byte is in a custom section: still a valid module
        Files.write(original, bytes);

        assertThatThrownBy(() -> imageFrom(v1.resolve("classes")))
                .isInstanceOf(StaleArtifactException.class)
                .hasMessageContaining("the embedded original's SHA-256 is")
                .hasMessageContaining("its descriptor records");
    }

    @Test
    void theJarHoldsEverythingTheCompileGoalWrites() throws IOException {
        Path jar = temp.resolve("plugin.jar");
        CompiledJar.write(DebuggableCompiler.builder(Fixtures.wasm("plugin"), NAME), jar);

        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).contains(DIRECTORY + "PluginModule.class",
                    DIRECTORY + "PluginModuleMachine.class", DIRECTORY + "PluginModule.meta",
                    DIRECTORY + "PluginModule.original.wasm", DIRECTORY + "PluginModule.original.properties");
            try (InputStream in = zip.getInputStream(zip.getEntry(DIRECTORY + "PluginModule.original.wasm"))) {
                assertThat(in.readAllBytes()).isEqualTo(Fixtures.bytes("plugin"));
            }
        }
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(CompiledArtifact.image(loader, NAME).sha256()).isEqualTo(ModuleImage.sha256Hex(Fixtures.bytes("plugin")));
        }
    }

    @Test
    void theDescriptorIsTheSameBytesForTheSameInput() throws IOException {
        compile("plugin", temp.resolve("a"), true);
        compile("plugin", temp.resolve("b"), true);
        assertThat(temp.resolve("a/classes/" + DIRECTORY + "PluginModule.original.properties"))
                .hasSameBinaryContentAs(temp.resolve("b/classes/" + DIRECTORY + "PluginModule.original.properties"));
    }

    @Test
    void aNameThatIsNoJavaClassNameIsRefusedAtOnce() {
        assertThatThrownBy(() -> DebuggableCompiler.builder(Fixtures.wasm("plugin"), "com.example.9lives"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Java class name");
    }

    private static java.util.List<String> listing(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).sorted().toList();
        }
    }
}
