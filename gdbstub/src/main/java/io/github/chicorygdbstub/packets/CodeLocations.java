package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.SessionContext;
import java.util.Optional;

/**
 * Code addresses as the monitor prints them: the Object address, {@code module`function + offset}
 * with the offset counted from the function body's start as LLDB's symbols count it, and the
 * source line when the module has a DWARF line table.
 */
final class CodeLocations {
    private CodeLocations() {}

    /**
     * @param offset the file offset the address and symbol show
     * @param lineOffset the file offset whose source line is shown: for an outer frame the call
     *     instruction, since the return address may already belong to the next line
     */
    static String describe(SessionContext session, int moduleIndex, int offset, int lineOffset) {
        ModuleImage image = session.debuggee().module(moduleIndex);
        String module = session.addressSpace().libraryNames().get(moduleIndex);
        Optional<FunctionRange> function = image.functionAt(offset);
        String symbol = function.map(f -> f.name() + " + " + (offset - f.bodyStart())).orElse("?");
        String line = image.lineTable().at(lineOffset)
                .filter(l -> l.line() > 0)
                .map(SourceLine::toString)
                .map(l -> " at " + l)
                .orElse("");
        return String.format("0x%016x %s`%s%s", WasmAddress.object(moduleIndex, offset), module, symbol, line);
    }
}
