package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Breakpoints of all modules. Lookups ({@link #isSet}) run on the guest thread for every
 * instruction while breakpoints exist, so they read a plain bitmap over each module's code
 * section; edits happen under the controller's lock and are published by the volatile write
 * of every hook's gate that follows each edit.
 */
final class BreakpointTable {
    private final List<ModuleImage> images;
    /** Per module, allocated once and never replaced, so instruction hooks can hold on to it. */
    private final List<long[]> bits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Integer> codeStart = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Requested (module, offset) → actual offset; insertion order is kept for listings. */
    private final Map<Long, Integer> requested = new LinkedHashMap<>();
    /** Java conditions of requested breakpoints that have one, by the same key. */
    private final Map<Long, java.util.function.Predicate<BreakpointHit>> conditions = new java.util.HashMap<>();
    /** Times each requested breakpoint's instruction was reached, by the same key. */
    private final Map<Long, Long> hits = new java.util.HashMap<>();

    /** {@code images} may grow; each module added to it is then passed to {@link #addModule}. */
    BreakpointTable(List<ModuleImage> images) {
        this.images = images;
        images.forEach(this::addModule);
    }

    /** Makes room for the next module index: one bit per code byte, 1/8 of its code section. */
    void addModule(ModuleImage image) {
        int start = Math.max(0, image.codeSectionOffset());
        codeStart.add(start);
        bits.add(new long[((image.size() - start) >>> 6) + 1]);
    }

    /** Module {@code moduleIndex}'s bitmap: bit {@code offset - codeStart} is set at a breakpoint. */
    long[] bitmap(int moduleIndex) {
        return bits.get(moduleIndex);
    }

    int codeStart(int moduleIndex) {
        return codeStart.get(moduleIndex);
    }

    /** Hot path: is there a breakpoint at this instruction? */
    boolean isSet(int moduleIndex, int offset) {
        return isSet(bits.get(moduleIndex), offset - codeStart.get(moduleIndex));
    }

    /** The lookup itself, for callers that hold a module's bitmap. */
    static boolean isSet(long[] bitmap, int relative) {
        return relative >= 0 && relative >>> 6 < bitmap.length && (bitmap[relative >>> 6] & (1L << relative)) != 0;
    }

    boolean isEmpty() {
        return requested.isEmpty();
    }

    /**
     * Adds a breakpoint, slipping it to the next instruction start of the same function. An
     * offset just past a function's body goes on that function's final {@code end}: LLDB's step
     * plans ask for a breakpoint at the end of a line's address range, and when a function's last
     * line has no {@code return} (typical at {@code -O2}) that end is one byte past the body.
     */
    Breakpoint add(int moduleIndex, int offset) {
        if (moduleIndex < 0 || moduleIndex >= bits.size()) {
            throw new BreakpointException("no module with index " + moduleIndex);
        }
        ModuleImage image = images.get(moduleIndex);
        OptionalInt actual = image.instructionAtOrAfter(offset);
        if (actual.isEmpty()) {
            actual = finalEndOfBodyEndingAt(image, offset);
        }
        if (actual.isEmpty()) {
            throw new BreakpointException(String.format(
                    "offset 0x%x is not inside a function body of %s", offset, image.name()));
        }
        long key = key(moduleIndex, offset);
        requested.put(key, actual.getAsInt());
        conditions.remove(key);
        mark(moduleIndex, actual.getAsInt(), true);
        return new Breakpoint(moduleIndex, offset, actual.getAsInt());
    }

    /** Adds a breakpoint that stops only when {@code condition} holds at the hit. */
    Breakpoint add(int moduleIndex, int offset, java.util.function.Predicate<BreakpointHit> condition) {
        Breakpoint breakpoint = add(moduleIndex, offset);
        conditions.put(key(moduleIndex, offset), condition);
        return breakpoint;
    }

    /**
     * Counts a hit of every breakpoint requested for {@code pc} and says whether the guest stops
     * there: yes if one of them has no condition, or one's condition holds. A condition that
     * throws stops the guest, so that a broken condition is seen rather than silently skipped.
     *
     * @param hit builds the hit a condition sees, given the breakpoint's hit count
     */
    boolean countHitAndDecide(int moduleIndex, int pc, java.util.function.LongFunction<BreakpointHit> hit) {
        boolean stop = false;
        for (var entry : requested.entrySet()) {
            if (moduleOf(entry.getKey()) != moduleIndex || entry.getValue() != pc) {
                continue;
            }
            long count = hits.merge(entry.getKey(), 1L, Long::sum);
            var condition = conditions.get(entry.getKey());
            try {
                stop |= condition == null || condition.test(hit.apply(count));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BreakpointTable.class)
                        .warn("condition of the breakpoint at 0x{} failed; stopping there", Integer.toHexString(pc), e);
                stop = true;
            }
        }
        return stop;
    }

    /** {@return how often the breakpoint requested at this offset was reached; 0 for none} */
    long hitCount(int moduleIndex, int offset) {
        return hits.getOrDefault(key(moduleIndex, offset), 0L);
    }

    /** Removes the breakpoint requested at this offset; true if there was one. */
    boolean remove(int moduleIndex, int offset) {
        conditions.remove(key(moduleIndex, offset));
        hits.remove(key(moduleIndex, offset));
        Integer actual = requested.remove(key(moduleIndex, offset));
        if (actual == null) {
            return false;
        }
        if (!requested.containsValue(actual) || !anyRequestFor(moduleIndex, actual)) {
            mark(moduleIndex, actual, false);
        }
        return true;
    }

    void clear() {
        requested.clear();
        conditions.clear();
        hits.clear();
        for (long[] map : bits) {
            java.util.Arrays.fill(map, 0L);
        }
    }

    /**
     * The offset a breakpoint at {@code pc} was requested at: {@code pc} itself if a breakpoint
     * was requested there, else the first request that slipped to it. Stops report this offset,
     * because a client counts a hit only when the pc equals an address it asked for.
     */
    int requestedOffsetFor(int moduleIndex, int pc) {
        if (requested.containsKey(key(moduleIndex, pc))) {
            return pc;
        }
        for (var entry : requested.entrySet()) {
            if (moduleOf(entry.getKey()) == moduleIndex && entry.getValue() == pc) {
                return offsetOf(entry.getKey());
            }
        }
        return pc;
    }

    List<Breakpoint> list() {
        var list = new ArrayList<Breakpoint>(requested.size());
        requested.forEach((key, actual) -> list.add(new Breakpoint(moduleOf(key), offsetOf(key), actual)));
        return List.copyOf(list);
    }

    /** The final {@code end} of the function whose body ends just before {@code offset}. */
    private static OptionalInt finalEndOfBodyEndingAt(ModuleImage image, int offset) {
        for (var function : image.functions()) {
            // The final end is one byte (0x0b); an empty body cannot end where another begins.
            if (function.bodyEnd() == offset && function.firstInstruction() < offset
                    && image.isInstructionStart(offset - 1)) {
                return OptionalInt.of(offset - 1);
            }
        }
        return OptionalInt.empty();
    }

    private boolean anyRequestFor(int moduleIndex, int actual) {
        for (var entry : requested.entrySet()) {
            if (moduleOf(entry.getKey()) == moduleIndex && entry.getValue() == actual) {
                return true;
            }
        }
        return false;
    }

    private void mark(int moduleIndex, int offset, boolean on) {
        int relative = offset - codeStart.get(moduleIndex);
        long[] map = bits.get(moduleIndex);
        if (on) {
            map[relative >>> 6] |= 1L << relative;
        } else {
            map[relative >>> 6] &= ~(1L << relative);
        }
    }

    private static long key(int moduleIndex, int offset) {
        return ((long) moduleIndex << 32) | (offset & 0xffffffffL);
    }

    private static int moduleOf(long key) {
        return (int) (key >>> 32);
    }

    private static int offsetOf(long key) {
        return (int) key;
    }
}
