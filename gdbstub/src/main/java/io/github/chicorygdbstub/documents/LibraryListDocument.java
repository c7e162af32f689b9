package io.github.chicorygdbstub.documents;

import io.github.chicorygdbstub.address.WasmAddress;
import java.util.List;

/**
 * {@code qXfer:libraries:read}: one library per module, its base address in the Object space.
 * LLDB's Wasm dynamic loader loads each module from these addresses (reading the image with
 * {@code m}) unless a local file with the same name exists.
 */
public final class LibraryListDocument {
    private LibraryListDocument() {}

    /**
     * The library list document.
     *
     * @param names the library names by module index
     * @return the XML, module {@code k} at {@link WasmAddress#object(int, long) object(k, 0)}
     */
    public static String render(List<String> names) {
        var xml = new StringBuilder("<library-list>");
        for (int i = 0; i < names.size(); i++) {
            xml.append("<library name=\"").append(Xml.attribute(names.get(i))).append("\">")
                    .append("<section address=\"0x").append(Long.toHexString(WasmAddress.object(i, 0)))
                    .append("\"/></library>");
        }
        return xml.append("</library-list>").toString();
    }
}
