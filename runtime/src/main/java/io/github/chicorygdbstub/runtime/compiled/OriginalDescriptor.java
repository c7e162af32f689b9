package io.github.chicorygdbstub.runtime.compiled;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What ties an embedded original module to the build-time-compiled module it was compiled into:
 * written beside the generated classes by the compile step, read back by the debugger.
 *
 * <p>For a compiled module {@code com.example.MyModule}, Chicory's build-time compiler writes the
 * classes and {@code com/example/MyModule.meta}; with the original embedded, the artifact also
 * holds {@code com/example/MyModule.original.wasm} (the original bytes, byte for byte) and
 * {@code com/example/MyModule.original.properties} (this descriptor).
 *
 * @param compiledModule the compiled module's class name, such as {@code com.example.MyModule}
 * @param originalName the original's file name, which debuggers show as the module's name
 * @param originalSize the original's length in bytes
 * @param originalSha256 the original's SHA-256, lower-case hex
 * @param metaSha256 the SHA-256 of the {@code .meta} module compiled from that original
 * @param interpretedFunctions the function indices Chicory's compiler left to its interpreter,
 *     whose bodies the {@code .meta} keeps
 * @param chicoryVersion the version of Chicory's build-time compiler that compiled it
 */
public record OriginalDescriptor(String compiledModule, String originalName, long originalSize, String originalSha256,
        String metaSha256, SortedSet<Integer> interpretedFunctions, String chicoryVersion) {
    /** The descriptor format this version writes and reads. */
    public static final String FORMAT = "1";

    /**
     * Keeps an unmodifiable copy of the interpreted functions.
     *
     * @param compiledModule see the record description
     * @param originalName see the record description
     * @param originalSize see the record description
     * @param originalSha256 see the record description
     * @param metaSha256 see the record description
     * @param interpretedFunctions see the record description
     * @param chicoryVersion see the record description
     */
    public OriginalDescriptor {
        interpretedFunctions = Collections.unmodifiableSortedSet(new TreeSet<>(interpretedFunctions));
    }

    /**
     * The resource, relative to the compiled module's class, that holds the original bytes.
     *
     * @param compiledModule the compiled module's class name
     * @return such as {@code MyModule.original.wasm}
     */
    public static String originalResource(String compiledModule) {
        return simpleName(compiledModule) + ".original.wasm";
    }

    /**
     * The resource, relative to the compiled module's class, that holds this descriptor.
     *
     * @param compiledModule the compiled module's class name
     * @return such as {@code MyModule.original.properties}
     */
    public static String descriptorResource(String compiledModule) {
        return simpleName(compiledModule) + ".original.properties";
    }

    /**
     * The resource, relative to the compiled module's class, that Chicory's compiler writes the
     * compiled module's {@code .meta} to.
     *
     * @param compiledModule the compiled module's class name
     * @return such as {@code MyModule.meta}
     */
    public static String metaResource(String compiledModule) {
        return simpleName(compiledModule) + ".meta";
    }

    /**
     * The directory of those resources in a jar or class folder.
     *
     * @param compiledModule the compiled module's class name
     * @return such as {@code com/example/}, or empty for the unnamed package
     */
    public static String resourceDirectory(String compiledModule) {
        int dot = compiledModule.lastIndexOf('.');
        return dot < 0 ? "" : compiledModule.substring(0, dot).replace('.', '/') + "/";
    }

    private static String simpleName(String compiledModule) {
        return compiledModule.substring(compiledModule.lastIndexOf('.') + 1);
    }

    /**
     * Writes the descriptor as a properties file.
     *
     * @param out where to; not closed
     * @throws IOException if writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        var properties = new Properties();
        properties.setProperty("format", FORMAT);
        properties.setProperty("compiledModule", compiledModule);
        properties.setProperty("original.name", originalName);
        properties.setProperty("original.size", Long.toString(originalSize));
        properties.setProperty("original.sha256", originalSha256);
        properties.setProperty("meta.sha256", metaSha256);
        properties.setProperty("interpretedFunctions",
                interpretedFunctions.stream().map(String::valueOf).collect(Collectors.joining(",")));
        properties.setProperty("chicory.version", chicoryVersion);
        // Properties.store writes the date as a comment: without it, the same inputs give the
        // same bytes, as a reproducible build wants.
        var text = new java.io.StringWriter();
        properties.store(text, null);
        var lines = new java.util.TreeSet<String>(List.of(text.toString().split("\\R")));
        lines.removeIf(line -> line.startsWith("#") || line.isEmpty());
        var file = new StringBuilder("# chicory-gdbstub: the original module embedded for debugging\n");
        lines.forEach(line -> file.append(line).append('\n'));
        out.write(file.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads a descriptor written by {@link #writeTo}.
     *
     * @param in the properties file; not closed
     * @param source what to call it in an error message
     * @return the descriptor
     * @throws CompiledArtifactException if it is not a descriptor of this format
     */
    public static OriginalDescriptor readFrom(InputStream in, String source) {
        var properties = new Properties();
        try {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read", e);
        } catch (IllegalArgumentException e) {
            throw new CompiledArtifactException(source + ": not a properties file: " + e.getMessage());
        }
        String format = properties.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new CompiledArtifactException(source + ": descriptor format " + format + ", this debugger reads "
                    + FORMAT + " (rebuild the artifact with this version's compile step)");
        }
        try {
            var interpreted = new TreeSet<Integer>();
            String list = required(properties, "interpretedFunctions", source);
            for (String index : list.isEmpty() ? new String[0] : list.split(",")) {
                interpreted.add(Integer.valueOf(index.trim()));
            }
            return new OriginalDescriptor(required(properties, "compiledModule", source),
                    required(properties, "original.name", source),
                    Long.parseLong(required(properties, "original.size", source)),
                    required(properties, "original.sha256", source), required(properties, "meta.sha256", source),
                    interpreted, required(properties, "chicory.version", source));
        } catch (NumberFormatException e) {
            throw new CompiledArtifactException(source + ": a number is malformed: " + e.getMessage());
        }
    }

    private static String required(Properties properties, String key, String source) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new CompiledArtifactException(source + ": the key " + key + " is missing");
        }
        return value;
    }
}
