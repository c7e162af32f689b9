package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.testing.RawRspClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One case per robustness rule R1-R10 of the client reference (section 13.5), plus the bounds and
 * the security rules, each with the exact reply, over a real socket. Every case ends with the
 * session and the guest still working.
 */
@Timeout(60)
class RobustnessCorpusTest {
    private ServedGuest guest;
    private RawRspClient client;
    private ModuleImage image;

    @BeforeEach
    void start() throws Exception {
        guest = ServedGuest.stopped("fib");
        image = guest.debuggee().module(0);
        client = new RawRspClient(guest.server().port()); // ack mode, for R7 and R8
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        guest.close();
    }

    @Test
    void ackModeRules() throws Exception {
        // R8: a bad checksum is NAKed; R7: a NAK gets the previous reply again.
        client.write("$qC#00");
        assertThat(client.readByte()).isEqualTo('-');
        client.write("$qC#b4");
        assertThat(client.readByte()).isEqualTo('+');
        assertThat(client.readPacket()).isEqualTo("QC1");
        client.write("-");
        assertThat(client.readPacket()).isEqualTo("QC1");
        client.write("+");
        assertStillWorking();
    }

    @Test
    void packetRules() throws Exception {
        noAck();
        assertThat(client.ask("qFooBar")).isEmpty(); // R1
        assertThat(client.ask("mzz,4")).isEqualTo("E01"); // R2
        assertThat(client.ask("m4000000000000000")).isEqualTo("E01");
        assertThat(client.ask("m8000000000000000,4")).isEqualTo("E03"); // R3
        assertThat(client.ask("mc000000000000000,4")).isEqualTo("E03");
        // R4: outside every function body, in another space, past the image: E03. (An offset inside an
        // instruction of a body slips to the next instruction, as the runtime's contract says.)
        assertThat(client.ask("Z0,4000000000000000,0")).isEqualTo("E03");
        assertThat(client.ask("Z0," + Long.toHexString(0x4000000000000000L + image.size()) + ",0")).isEqualTo("E03");
        assertThat(client.ask("Z0,8000000000000010,0")).isEqualTo("E03");
        assertThat(client.ask("Z0,10,0")).isEqualTo("E03");
        FunctionRange fib = image.functions().stream().filter(f -> f.name().equals("fib")).findFirst().orElseThrow();
        assertThat(client.ask("Z0," + Long.toHexString(0x4000000000000000L + fib.firstInstruction() + 1) + ",0"))
                .isEqualTo("OK");
        assertThat(client.ask("z0," + Long.toHexString(0x4000000000000000L + fib.firstInstruction() + 1) + ",0"))
                .isEqualTo("OK");
        assertThat(client.ask("qXfer:libraries:read::ffffff,100")).isEqualTo("l"); // R5
        assertThat(client.ask("qXfer:memory-map:read::7fffffffffffffff,ffffffffffffffff")).isEqualTo("l");
        assertThat(client.ask("qXfer:libraries:read::ffffffffffffffff,10")).isEqualTo("l");
        assertThat(client.ask("qXfer:libraries:read::0,ffffffffffffffff")).startsWith("l<library-list>");
        assertThat(client.ask("qXfer:exec-file:read::0,100")).isEmpty(); // R6
        assertThat(client.ask("qXfer:features:read:other.xml:0,100")).startsWith("E");
        assertThat(client.ask("MultiMemRead:ranges:10,2;")).isEmpty(); // R10
        assertStillWorking();
    }

    @Test
    void interruptWhileStoppedGetsNoReply() throws Exception {
        noAck();
        client.write("\u0003"); // R9: nothing is sent for it ...
        assertThat(client.ask("qC")).isEqualTo("QC1"); // ... so the next reply is the next packet's
        assertThat(client.ask("?")).startsWith("T05");
        assertStillWorking();
    }

    @Test
    void requestsAreBounded() throws Exception {
        noAck();
        // An m length of 2^64-1 is cut to what fits a reply; a packet over PacketSize is refused.
        assertThat(client.ask("m4000000000000000,ffffffffffffffff")).hasSize(0x20000);
        assertThat(client.ask("m0,ffffffffffffffff")).hasSize(0x20000);
        client.send("m0," + "0".repeat(0x20000));
        assertThat(client.readPacket()).isEqualTo("E01");
        // Partial frames that restart (a raw $) never accumulate: each one is dropped.
        client.write("$m0,4".repeat(50_000));
        assertThat(client.ask("qC")).isEqualTo("QC1");
        // M whose length disagrees with its data, and writes past the memory's end.
        assertThat(client.ask("M10,4:00")).isEqualTo("E01");
        assertThat(client.ask("Mfffffffffffffff0,20:" + "00".repeat(0x20))).isEqualTo("E03");
        assertStillWorking();
    }

    @Test
    void nothingReachesHostFilesOrWritesModuleImages() throws Exception {
        noAck();
        assertThat(client.ask("vFile:open:" + Hex.encodeText("/etc/passwd") + ",0,0")).isEmpty();
        assertThat(client.ask("vFile:setfs:0")).isEmpty();
        assertThat(client.ask("qXfer:exec-file:read:1:0,1000")).isEmpty();
        assertThat(client.ask("M4000000000000000,1:00")).isEqualTo("E03");
        assertThat(client.ask("X4000000000000010,1:a")).isEqualTo("E03");
        assertThat(client.ask("m4000000000000000,4")).isEqualTo("0061736d");
        // Module names only, never the host path the module was loaded from.
        String hostDirectory = Fixtures.wasm("fib").getParent().toString();
        String libraries = client.ask("qXfer:libraries:read::0,fff");
        assertThat(libraries).contains("name=\"fib.wasm\"").doesNotContain(hostDirectory);
        String map = client.ask("qXfer:memory-map:read::0,fff");
        assertThat(map).doesNotContain(hostDirectory);
        client.send("qRcmd," + Hex.encodeText("modules"));
        StringBuilder monitor = new StringBuilder();
        for (String packet = client.readPacket(); !packet.equals("OK"); packet = client.readPacket()) {
            monitor.append(packet);
        }
        assertThat(monitor.toString()).isNotEmpty().doesNotContain(Hex.encodeText(hostDirectory));
        assertStillWorking();
    }

    private void noAck() throws Exception {
        client.write("+");
        client.send("QStartNoAckMode");
        assertThat(client.readPacket()).isEqualTo("OK");
        client.write("+");
    }

    /** The session answers and the guest runs to its normal end with its normal output. */
    private void assertStillWorking() throws Exception {
        client.send("vCont;c");
        String end;
        do {
            end = client.readPacket(); // in ack mode the server's '+' bytes are skipped by readPacket
        } while (end.startsWith("O"));
        assertThat(end).isEqualTo("W00");
        assertThat(guest.stdout()).isEqualTo("fib(10)=55 calls=177\ntable=0 1 1 2 3 5 8 13 calls=277\n");
    }
}
