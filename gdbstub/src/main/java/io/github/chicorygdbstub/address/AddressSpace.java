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
    private final List<String> libraryNames;

    /**
     * The address space of a debuggee's modules and memories.
     *
     * @param debuggee the guest whose modules and memories are mapped
     */
    public AddressSpace(Debuggee debuggee) {
        this.debuggee = debuggee;
        this.libraryNames = uniqueNames(debuggee.modules());
    }

    /**
     * {@return unique library names for the modules, by module index (LLDB merges libraries with equal names)}
     */
    public List<String> libraryNames() {
        return libraryNames;
    }

    /** {@return all regions sorted by start address; memories only when the guest can be inspected} */
    public List<Region> regions() {
        var regions = new ArrayList<Region>();
        for (int i = 0; i < debuggee.modules().size(); i++) {
            ModuleImage image = debuggee.module(i);
            regions.add(new Region(Region.Kind.MODULE_IMAGE, i, WasmAddress.object(i, 0), image.size(),
                    libraryNames.get(i)));
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

    private static List<String> uniqueNames(List<ModuleImage> modules) {
        var names = new ArrayList<String>();
        for (ModuleImage module : modules) {
            String name = module.name();
            String candidate = name;
            for (int n = 2; names.contains(candidate); n++) {
                candidate = name + "~" + n;
            }
            names.add(candidate);
        }
        return List.copyOf(names);
    }
}
