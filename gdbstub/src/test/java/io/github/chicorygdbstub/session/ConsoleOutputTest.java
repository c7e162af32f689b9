package io.github.chicorygdbstub.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.testing.SessionHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Long monitor output goes out in {@code O} packets of bounded size, never splitting a character. */
@Timeout(60)
class ConsoleOutputTest {
    @Test
    void longTextIsSplitIntoPacketsOfAtMostOneChunkWithoutBreakingASurrogatePair() throws Exception {
        String emoji = "\uD83D\uDE80"; // one code point, two chars
        String text = "a".repeat(Session.CONSOLE_CHUNK - 1) + emoji + "b".repeat(2 * Session.CONSOLE_CHUNK - 2);
        try (SessionHarness harness = SessionHarness.stoppedAtEntry("loop_wat", ClientProfile.LLDB)) {
            harness.session().sendConsoleOutput(text);

            List<String> pieces = new ArrayList<>();
            while (!harness.sink().isEmpty()) {
                String packet = harness.next();
                assertThat(packet).startsWith("O");
                pieces.add(new String(HexFormat.of().parseHex(packet.substring(1)), StandardCharsets.UTF_8));
            }
            assertThat(pieces.size()).isEqualTo(3); // 4095 chars, then the emoji and 4094, then 4096
            assertThat(pieces.get(0)).hasSize(Session.CONSOLE_CHUNK - 1).doesNotContain(emoji);
            assertThat(pieces.get(1)).startsWith(emoji);
            assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(Session.CONSOLE_CHUNK));
            assertThat(String.join("", pieces)).isEqualTo(text);
        }
    }
}
