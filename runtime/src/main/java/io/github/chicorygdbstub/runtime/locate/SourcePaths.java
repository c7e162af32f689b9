package io.github.chicorygdbstub.runtime.locate;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether a file a person names is a file the line table names. Both are compared as lists of
 * path components, so {@code plugin.c} and {@code src/plugin.c} name {@code /work/src/plugin.c},
 * while {@code in.c} does not name {@code plugin.c}.
 *
 * <p>Clang writes a unit's own file relative to its compilation directory ({@code fib.c}), so a
 * whole path is compared with the table's path joined to the module's compilation directories.
 * Which directory belongs to which unit is not looked up: a module's units rarely share a
 * relative path, and a whole path that is one directory joined with another unit's file names no
 * real file.
 */
final class SourcePaths {
    /** A path split at either kind of slash, without empty and {@code .} components. */
    private record Parts(boolean absolute, List<String> names) {
        static Parts of(String path) {
            boolean absolute = path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:[/\\\\].*");
            var names = new ArrayList<String>();
            for (String name : path.split("[/\\\\]+")) {
                if (!name.isEmpty() && !name.equals(".")) {
                    names.add(name);
                }
            }
            return new Parts(absolute, names);
        }

        Parts under(Parts directory) {
            var joined = new ArrayList<>(directory.names);
            joined.addAll(names);
            return new Parts(directory.absolute, joined);
        }

        /** Whether {@code wanted} is this path, or (when it is relative) this path's last components. */
        boolean isNamedBy(Parts wanted) {
            if (wanted.absolute) {
                return absolute && names.equals(wanted.names);
            }
            int skip = names.size() - wanted.names.size();
            return skip >= 0 && names.subList(skip, names.size()).equals(wanted.names);
        }
    }

    private SourcePaths() {}

    /**
     * A test of line-table paths for the file a person named.
     *
     * @param image the module, whose compilation directories complete relative paths
     * @param wanted the file as given: a name, a trailing part of a path, or a whole path
     * @return accepts each {@code SourceLine.path()} that is that file
     */
    static Predicate<String> naming(ModuleImage image, String wanted) {
        Parts query = Parts.of(wanted);
        if (query.names().isEmpty()) {
            return path -> false;
        }
        List<Parts> directories = image.debugInfo().compilationDirectories().stream().map(Parts::of).toList();
        return path -> {
            Parts table = Parts.of(path);
            if (table.isNamedBy(query)) {
                return true;
            }
            return !table.absolute() && directories.stream().anyMatch(d -> table.under(d).isNamedBy(query));
        };
    }
}
