package io.github.chicorygdbstub.maven;

import com.dylibso.chicory.compiler.InterpreterFallback;
import io.github.chicorygdbstub.buildtime.CompileResult;
import io.github.chicorygdbstub.buildtime.DebuggableCompiler;
import java.io.File;
import java.io.IOException;
import java.util.Set;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles a WebAssembly module with Chicory's build-time compiler and embeds the original for
 * debugging. It takes the parameters of Chicory's own {@code compile} goal, so moving to it is
 * changing the plugin's coordinates, plus {@code embedOriginal}: with it off
 * ({@code -Dchicory.gdbstub.embedOriginal=false}, for a release build), the output is exactly
 * Chicory's and carries no extra bytes.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class CompileMojo extends AbstractMojo {
    /** The compiled module's class name, such as {@code com.example.MyModule}. */
    @Parameter(required = true)
    private String name;

    /** The original module. */
    @Parameter(required = true)
    private File wasmFile;

    /** Where the machine classes go. */
    @Parameter(required = true, defaultValue = "${project.build.directory}/generated-resources/chicory-compiler")
    private File targetClassFolder;

    /** Where the compiled module's class source goes. */
    @Parameter(required = true, defaultValue = "${project.build.directory}/generated-sources/chicory-compiler")
    private File targetSourceFolder;

    /** Where the {@code .meta} module and the embedded original go. */
    @Parameter(required = true, defaultValue = "${project.build.directory}/generated-resources/chicory-compiler")
    private File targetWasmFolder;

    /** What to do with a function Chicory cannot compile: FAIL, WARN or SILENT. */
    @Parameter(required = true, defaultValue = "FAIL")
    private InterpreterFallback interpreterFallback;

    /** Function indices to leave to Chicory's interpreter. */
    @Parameter
    private Set<Integer> interpretedFunctions;

    /** Has Chicory also generate a module interface of this class name. */
    @Parameter
    private String moduleInterface;

    /** Whether to embed the original module, so that the artifact can be debugged. */
    @Parameter(property = "chicory.gdbstub.embedOriginal", defaultValue = "true")
    private boolean embedOriginal;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Creates the goal; Maven sets its parameters. */
    public CompileMojo() {}

    @Override
    public void execute() throws MojoExecutionException {
        getLog().info("Compiling " + wasmFile + " into " + name
                + (embedOriginal ? ", with the original embedded for debugging" : ""));
        CompileResult result;
        try {
            result = DebuggableCompiler.builder(wasmFile.toPath(), name)
                    .withClassFolder(targetClassFolder.toPath())
                    .withSourceFolder(targetSourceFolder.toPath())
                    .withResourceFolder(targetWasmFolder.toPath())
                    .withInterpreterFallback(interpreterFallback)
                    .withInterpretedFunctions(interpretedFunctions == null ? Set.of() : interpretedFunctions)
                    .withModuleInterface(moduleInterface)
                    .withEmbeddedOriginal(embedOriginal)
                    .build()
                    .compile();
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Failed to compile " + wasmFile + ": " + e.getMessage(), e);
        }
        if (!result.interpretedFunctions().isEmpty()) {
            getLog().warn("Functions left to Chicory's interpreter: " + result.interpretedFunctions());
        }
        result.embedded().ifPresent(descriptor -> getLog().info("Embedded " + descriptor.originalName() + " ("
                + descriptor.originalSize() + " bytes, SHA-256 " + descriptor.originalSha256() + ")"));
        var resource = new Resource();
        resource.setDirectory(targetClassFolder.getPath());
        project.addResource(resource);
        if (!targetWasmFolder.equals(targetClassFolder)) {
            var wasmResource = new Resource();
            wasmResource.setDirectory(targetWasmFolder.getPath());
            project.addResource(wasmResource);
        }
        project.addCompileSourceRoot(targetSourceFolder.getPath());
    }
}
