package io.github.chicorygdbstub.cli;

import io.github.chicorygdbstub.runtime.compiled.CompiledArtifact;
import io.github.chicorygdbstub.runtime.compiled.CompiledArtifactException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --class-path JARS --compiled NAME}: the original embedded in a build-time-compiled
 * module, read from the jars without loading any of their classes (the guest runs from the
 * original in the debugger's interpreter, not from the compiled machine).
 */
final class CompiledModules {
    private CompiledModules() {}

    static ModuleImage load(List<Path> classPath, String compiledModule) {
        for (Path entry : classPath) {
            if (!Files.exists(entry)) {
                throw new CompiledArtifactException("--class-path: no such file or directory: " + entry);
            }
        }
        URL[] urls = classPath.stream().map(CompiledModules::url).toArray(URL[]::new);
        // No parent: NAME must be found in the given jars, not in the debugger's own class path.
        try (var loader = new URLClassLoader(urls, null)) {
            return CompiledArtifact.image(loader, compiledModule);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            throw new CompiledArtifactException(compiledModule + ": " + e.getMessage());
        }
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path + ": not a class path entry", e);
        }
    }
}
