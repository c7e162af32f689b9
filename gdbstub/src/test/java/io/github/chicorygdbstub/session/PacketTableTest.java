package io.github.chicorygdbstub.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.packets.StandardPackets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketTableTest {
    private final PacketTable table = StandardPackets.table();

    private String handlerFor(String packet) {
        PacketTable.Entry entry = table.lookup(packet.getBytes(StandardCharsets.ISO_8859_1));
        return entry == null ? null : entry.name();
    }

    @Test
    void longestRegisteredNameWins() {
        assertThat(handlerFor("vCont?")).isEqualTo("vCont?");
        assertThat(handlerFor("vCont;s:1")).isEqualTo("vCont");
        assertThat(handlerFor("qXfer:libraries:read::0,fff")).isEqualTo("qXfer");
        assertThat(handlerFor("qRegisterInfo1a")).isEqualTo("qRegisterInfo");
        assertThat(handlerFor("qThreadStopInfo1")).isEqualTo("qThreadStopInfo");
        assertThat(handlerFor("Hg0")).isEqualTo("Hg");
        assertThat(handlerFor("Hc-1")).isEqualTo("Hc");
    }

    @Test
    void multiLetterNamesMustEndAtANonLetter() {
        assertThat(handlerFor("qC")).isEqualTo("qC");
        assertThat(handlerFor("qCRC:0,10")).isNull();
        assertThat(handlerFor("qSupportedX")).isNull();
        assertThat(handlerFor("vContinue")).isNull();
    }

    @Test
    void oneLetterCommandsTakeAnyArgumentsButNotLongerNames() {
        assertThat(handlerFor("mffff0110,4")).isEqualTo("m");
        assertThat(handlerFor("mzz")).isEqualTo("m");
        assertThat(handlerFor("M10,1:00")).isEqualTo("M");
        assertThat(handlerFor("MultiMemRead:ranges:10,2;")).isEqualTo("MultiMemRead");
        assertThat(handlerFor("x0,0")).isEqualTo("x");
        assertThat(handlerFor("vFile:open:2f6574632f706173737764,0,0")).isNull();
        assertThat(handlerFor("")).isNull();
        assertThat(handlerFor("\u00ff")).isNull();
    }

    @Test
    void aNameCanOnlyBeRegisteredOnce() {
        assertThatThrownBy(() -> PacketTable.builder().on("m", (a, s) -> null).on("m", (a, s) -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
