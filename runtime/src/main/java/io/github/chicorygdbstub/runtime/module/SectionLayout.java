package io.github.chicorygdbstub.runtime.module;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each section and each function body sits in a module's bytes.
 *
 * <p>Chicory does not publish section offsets, and DWARF code addresses are relative to the
 * Code section's payload, so we scan the section headers of the retained image ourselves.
 */
public final class SectionLayout {
    /** The id of the Code section. */
    public static final int CODE_SECTION_ID = 10;

    private final List<Section> sections;
    private final int[] bodyStarts;
    private final int[] bodyEnds;

    private SectionLayout(List<Section> sections, int[] bodyStarts, int[] bodyEnds) {
        this.sections = sections;
        this.bodyStarts = bodyStarts;
        this.bodyEnds = bodyEnds;
    }

    /**
     * One section.
     *
     * @param id the section id (0 for a custom section)
     * @param customName a custom section's name, or null
     * @param payloadOffset where the payload starts in the module's bytes
     * @param payloadSize the payload's length
     * @param contentOffset where the content starts: after a custom section's name, else the payload
     */
    public record Section(int id, String customName, int payloadOffset, int payloadSize, int contentOffset) {}

    /**
     * Scans the section headers, and the Code section's function bodies.
     *
     * @param image a module's bytes, from the {@code \0asm} magic on
     * @return the layout
     * @throws IllegalArgumentException if a section runs past the end or a size is malformed
     */
    public static SectionLayout scan(byte[] image) {
        var reader = new LebReader(image, 8);
        var sections = new ArrayList<Section>();
        int[] starts = new int[0];
        int[] ends = new int[0];
        while (reader.position() < image.length) {
            int id = reader.readByte();
            int size = reader.readU32();
            int payload = reader.position();
            if (payload + (long) size > image.length) {
                throw new IllegalArgumentException("section " + id + " runs past the end of the module");
            }
            String customName = null;
            int content = payload;
            if (id == 0) {
                int nameLength = reader.readU32();
                customName = new String(image, reader.position(), nameLength, java.nio.charset.StandardCharsets.UTF_8);
                content = reader.position() + nameLength;
            }
            if (id == CODE_SECTION_ID) {
                reader.seek(payload);
                int count = reader.readU32();
                starts = new int[count];
                ends = new int[count];
                for (int i = 0; i < count; i++) {
                    int bodySize = reader.readU32();
                    starts[i] = reader.position();
                    ends[i] = starts[i] + bodySize;
                    reader.seek(ends[i]);
                }
            }
            sections.add(new Section(id, customName, payload, size, content));
            reader.seek(payload + size);
        }
        return new SectionLayout(List.copyOf(sections), starts, ends);
    }

    /**
     * Every section, in file order.
     *
     * @return the sections
     */
    public List<Section> sections() {
        return sections;
    }

    Section codeSection() {
        for (Section s : sections) {
            if (s.id() == CODE_SECTION_ID) {
                return s;
            }
        }
        return null;
    }

    /**
     * The number of function bodies in the Code section.
     *
     * @return 0 without a Code section
     */
    public int bodyCount() {
        return bodyStarts.length;
    }

    /**
     * Where a function body starts (its locals), as an offset in the module's bytes.
     *
     * @param definedFunction the body's position in the Code section
     * @return the offset
     */
    public int bodyStart(int definedFunction) {
        return bodyStarts[definedFunction];
    }

    /**
     * Where a function body ends (exclusive), as an offset in the module's bytes.
     *
     * @param definedFunction the body's position in the Code section
     * @return the offset
     */
    public int bodyEnd(int definedFunction) {
        return bodyEnds[definedFunction];
    }

    /**
     * The vector length a section's payload starts with, which is its entry count for the
     * sections that are vectors (types, imports, functions, ..., code, data).
     *
     * @param image the module's bytes
     * @param section one of its sections
     * @return the count
     */
    public static int leadingCount(byte[] image, Section section) {
        return new LebReader(image, section.payloadOffset()).readU32();
    }

    /** Minimal unsigned LEB128 reader over the raw image. */
    private static final class LebReader {
        private final byte[] bytes;
        private int position;

        LebReader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int position() {
            return position;
        }

        void seek(int newPosition) {
            position = newPosition;
        }

        int readByte() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("unexpected end of module at offset " + position);
            }
            return bytes[position++] & 0xff;
        }

        int readU32() {
            long result = 0;
            int shift = 0;
            while (true) {
                int b = readByte();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 28) {
                    throw new IllegalArgumentException("malformed LEB128 at offset " + position);
                }
            }
            if (result > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("LEB128 value too large at offset " + position);
            }
            return (int) result;
        }
    }
}
