package io.github.chicorygdbstub.runtime.locate;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import java.util.Objects;

/**
 * Where a breakpoint should go, as a person names it: a function, a source line or a module
 * offset. A spec is independent of any module, so one spec can be resolved against each module
 * of a program, or against a module loaded later; {@link #resolve} says where it lands in one.
 *
 * <p>{@link #parse(String)} reads the written forms ({@code process}, {@code plugin.c:12},
 * {@code 0x1a3}), and each spec's {@link Object#toString()} gives the form back.
 */
public sealed interface BreakpointSpec {

    /**
     * Reads a breakpoint location as a person types it:
     * <ul>
     *   <li>{@code 0x} and hexadecimal digits: a {@link ModuleOffset};
     *   <li>{@code FILE:LINE}, split at the last colon, the line a decimal number from 1: a
     *       {@link SourceLine};
     *   <li>anything else: a {@link FunctionName}, taken whole. Qualified names with {@code ::}
     *       ({@code ns::run}, {@code plugin::process}) are names, not files.
     * </ul>
     * Surrounding white space is ignored. A bare decimal number is refused rather than guessed at:
     * it could be a line (with no file to go with it) or an offset written without {@code 0x}.
     * Names that contain a single colon cannot be written this way; construct
     * {@link FunctionName} for those.
     *
     * @param text the location as typed
     * @return the spec
     * @throws IllegalArgumentException if the text is empty or of none of these forms; the message
     *     quotes the text and says what was expected
     */
    static BreakpointSpec parse(String text) {
        return SpecParser.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * Where this spec lands in a module, as {@link CodeLocator} resolves its kind.
     *
     * @param image the module
     * @return the locations, sorted by offset, each offset once; empty when the module has no such
     *     function, file, line with code, or offset inside a function body
     */
    List<ResolvedLocation> resolve(ModuleImage image);

    /**
     * What the person may have meant, for a spec that resolves to nothing in a module: similar
     * function and export names for a name; for a file:line, the nearest lines with code around the
     * line when the file is known, else similarly named files with the same line. Each suggestion
     * is written so that {@link #parse(String)} reads it back and it resolves in the module.
     *
     * @param image the module
     * @return at most a few suggestions, best first; empty when the spec resolves or nothing is close
     */
    List<String> suggestions(ModuleImage image);

    /**
     * A function by name: its {@code name}-section name, a DWARF name or linkage name, or else the
     * name it is exported under ({@link CodeLocator#functionEntry}).
     *
     * @param name the name, exactly as the module spells it
     */
    record FunctionName(String name) implements BreakpointSpec {
        /**
         * Checks the name.
         *
         * @param name the name
         * @throws IllegalArgumentException if it is blank
         */
        public FunctionName {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("a function name must not be blank");
            }
        }

        @Override
        public List<ResolvedLocation> resolve(ModuleImage image) {
            return CodeLocator.functionEntry(image, name);
        }

        @Override
        public List<String> suggestions(ModuleImage image) {
            return resolve(image).isEmpty() ? NearMisses.functionNames(image, name) : List.of();
        }

        /** {@return the name} */
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A line of a source file ({@link CodeLocator#sourceLine}).
     *
     * @param file the file: its name, a trailing part of its path, or its whole path
     * @param line the 1-based line
     */
    record SourceLine(String file, int line) implements BreakpointSpec {
        /**
         * Checks the file and line.
         *
         * @param file the file
         * @param line the line
         * @throws IllegalArgumentException if the file is blank or the line is below 1
         */
        public SourceLine {
            if (Objects.requireNonNull(file, "file").isBlank()) {
                throw new IllegalArgumentException("a source file must not be blank");
            }
            if (line < 1) {
                throw new IllegalArgumentException("source lines start at 1, not " + line);
            }
        }

        @Override
        public List<ResolvedLocation> resolve(ModuleImage image) {
            return CodeLocator.sourceLine(image, file, line);
        }

        @Override
        public List<String> suggestions(ModuleImage image) {
            return resolve(image).isEmpty() ? NearMisses.sourceLines(image, file, line) : List.of();
        }

        /** {@return {@code FILE:LINE}} */
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /**
     * A file offset in the module ({@link CodeLocator#moduleOffset}), as disassemblers and LLDB
     * show Wasm code addresses.
     *
     * @param offset the offset, from 0
     */
    record ModuleOffset(int offset) implements BreakpointSpec {
        /**
         * Checks the offset.
         *
         * @param offset the offset
         * @throws IllegalArgumentException if it is negative
         */
        public ModuleOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("a module offset is not negative: " + offset);
            }
        }

        @Override
        public List<ResolvedLocation> resolve(ModuleImage image) {
            return CodeLocator.moduleOffset(image, offset);
        }

        /** {@return always empty: an offset outside the code has no near miss worth naming} */
        @Override
        public List<String> suggestions(ModuleImage image) {
            return List.of();
        }

        /** {@return the offset in hexadecimal, {@code 0x1a3}} */
        @Override
        public String toString() {
            return "0x" + Integer.toHexString(offset);
        }
    }
}
