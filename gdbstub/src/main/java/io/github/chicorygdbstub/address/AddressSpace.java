package io.github.chicorygdbstub.address;

import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.inspect.MemoryInfo;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The regions a debugger can see: every module image and every linear memory of a debuggee, at
 * their {@link WasmAddress synthetic addresses}. Memory sizes are read live, so the map follows
 * {@code memory.grow}.
 */
public final class AddressSpace {
    private final Debuggee debuggee;

    /**
     * The address space of a debuggee's modules and memories.
     *
     * @param debuggee the guest whose modules and memories are mapped
     */
    public AddressSpace(Debuggee debuggee) {
        this.debuggee = debuggee;
    }

    /**
     * {@return unique library names for the modules, by module index (LLDB merges libraries with
     * equal names); the list grows as an embedding application instruments instances}
     */
    public List<String> libraryNames() {
        var names = new ArrayList<String>();
        for (int i = 0; i < debuggee.modules().size(); i++) {
            names.add(debuggee.moduleName(i));
        }
        return names;
    }

    /** {@return all regions sorted by start address; memories only when the guest can be inspected} */
    public List<Region> regions() {
        var regions = new ArrayList<Region>();
        List<String> names = libraryNames();
        for (int i = 0; i < names.size(); i++) {
            ModuleImage image = debuggee.module(i);
            regions.add(new Region(Region.Kind.MODULE_IMAGE, i, WasmAddress.object(i, 0), image.size(), names.get(i)));
        }
        for (MemoryInfo memory : memoriesIfInspectable()) {
            regions.add(new Region(Region.Kind.LINEAR_MEMORY, memory.memoryIndex(),
                    WasmAddress.memory(memory.memoryIndex(), 0), memory.sizeBytes(),
                    "memory[" + memory.memoryIndex() + "]"));
        }
        regions.sort(Comparator.comparing(Region::start, Long::compareUnsigned));
        return regions;
    }

    /**
     * The region containing an address.
     *
     * @param address a synthetic address
     * @return that region, or empty if the address is unmapped
     */
    public Optional<Region> regionAt(long address) {
        return regions().stream().filter(r -> r.contains(address)).findFirst();
    }

    /**
     * The first region starting after an address.
     *
     * @param address a synthetic address
     * @return that region, or empty if none follows
     */
    public Optional<Region> nextRegionAfter(long address) {
        return regions().stream().filter(r -> Long.compareUnsigned(r.start(), address) > 0).findFirst();
    }

    private List<MemoryInfo> memoriesIfInspectable() {
        try {
            return debuggee.memories();
        } catch (IllegalStateException running) {
            return List.of();
        }
    }

}
