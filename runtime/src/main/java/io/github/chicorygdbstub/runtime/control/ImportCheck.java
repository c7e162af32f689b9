package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds, before anything runs, an import that nothing will provide. Chicory would only say so when
 * the guest thread instantiates the module, after a front end has announced that the guest waits for a
 * debugger; checking names and kinds up front lets it refuse the module with the import's name instead.
 * Signatures are left to Chicory's instantiation, which names the mismatch itself.
 */
final class ImportCheck {
    private ImportCheck() {}

    /**
     * @param images the main module first, then the libraries in instantiation order
     * @param importNames the name each module is registered under (the main module's is unused)
     */
    static void verify(List<ModuleImage> images, List<String> importNames, List<HostFunction> hostFunctions) {
        Set<String> provided = new HashSet<>();
        try (var wasi = WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build()) {
            for (HostFunction function : wasi.toHostFunctions()) {
                provided.add(key(function.module(), function.name(), ExternalType.FUNCTION));
            }
        }
        for (HostFunction function : hostFunctions) {
            provided.add(key(function.module(), function.name(), ExternalType.FUNCTION));
        }
        // Libraries are instantiated first, in order, so each may import from the ones before it; the main
        // module (index 0) comes last and may import from all of them.
        for (int i = 1; i < images.size(); i++) {
            verifyModule(images.get(i), provided);
            addExports(images.get(i), importNames.get(i), provided);
        }
        verifyModule(images.get(0), provided);
    }

    private static void verifyModule(ModuleImage image, Set<String> provided) {
        ImportSection imports = image.wasmModule().importSection();
        for (int i = 0; i < imports.importCount(); i++) {
            Import wanted = imports.getImport(i);
            if (!provided.contains(key(wanted.module(), wanted.name(), wanted.importType()))) {
                throw new UnsatisfiedImportException(image.name(), wanted.module(), wanted.name(),
                        wanted.importType().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void addExports(ModuleImage library, String importName, Set<String> provided) {
        var exports = library.wasmModule().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            provided.add(key(importName, export.name(), export.exportType()));
        }
    }

    private static String key(String module, String name, ExternalType type) {
        return type.id() + "\0" + module + "\0" + name;
    }
}
