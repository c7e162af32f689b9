package io.github.chicorygdbstub.runtime.compiled;

import io.github.chicorygdbstub.runtime.module.SectionLayout;
import io.github.chicorygdbstub.runtime.module.SectionLayout.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a {@code .meta} module is what Chicory's build-time compiler makes of an original: the
 * same non-custom sections byte for byte, no custom sections, and in the Code section the
 * original body of every interpreted function and the stub {@code unreachable; end} (no locals)
 * for every compiled one. Anything else is listed as a difference a user can act on.
 */
final class ModuleCorrespondence {
    /** A compiled function's body in the {@code .meta}: no locals, {@code unreachable}, {@code end}. */
    private static final byte[] COMPILED_BODY_STUB = {0x00, 0x00, 0x0b};
    private static final int MAX_LISTED_FUNCTIONS = 5;
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory",
        "global", "export", "start", "element", "code", "data", "data count", "tag"};

    private ModuleCorrespondence() {}

    /**
     * @param importedFunctions the original's imported function count (function indices of the
     *     Code section's bodies start there)
     * @return what differs; empty when {@code meta} is exactly what the compiler makes of {@code original}
     */
    static List<String> differences(byte[] original, byte[] meta, int importedFunctions, Set<Integer> interpreted) {
        SectionLayout originalLayout = SectionLayout.scan(original);
        SectionLayout metaLayout;
        try {
            metaLayout = SectionLayout.scan(meta);
        } catch (IllegalArgumentException e) {
            return List.of("the compiled module's .meta is malformed: " + e.getMessage());
        }
        Map<Integer, Section> originalSections = nonCustom(originalLayout);
        Map<Integer, Section> metaSections = nonCustom(metaLayout);
        var differences = new ArrayList<String>();
        var ids = new java.util.TreeSet<>(originalSections.keySet());
        ids.addAll(metaSections.keySet());
        for (int id : ids) {
            Section ours = originalSections.get(id);
            Section theirs = metaSections.get(id);
            if (ours == null || theirs == null) {
                differences.add(sectionName(id) + " section: only the " + (ours == null ? "compiled module" : "original")
                        + " has one");
            } else if (id == SectionLayout.CODE_SECTION_ID) {
                codeDifferences(original, originalLayout, meta, metaLayout, importedFunctions, interpreted, differences);
            } else if (!samePayload(original, ours, meta, theirs)) {
                differences.add(sectionDifference(id, original, ours, meta, theirs));
            }
        }
        if (metaLayout.sections().stream().anyMatch(section -> section.id() == 0)) {
            differences.add("the compiled module's .meta has custom sections, which Chicory's compiler drops");
        }
        return differences;
    }

    private static void codeDifferences(byte[] original, SectionLayout originalLayout, byte[] meta,
            SectionLayout metaLayout, int importedFunctions, Set<Integer> interpreted, List<String> differences) {
        int count = originalLayout.bodyCount();
        if (count != metaLayout.bodyCount()) {
            differences.add("code section: " + count + " function bodies in the original, " + metaLayout.bodyCount()
                    + " in the compiled module");
            return;
        }
        var differing = new ArrayList<Integer>();
        for (int i = 0; i < count; i++) {
            int functionIndex = importedFunctions + i;
            byte[] expected = interpreted.contains(functionIndex)
                    ? Arrays.copyOfRange(original, originalLayout.bodyStart(i), originalLayout.bodyEnd(i))
                    : COMPILED_BODY_STUB;
            if (!Arrays.equals(expected, 0, expected.length, meta, metaLayout.bodyStart(i), metaLayout.bodyEnd(i))) {
                differing.add(functionIndex);
            }
        }
        if (!differing.isEmpty()) {
            var listed = differing.subList(0, Math.min(differing.size(), MAX_LISTED_FUNCTIONS));
            differences.add("code section: the bodies of " + differing.size() + " function(s) differ from what"
                    + " the compiler makes of the original (function indices " + listed
                    + (differing.size() > listed.size() ? ", ..." : "") + ")");
        }
    }

    private static String sectionDifference(int id, byte[] original, Section ours, byte[] meta, Section theirs) {
        String name = sectionName(id);
        if (isVector(id)) {
            int originalCount = SectionLayout.leadingCount(original, ours);
            int metaCount = SectionLayout.leadingCount(meta, theirs);
            if (originalCount != metaCount) {
                return name + " section: " + originalCount + " entries in the original, " + metaCount
                        + " in the compiled module";
            }
        }
        if (ours.payloadSize() != theirs.payloadSize()) {
            return name + " section: " + ours.payloadSize() + " bytes in the original, " + theirs.payloadSize()
                    + " in the compiled module";
        }
        return name + " section: different content of the same length";
    }

    private static boolean samePayload(byte[] original, Section ours, byte[] meta, Section theirs) {
        return Arrays.equals(original, ours.payloadOffset(), ours.payloadOffset() + ours.payloadSize(),
                meta, theirs.payloadOffset(), theirs.payloadOffset() + theirs.payloadSize());
    }

    private static Map<Integer, Section> nonCustom(SectionLayout layout) {
        var sections = new LinkedHashMap<Integer, Section>();
        for (Section section : layout.sections()) {
            if (section.id() != 0) {
                sections.put(section.id(), section);
            }
        }
        return sections;
    }

    private static boolean isVector(int id) {
        return id != 8 && id != 12; // start holds one function index, data count one number
    }

    private static String sectionName(int id) {
        return id < SECTION_NAMES.length ? SECTION_NAMES[id] : "unknown (id " + id + ")";
    }
}
