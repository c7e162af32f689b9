package io.github.chicorygdbstub.buildtime;

import com.dylibso.chicory.build.time.compiler.Config;
import com.dylibso.chicory.build.time.compiler.Generator;
import com.dylibso.chicory.compiler.InterpreterFallback;
import io.github.chicorygdbstub.runtime.compiled.CompiledArtifact;
import io.github.chicorygdbstub.runtime.compiled.OriginalDescriptor;
import io.github.chicorygdbstub.runtime.compiled.StaleArtifactException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chicory's build-time compiler, plus the original module kept in the artifact for debugging.
 *
 * <p>It runs Chicory's {@code Generator} exactly as Chicory's own Maven goal does: the machine
 * classes into the class folder, the {@code .meta} module into the resource folder and the
 * compiled module's class as source. With the original embedded (the default), it also writes
 * {@code <Name>.original.wasm}, the input byte for byte, and {@code <Name>.original.properties}
 * (an {@link OriginalDescriptor}) beside the {@code .meta}, and the generated class differs from
 * Chicory's in one way: when {@code -Dchicory.gdbstub.listen} or {@code CHICORY_GDBSTUB_LISTEN}
 * is set, {@code load()} and {@code create(Instance)} hand the instance to the debugger, which
 * runs the embedded original; otherwise they are Chicory's, and no debugger class is loaded.
 * Without the original embedded, the output is exactly that of Chicory's goal.
 *
 * <p>A run checks its own output as the debugger will ({@link CompiledArtifact#differences}), so
 * an artifact that would be refused at run time fails the build instead.
 */
public final class DebuggableCompiler {
    private final Path wasmFile;
    private final String name;
    private final Path classFolder;
    private final Path sourceFolder;
    private final Path resourceFolder;
    private final InterpreterFallback interpreterFallback;
    private final Set<Integer> interpretedFunctions;
    private final String moduleInterface;
    private final boolean embedOriginal;

    private DebuggableCompiler(Builder builder) {
        this.wasmFile = builder.wasmFile;
        this.name = builder.name;
        this.classFolder = Objects.requireNonNull(builder.classFolder, "class folder");
        this.sourceFolder = Objects.requireNonNull(builder.sourceFolder, "source folder");
        this.resourceFolder = builder.resourceFolder == null ? builder.classFolder : builder.resourceFolder;
        this.interpreterFallback = builder.interpreterFallback;
        this.interpretedFunctions = Set.copyOf(builder.interpretedFunctions);
        this.moduleInterface = builder.moduleInterface;
        this.embedOriginal = builder.embedOriginal;
    }

    /**
     * Starts a compilation of {@code wasmFile} into the class {@code name}.
     *
     * @param wasmFile the original module
     * @param name the compiled module's class name, such as {@code com.example.MyModule}
     * @return a builder; the class and source folders are required
     */
    public static Builder builder(Path wasmFile, String name) {
        return new Builder(wasmFile, name);
    }

    /**
     * The compiled module's class name.
     *
     * @return such as {@code com.example.MyModule}
     */
    public String name() {
        return name;
    }

    /**
     * Compiles, writes the outputs and checks them.
     *
     * @return what was produced
     * @throws IOException if the module cannot be read or an output cannot be written
     * @throws StaleArtifactException if the written original does not correspond to the compiled
     *     module (a fault of the compiler, never of the input)
     * @throws RuntimeException Chicory's compiler's own exceptions, for a module it cannot compile
     */
    public CompileResult compile() throws IOException {
        var config = Config.builder()
                .withWasmFile(wasmFile)
                .withName(name)
                .withTargetClassFolder(classFolder)
                .withTargetSourceFolder(sourceFolder)
                .withTargetWasmFolder(resourceFolder)
                .withInterpreterFallback(interpreterFallback)
                .withInterpretedFunctions(interpretedFunctions)
                .withModuleInterface(moduleInterface)
                .build();
        var generator = new Generator(config);
        var interpreted = new TreeSet<>(generator.generateResources());
        generator.generateMetaWasm(interpreted);
        if (moduleInterface != null && !moduleInterface.isEmpty()) {
            generator.generateModuleInterface(moduleInterface);
        }
        Path packageDirectory = Path.of(OriginalDescriptor.resourceDirectory(name));
        Path moduleSource = sourceFolder.resolve(packageDirectory)
                .resolve(name.substring(name.lastIndexOf('.') + 1) + ".java");
        if (!embedOriginal) {
            generator.generateSources();
            return new CompileResult(interpreted, moduleSource, Optional.empty());
        }
        OriginalDescriptor descriptor = embed(resourceFolder.resolve(packageDirectory), interpreted);
        Files.createDirectories(moduleSource.getParent());
        Files.writeString(moduleSource, ModuleClassSource.of(name, descriptor.originalName()));
        return new CompileResult(interpreted, moduleSource, Optional.of(descriptor));
    }

    private OriginalDescriptor embed(Path directory, Set<Integer> interpreted) throws IOException {
        byte[] original = Files.readAllBytes(wasmFile);
        byte[] meta = Files.readAllBytes(directory.resolve(OriginalDescriptor.metaResource(name)));
        String originalName = wasmFile.getFileName().toString();
        ModuleImage image = ModuleImage.of(originalName, original);
        var descriptor = new OriginalDescriptor(name, originalName, original.length, image.sha256(),
                ModuleImage.sha256Hex(meta), new TreeSet<>(interpreted), chicoryVersion());
        List<String> differences = CompiledArtifact.differences(name, descriptor, image, meta);
        if (!differences.isEmpty()) {
            throw new StaleArtifactException(name, originalName, differences);
        }
        Files.write(directory.resolve(OriginalDescriptor.originalResource(name)), original);
        try (OutputStream out = Files.newOutputStream(directory.resolve(OriginalDescriptor.descriptorResource(name)))) {
            descriptor.writeTo(out);
        }
        return descriptor;
    }

    /** The version of Chicory's build-time compiler on the class path, from its Maven metadata. */
    static String chicoryVersion() {
        String resource = "/META-INF/maven/com.dylibso.chicory/build-time-compiler/pom.properties";
        try (InputStream in = Generator.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The options of a compilation; the same as those of Chicory's Maven goal, plus one. */
    public static final class Builder {
        private final Path wasmFile;
        private final String name;
        private Path classFolder;
        private Path sourceFolder;
        private Path resourceFolder;
        private InterpreterFallback interpreterFallback = InterpreterFallback.FAIL;
        private Set<Integer> interpretedFunctions = Set.of();
        private String moduleInterface;
        private boolean embedOriginal = true;

        private Builder(Path wasmFile, String name) {
            this.wasmFile = Objects.requireNonNull(wasmFile, "wasmFile");
            this.name = Objects.requireNonNull(name, "name");
            if (!name.matches("([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\.)*"
                    + "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*")) {
                throw new IllegalArgumentException("not a Java class name: " + name);
            }
        }

        /**
         * Where the machine classes go (Chicory's {@code targetClassFolder}).
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder withClassFolder(Path folder) {
            this.classFolder = folder;
            return this;
        }

        /**
         * Where the compiled module's class source goes (Chicory's {@code targetSourceFolder}).
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder withSourceFolder(Path folder) {
            this.sourceFolder = folder;
            return this;
        }

        /**
         * Where the {@code .meta} module and the embedded original go (Chicory's
         * {@code targetWasmFolder}); the class folder unless set.
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder withResourceFolder(Path folder) {
            this.resourceFolder = folder;
            return this;
        }

        /**
         * What Chicory's compiler does with a function it cannot compile.
         *
         * @param fallback {@code FAIL} (the default), {@code WARN} or {@code SILENT}
         * @return this builder
         */
        public Builder withInterpreterFallback(InterpreterFallback fallback) {
            this.interpreterFallback = Objects.requireNonNull(fallback);
            return this;
        }

        /**
         * Functions to leave to Chicory's interpreter, by function index.
         *
         * @param functions the indices
         * @return this builder
         */
        public Builder withInterpretedFunctions(Set<Integer> functions) {
            this.interpretedFunctions = Objects.requireNonNull(functions);
            return this;
        }

        /**
         * Has Chicory also generate the module interface of that name.
         *
         * @param moduleInterface the interface's class name, or null for none
         * @return this builder
         */
        public Builder withModuleInterface(String moduleInterface) {
            this.moduleInterface = moduleInterface;
            return this;
        }

        /**
         * Whether to embed the original for debugging (the default); without it, the output is
         * exactly Chicory's and carries no extra bytes.
         *
         * @param embed true to embed
         * @return this builder
         */
        public Builder withEmbeddedOriginal(boolean embed) {
            this.embedOriginal = embed;
            return this;
        }

        /**
         * Checks the options.
         *
         * @return the compiler
         */
        public DebuggableCompiler build() {
            return new DebuggableCompiler(this);
        }
    }
}
