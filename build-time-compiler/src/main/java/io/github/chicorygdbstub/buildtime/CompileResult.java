package io.github.chicorygdbstub.buildtime;

import io.github.chicorygdbstub.runtime.compiled.OriginalDescriptor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a {@link DebuggableCompiler} run produced.
 *
 * @param interpretedFunctions the functions Chicory's compiler left to its interpreter
 * @param moduleSource the generated source of the compiled module's class, to be compiled with
 *     the application
 * @param embedded the descriptor of the embedded original, empty when it was not embedded
 */
public record CompileResult(SortedSet<Integer> interpretedFunctions, Path moduleSource,
        Optional<OriginalDescriptor> embedded) {}
