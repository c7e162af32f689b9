package io.github.chicorygdbstub;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.packets.StandardPackets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/protocol.md and the packet table must tell the same story. */
class ProtocolDocumentationTest {
    private static final Path DOC = Path.of("..", "docs", "protocol.md");

    @Test
    void everyRegisteredPacketIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        for (String name : StandardPackets.table().names()) {
            assertThat(doc).as("docs/protocol.md should describe %s", name).containsPattern(
                    "`" + Pattern.quote(name) + "[^`]*`");
        }
    }

    @Test
    void everyDocumentedPacketIsRegisteredOrListedAsUnsupported() throws Exception {
        String doc = Files.readString(DOC);
        String supported = doc.substring(doc.indexOf("## Packets"), doc.indexOf("## Stop replies"));
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)`").matcher(supported);
        var table = StandardPackets.table();
        while (row.find()) {
            if (row.group(1).startsWith("0x03")) {
                continue;
            }
            assertThat(table.lookup(row.group(1).getBytes())).as("documented packet %s", row.group(1)).isNotNull();
        }
    }
}
