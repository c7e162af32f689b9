package io.github.chicorygdbstub.runtime.locate;

import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The suggestions of {@link BreakpointSpec#suggestions}: what a spec that found nothing may have meant. */
final class NearMisses {
    /** More than a few suggestions read as noise rather than help. */
    static final int LIMIT = 5;

    private NearMisses() {}

    static List<String> functionNames(ModuleImage image, String name) {
        return nearest(name, CodeLocator.functionNames(image));
    }

    /** The lines with code on either side when the file is known, else similarly named files at the same line. */
    static List<String> sourceLines(ModuleImage image, String file, int line) {
        var lines = new TreeSet<Integer>();
        CodeLocator.statements(image, file).forEach(s -> lines.add(s.line()));
        if (!lines.isEmpty()) {
            var around = new ArrayList<String>();
            Integer before = lines.lower(line);
            Integer after = lines.higher(line);
            if (before != null) {
                around.add(file + ":" + before);
            }
            if (after != null) {
                around.add(file + ":" + after);
            }
            return List.copyOf(around);
        }
        String wanted = SourceLine.fileName(file);
        List<String> paths = image.lineTable().paths();
        List<String> names = paths.stream().map(SourceLine::fileName).distinct().toList();
        var suggestions = new ArrayList<String>();
        for (String near : nearest(wanted, names)) {
            paths.stream().filter(p -> SourceLine.fileName(p).equals(near)).forEach(p -> suggestions.add(p + ":" + line));
        }
        return List.copyOf(suggestions.subList(0, Math.min(LIMIT, suggestions.size())));
    }

    /**
     * The candidates closest to a name, ignoring case: within an edit distance of a third of its
     * length (at least 1), or containing it when it has three characters or more (a short name for
     * a long mangled one). Closest first, then by name.
     */
    static List<String> nearest(String wanted, List<String> candidates) {
        String lower = wanted.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, wanted.length() / 3);
        record Scored(String name, int distance) {}
        var close = new ArrayList<Scored>();
        for (String candidate : candidates) {
            String other = candidate.toLowerCase(Locale.ROOT);
            if (candidate.equals(wanted)) {
                continue;
            }
            int distance = Spelling.distance(lower, other);
            if (distance <= allowed || (lower.length() >= 3 && other.contains(lower))) {
                close.add(new Scored(candidate, distance));
            }
        }
        return close.stream()
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(LIMIT)
                .map(Scored::name)
                .toList();
    }
}
