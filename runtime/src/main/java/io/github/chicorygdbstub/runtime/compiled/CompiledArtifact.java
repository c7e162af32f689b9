package io.github.chicorygdbstub.runtime.compiled;

import io.github.chicorygdbstub.runtime.module.InvalidModuleException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The original module embedded in a build-time-compiled artifact, found from the compiled
 * module's class and checked against what was compiled, so that a debugger can be served the
 * original bytes (DWARF, names and exact code offsets) with no {@code .wasm} file anywhere.
 *
 * <p>An artifact is checked three ways before its original is used: the original's SHA-256 is
 * the one its descriptor records; the {@code .meta} next to the classes has the SHA-256 the
 * descriptor was written for; and that {@code .meta} is exactly what Chicory's compiler makes
 * of the original (same sections, same types, imports and function count, the interpreted
 * bodies kept). Any mismatch is a {@link StaleArtifactException} that lists what differs.
 */
public final class CompiledArtifact {
    private CompiledArtifact() {}

    /**
     * The verified original of a compiled module class.
     *
     * @param compiledModule the class Chicory's build-time compiler generated, such as {@code MyModule.class}
     * @return the original, named as its file was
     * @throws CompiledArtifactException if the artifact holds no embedded original
     * @throws StaleArtifactException if the original does not correspond to the compiled module
     */
    public static ModuleImage image(Class<?> compiledModule) {
        return image(compiledModule.getClassLoader(), compiledModule.getName());
    }

    /**
     * The verified original of a compiled module, found by class name without loading the class.
     *
     * @param loader the class loader that sees the artifact (a jar or class folder)
     * @param compiledModule the compiled module's class name, such as {@code com.example.MyModule}
     * @return the original, named as its file was
     * @throws CompiledArtifactException if the class or its embedded original is not found
     * @throws StaleArtifactException if the original does not correspond to the compiled module
     */
    public static ModuleImage image(ClassLoader loader, String compiledModule) {
        Objects.requireNonNull(loader, "loader");
        String directory = OriginalDescriptor.resourceDirectory(compiledModule);
        String meta = directory + OriginalDescriptor.metaResource(compiledModule);
        byte[] metaBytes = read(loader, meta);
        if (metaBytes == null) {
            throw new CompiledArtifactException(compiledModule + ": no build-time-compiled module of that name on the"
                    + " class path (" + meta + " not found)");
        }
        String descriptorName = directory + OriginalDescriptor.descriptorResource(compiledModule);
        byte[] descriptorBytes = read(loader, descriptorName);
        byte[] original = read(loader, directory + OriginalDescriptor.originalResource(compiledModule));
        if (descriptorBytes == null || original == null) {
            throw new CompiledArtifactException(compiledModule + ": the artifact holds no embedded original module ("
                    + descriptorName + " not found), so there is nothing to debug; compile it with"
                    + " chicory-gdbstub's compile goal (or `chicory-gdbstub compile`) instead of Chicory's alone");
        }
        OriginalDescriptor descriptor = OriginalDescriptor.readFrom(
                new java.io.ByteArrayInputStream(descriptorBytes), descriptorName);
        ModuleImage image;
        try {
            image = ModuleImage.of(descriptor.originalName(), original);
        } catch (InvalidModuleException e) {
            throw new StaleArtifactException(compiledModule, descriptor.originalName(),
                    List.of("the embedded original is not a valid module: " + e.getMessage()));
        }
        List<String> differences = differences(compiledModule, descriptor, image, metaBytes);
        if (!differences.isEmpty()) {
            throw new StaleArtifactException(compiledModule, descriptor.originalName(), differences);
        }
        return image;
    }

    /**
     * What differs between an embedded original and the compiled module it claims to be.
     *
     * @param compiledModule the compiled module's class name
     * @param descriptor the embedded descriptor
     * @param original the embedded original
     * @param meta the compiled module's {@code .meta}
     * @return the differences; empty when the artifact is consistent
     */
    public static List<String> differences(String compiledModule, OriginalDescriptor descriptor, ModuleImage original,
            byte[] meta) {
        var differences = new ArrayList<String>();
        if (!descriptor.compiledModule().equals(compiledModule)) {
            differences.add("the descriptor was written for " + descriptor.compiledModule());
        }
        if (!descriptor.originalSha256().equals(original.sha256())) {
            differences.add("the embedded original's SHA-256 is " + original.sha256() + ", its descriptor records "
                    + descriptor.originalSha256() + " (the original was replaced after it was embedded)");
        }
        String metaSha256 = ModuleImage.sha256Hex(meta);
        if (!descriptor.metaSha256().equals(metaSha256)) {
            differences.add(OriginalDescriptor.metaResource(compiledModule) + "'s SHA-256 is " + metaSha256
                    + ", the descriptor was written for " + descriptor.metaSha256()
                    + " (the original and the compiled module come from different compilations)");
        }
        differences.addAll(ModuleCorrespondence.differences(original.toByteArray(), meta,
                original.importedFunctionCount(), descriptor.interpretedFunctions()));
        return differences;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot be read", e);
        }
    }
}
