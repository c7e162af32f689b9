package io.github.chicorygdbstub.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.Region;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentsTest {

    @Test
    void libraryListHasOneEscapedLibraryPerModuleAtItsBase() {
        assertThat(LibraryListDocument.render(List.of("app.wasm", "a&b<\"c\">.wasm"))).isEqualTo("<library-list>"
                + "<library name=\"app.wasm\"><section address=\"0x4000000000000000\"/></library>"
                + "<library name=\"a&amp;b&lt;&quot;c&quot;&gt;.wasm\"><section address=\"0x4000000100000000\"/></library>"
                + "</library-list>");
    }

    @Test
    void memoryMapListsImagesAsRomAndMemoriesAsRamSkippingEmptyOnes() {
        String map = MemoryMapDocument.render(List.of(
                new Region(Region.Kind.LINEAR_MEMORY, 0, 0, 0x20000, "memory[0]"),
                new Region(Region.Kind.LINEAR_MEMORY, 1, 0x100000000L, 0, "memory[1]"),
                new Region(Region.Kind.MODULE_IMAGE, 0, 0x4000000000000000L, 0x4eb, "app.wasm")));
        assertThat(map).contains("<!DOCTYPE memory-map", "<memory type=\"ram\" start=\"0x0\" length=\"0x20000\"/>",
                "<memory type=\"rom\" start=\"0x4000000000000000\" length=\"0x4eb\"/>").doesNotContain("0x100000000");
    }

    @Test
    void gdbTargetDescriptionIsRegisterLessX8664() {
        assertThat(TargetDescription.gdbX86Disguise()).contains("<architecture>i386:x86-64</architecture>")
                .doesNotContain("<reg").doesNotContain("wasm");
    }

    @Test
    void xferChunksAreStatelessSlices() {
        String document = "0123456789";
        assertThat(text(XferChunk.slice(document, 0, 4))).isEqualTo("m0123");
        assertThat(text(XferChunk.slice(document, 8, 4))).isEqualTo("l89");
        assertThat(text(XferChunk.slice(document, 0, 10))).isEqualTo("l0123456789");
        assertThat(text(XferChunk.slice(document, 10, 4))).isEqualTo("l");
        assertThat(text(XferChunk.slice(document, Long.MAX_VALUE, 4))).isEqualTo("l");
        assertThat(text(XferChunk.slice(document, 2, 0))).isEqualTo("l");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
