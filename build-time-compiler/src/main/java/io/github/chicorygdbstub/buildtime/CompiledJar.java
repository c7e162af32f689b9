package io.github.chicorygdbstub.buildtime;

import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A jar of one compiled module, for builds without Maven: what the compile goal puts in an
 * application's classes (the machine classes, the {@code .meta}, the compiled module's class and
 * the embedded original), compiled and packed. The module's class is compiled with the JDK's
 * {@code javac}, against the Chicory that this code runs with.
 */
public final class CompiledJar {
    private CompiledJar() {}

    /**
     * Runs {@code compiler} in a scratch directory and writes the jar.
     *
     * @param compiler the compilation; its folders are replaced by scratch ones
     * @param jar the jar to write (replaced if it exists, only once complete)
     * @return what was produced, with the module source in the scratch directory (deleted)
     * @throws IOException if the module cannot be read, or the jar cannot be written
     * @throws IllegalStateException if no Java compiler is available (a JRE, not a JDK) or the
     *     module's class does not compile
     */
    public static CompileResult write(DebuggableCompiler.Builder compiler, Path jar) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("writing a jar needs the Java compiler: run on a JDK, not a JRE");
        }
        Path scratch = Files.createTempDirectory("chicory-gdbstub-compile");
        try {
            Path classes = Files.createDirectories(scratch.resolve("classes"));
            Path sources = Files.createDirectories(scratch.resolve("sources"));
            CompileResult result = compiler.withClassFolder(classes).withSourceFolder(sources)
                    .withResourceFolder(classes).build().compile();
            compileSources(javac, sources, classes);
            Path partial = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".part");
            try {
                pack(classes, partial);
                Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return result;
        } finally {
            deleteTree(scratch);
        }
    }

    private static void compileSources(JavaCompiler javac, Path sources, Path classes) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                classes + File.pathSeparator + chicoryClassPath(),
                "--release", "11", "-nowarn", "-encoding", "UTF-8"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
        }
        var errors = new ByteArrayOutputStream();
        if (javac.run(null, null, errors, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the compiled module's class did not compile:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    /** Where Chicory's runtime and wasm classes come from: this JVM's class path or module path. */
    private static String chicoryClassPath() {
        var entries = new LinkedHashSet<String>();
        for (Class<?> type : List.of(CompiledModule.class, WasmModule.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException | SecurityException e) {
                // Fall back on the class path below.
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path classes, Path jar) throws IOException {
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "chicory-gdbstub compile");
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file, manifest);
                Stream<Path> entries = Files.walk(classes)) {
            for (Path path : entries.sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
