package io.github.chicorygdbstub.runtime.module;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import io.github.chicorygdbstub.dwarf.DebugInfo;
import io.github.chicorygdbstub.dwarf.DwarfSections;
import io.github.chicorygdbstub.dwarf.LineTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A WebAssembly module exactly as it was loaded: the original bytes (custom sections such as
 * DWARF included), the Chicory parse of those same bytes, and the code layout a debugger needs.
 *
 * <p>The image is immutable and is held once; debugger reads copy out of it on demand. The byte
 * array handed to {@link #of(String, byte[])} becomes the image, so the caller must not modify
 * it afterwards.
 */
public final class ModuleImage {
    private final String name;
    private final byte[] bytes;
    private final WasmModule module;
    private final String sha256;
    private final SectionLayout layout;
    private final int importedFunctionCount;
    private final List<FunctionRange> functions;
    /** Sorted file offsets of every instruction of every defined function. */
    private final int[] instructionOffsets;
    /** Immutable once built; two threads may build one at once and one wins, which is harmless. */
    private volatile LineTable lineTable;
    private volatile DebugInfo debugInfo;

    private ModuleImage(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
        this.module = Parser.parse(bytes);
        this.sha256 = sha256Hex(bytes);
        this.layout = SectionLayout.scan(bytes);
        this.importedFunctionCount = module.importSection().count(ExternalType.FUNCTION);
        NameCustomSection names = module.nameSection();
        var ranges = new ArrayList<FunctionRange>(layout.bodyCount());
        var offsets = new int[totalInstructionCount(module)];
        int next = 0;
        for (int i = 0; i < layout.bodyCount(); i++) {
            FunctionBody body = module.codeSection().getFunctionBody(i);
            int functionIndex = importedFunctionCount + i;
            List<? extends Instruction> instructions = body.instructions();
            int first = instructions.isEmpty() ? layout.bodyEnd(i) : instructions.get(0).address();
            ranges.add(new FunctionRange(functionIndex, functionName(names, functionIndex),
                    layout.bodyStart(i), layout.bodyEnd(i), first));
            for (Instruction instruction : instructions) {
                offsets[next++] = instruction.address();
            }
        }
        this.functions = List.copyOf(ranges);
        Arrays.sort(offsets, 0, next);
        this.instructionOffsets = next == offsets.length ? offsets : Arrays.copyOf(offsets, next);
    }

    /**
     * Loads and parses a module from a file; the image name is the file name.
     *
     * @param path the {@code .wasm} file
     * @return the image
     * @throws IOException if the file cannot be read
     * @throws InvalidModuleException if its bytes are not a valid module
     */
    public static ModuleImage load(Path path) throws IOException {
        return of(path.getFileName().toString(), Files.readAllBytes(path));
    }

    /**
     * Reads a whole stream and parses it as a module.
     *
     * @param name the image name (what {@link #name()} returns)
     * @param in the module bytes; read to the end, not closed
     * @return the image
     * @throws IOException if the stream cannot be read
     * @throws InvalidModuleException if its bytes are not a valid module
     */
    public static ModuleImage load(String name, InputStream in) throws IOException {
        return of(name, in.readAllBytes());
    }

    /**
     * Parses {@code bytes} and keeps that very array as the image.
     *
     * @param name the image name (what {@link #name()} returns)
     * @param bytes the module bytes, which the caller must not modify afterwards
     * @return the image
     * @throws InvalidModuleException if the bytes are not a valid module
     */
    public static ModuleImage of(String name, byte[] bytes) {
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
            throw new InvalidModuleException(name + ": not a WebAssembly module (missing \\0asm magic)");
        }
        try {
            return new ModuleImage(name, bytes);
        } catch (InvalidModuleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidModuleException(name + ": invalid WebAssembly module: " + e.getMessage(), e);
        }
    }

    /** {@return the name the module was loaded under (usually its file name)} */
    public String name() {
        return name;
    }

    /** {@return the length of the image in bytes} */
    public int size() {
        return bytes.length;
    }

    /** {@return the SHA-256 of the image, lowercase hex} */
    public String sha256() {
        return sha256;
    }

    /**
     * The byte at a file offset.
     *
     * @param offset a file offset, less than {@link #size()}
     * @return the byte there
     */
    public byte byteAt(int offset) {
        return bytes[offset];
    }

    /**
     * Copies {@code length} image bytes starting at {@code offset} into {@code target}.
     *
     * @param offset the file offset of the first byte
     * @param target receives the bytes
     * @param targetOffset where in {@code target} the first byte goes
     * @param length how many bytes to copy
     */
    public void copyTo(int offset, byte[] target, int targetOffset, int length) {
        System.arraycopy(bytes, offset, target, targetOffset, length);
    }

    /** {@return a read-only view of the whole image, without copying} */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** {@return a copy of the image} */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** {@return the Chicory parse of the image} */
    public WasmModule wasmModule() {
        return module;
    }

    /**
     * {@return the file offset of the Code section's payload (what DWARF code addresses are
     * relative to), or -1}
     */
    public int codeSectionOffset() {
        var code = layout.codeSection();
        return code == null ? -1 : code.payloadOffset();
    }

    /** {@return the size of the Code section's payload in bytes, or 0 when there is none} */
    public int codeSectionSize() {
        var code = layout.codeSection();
        return code == null ? 0 : code.payloadSize();
    }

    /**
     * The content of the first custom section with this name (after its name), as a read-only view
     * of the image.
     *
     * @param sectionName the custom section's name, such as {@code .debug_info}
     * @return the content, or empty when there is no such section
     */
    public Optional<ByteBuffer> customSection(String sectionName) {
        return layout.sections().stream()
                .filter(s -> sectionName.equals(s.customName()))
                .findFirst()
                .map(s -> ByteBuffer.wrap(bytes, s.contentOffset(), s.payloadOffset() + s.payloadSize() - s.contentOffset())
                        .slice().asReadOnlyBuffer());
    }

    /**
     * {@return the DWARF line table, read on first use (most sessions never need it: debuggers read
     * DWARF themselves); empty when the module has none}
     */
    public LineTable lineTable() {
        LineTable table = lineTable;
        if (table == null) {
            table = LineTable.read(dwarfSections(), codeSectionOffset(), codeSectionSize());
            lineTable = table;
        }
        return table;
    }

    /**
     * {@return the DWARF debugging information (functions, variables, types), indexed on first use;
     * empty when the module has none}
     */
    public DebugInfo debugInfo() {
        DebugInfo info = debugInfo;
        if (info == null) {
            info = DebugInfo.read(dwarfSections(), codeSectionOffset());
            debugInfo = info;
        }
        return info;
    }

    /** {@return the module's DWARF sections, as views of the image} */
    public DwarfSections dwarfSections() {
        return DwarfSections.from(this::customSection);
    }

    /** {@return the names of the custom sections in file order (e.g. {@code name}, {@code .debug_info})} */
    public List<String> customSectionNames() {
        return layout.sections().stream()
                .filter(s -> s.customName() != null)
                .map(SectionLayout.Section::customName)
                .toList();
    }

    /** {@return the number of imported functions (they come first in the function index space)} */
    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    /** {@return every defined function's body range, in function index order} */
    public List<FunctionRange> functions() {
        return functions;
    }

    /**
     * The defined function whose body contains a file offset.
     *
     * @param offset a file offset
     * @return that function, or empty if the offset is in no function body
     */
    public Optional<FunctionRange> functionAt(int offset) {
        int lo = 0;
        int hi = functions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            FunctionRange f = functions.get(mid);
            if (offset < f.bodyStart()) {
                hi = mid - 1;
            } else if (offset >= f.bodyEnd()) {
                lo = mid + 1;
            } else {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The function index for a code offset.
     *
     * @param offset a file offset
     * @return the index (imports included) of the function whose body holds it, or empty if none does
     */
    public OptionalInt functionIndexAt(int offset) {
        return functionAt(offset).map(f -> OptionalInt.of(f.functionIndex())).orElse(OptionalInt.empty());
    }

    /**
     * Name of a function, from the {@code name} section if present.
     *
     * @param functionIndex the function index (imports included)
     * @return the function's name, or {@code func[N]} when the name section has none
     */
    public String functionName(int functionIndex) {
        return functionName(module.nameSection(), functionIndex);
    }

    /** {@return a sorted copy of the file offsets of every instruction in the module} */
    public int[] instructionOffsets() {
        return instructionOffsets.clone();
    }

    /** {@return the number of instructions in all function bodies} */
    public int instructionCount() {
        return instructionOffsets.length;
    }

    /**
     * Whether an instruction starts exactly at this file offset.
     *
     * @param offset a file offset
     * @return true if an instruction starts there
     */
    public boolean isInstructionStart(int offset) {
        return Arrays.binarySearch(instructionOffsets, offset) >= 0;
    }

    /**
     * The first instruction at or after {@code offset} within the same function body: where a
     * breakpoint requested at {@code offset} really goes.
     *
     * @param offset a file offset
     * @return that instruction's offset; empty when the offset is outside every body or no
     *     instruction follows it in its body
     */
    public OptionalInt instructionAtOrAfter(int offset) {
        Optional<FunctionRange> function = functionAt(offset);
        if (function.isEmpty()) {
            return OptionalInt.empty();
        }
        int i = Arrays.binarySearch(instructionOffsets, offset);
        int index = i >= 0 ? i : -i - 1;
        if (index >= instructionOffsets.length || instructionOffsets[index] >= function.get().bodyEnd()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(instructionOffsets[index]);
    }

    @Override
    public String toString() {
        return "ModuleImage[" + name + ", " + bytes.length + " bytes]";
    }

    private static int totalInstructionCount(WasmModule module) {
        int count = 0;
        for (FunctionBody body : module.codeSection().functionBodies()) {
            count += body.instructions().size();
        }
        return count;
    }

    private static String functionName(NameCustomSection names, int functionIndex) {
        String name = names == null ? null : names.nameOfFunction(functionIndex);
        return name != null ? name : "func[" + functionIndex + "]";
    }

    /**
     * The SHA-256 of some bytes, as {@link #sha256()} gives an image's.
     *
     * @param bytes the bytes
     * @return lower-case hex
     */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
