package io.github.chicorygdbstub.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DWARF facts of a fixture as {@code llvm-dwarfdump-16} reads them, independent of the server:
 * line table rows and variable locations. Addresses are Wasm DWARF addresses, that is offsets
 * into the code section's payload.
 */
final class Dwarf {
    static final String DWARFDUMP = "llvm-dwarfdump-16";
    private static final Pattern ROW = Pattern.compile("^0x([0-9a-f]{16})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+).*$");
    private static final Pattern FILE_ENTRY = Pattern.compile("^file_names\\[\\s*(\\d+)\\]:$");
    private static final Pattern FILE_NAME = Pattern.compile("^\\s+name: \"(.*)\"$");

    private Dwarf() {}

    /**
     * One line-table row: code offset, source line and column, the file's name as its unit's
     * file table gives it, whether it is a statement and whether it ends its sequence.
     */
    record Row(long address, int line, int column, String fileName, boolean statement, boolean endSequence) {}

    /** Every line table row of every compile unit, in file order. */
    static List<Row> lineTable(Path wasm) throws IOException {
        List<Row> rows = new ArrayList<>();
        Map<Integer, String> files = new HashMap<>();
        Integer pendingFile = null;
        for (String line : dump(wasm, "--debug-line").lines().toList()) {
            if (line.startsWith("debug_line[")) {
                files.clear();
            }
            Matcher entry = FILE_ENTRY.matcher(line);
            Matcher name = FILE_NAME.matcher(line);
            Matcher row = ROW.matcher(line);
            if (entry.matches()) {
                pendingFile = Integer.valueOf(entry.group(1));
            } else if (pendingFile != null && name.matches()) {
                files.put(pendingFile, name.group(1));
                pendingFile = null;
            } else if (row.matches()) {
                rows.add(new Row(Long.parseLong(row.group(1), 16), Integer.parseInt(row.group(2)),
                        Integer.parseInt(row.group(3)), files.getOrDefault(Integer.valueOf(row.group(4)), ""),
                        line.contains("is_stmt"), line.contains("end_sequence")));
            }
        }
        return rows;
    }

    /** The source line of a code offset: the last row at or before it in the sequence covering it. */
    static int lineAt(List<Row> rows, long codeOffset) {
        Row best = null;
        for (Row row : rows) {
            if (row.endSequence()) {
                if (best != null && codeOffset < row.address()) {
                    return best.line();
                }
                best = null;
            } else if (row.address() <= codeOffset) {
                best = row;
            }
        }
        throw new AssertionError("no line table row covers code offset 0x" + Long.toHexString(codeOffset));
    }

    /**
     * The first code offset of a source line within {@code [from, to)} (the breakpoint address a
     * debugger picks for it); the range keeps out same-numbered lines of other source files.
     */
    static long firstAddressOf(List<Row> rows, int line, long from, long to) {
        return rows.stream()
                .filter(r -> !r.endSequence() && r.line() == line && r.address() >= from && r.address() < to)
                .mapToLong(Row::address).min()
                .orElseThrow(() -> new AssertionError("no code for line " + line));
    }

    /** The Wasm local that a function's {@code DW_AT_frame_base} names. */
    static int frameBaseLocal(Path wasm, String function) throws IOException {
        String local = find(wasm, function, "DW_TAG_subprogram", "DW_AT_frame_base",
                "DW_AT_frame_base\\s+\\(DW_OP_WASM_location 0x0 0x([0-9a-f]+)");
        return Integer.parseInt(local, 16);
    }

    /** The {@code DW_OP_fbreg} offset of a parameter declared in {@code sourceFile}. */
    static int frameOffsetOf(Path wasm, String parameter, String sourceFile) throws IOException {
        return Integer.parseInt(find(wasm, parameter, "DW_TAG_formal_parameter", sourceFile, "DW_OP_fbreg \\+(\\d+)"));
    }

    /** The linear-memory address of a C global ({@code DW_OP_addr}). */
    static long globalAddress(Path wasm, String global) throws IOException {
        return Long.parseLong(find(wasm, global, "DW_TAG_variable", "DW_OP_addr", "DW_OP_addr 0x([0-9a-f]+)"), 16);
    }

    /** The first group of {@code regex} in the debug entry named {@code name}. */
    private static String find(Path wasm, String name, String tag, String mustContain, String regex)
            throws IOException {
        Matcher m = Pattern.compile(regex).matcher(entry(wasm, name, tag, mustContain));
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in the debug entry of " + name);
        }
        return m.group(1);
    }

    private static String entry(Path wasm, String name, String tag, String mustContain) throws IOException {
        for (String entry : dump(wasm, "--name=" + name).split("\n\\s*\n")) {
            if (entry.contains(tag) && entry.contains(mustContain)) {
                return entry;
            }
        }
        throw new AssertionError("no " + tag + " " + name + " with " + mustContain);
    }

    private static String dump(Path wasm, String option) throws IOException {
        Process process = new ProcessBuilder(Tools.require(DWARFDUMP).toString(), option, wasm.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (Processes.awaitExit(process, Duration.ofSeconds(60)) != 0) {
            throw new AssertionError(DWARFDUMP + " " + option + " failed:\n" + out);
        }
        return out;
    }
}
