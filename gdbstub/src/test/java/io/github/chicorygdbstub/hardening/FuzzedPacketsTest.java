package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.testing.RawRspClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Throws random and mutated input at one live session over TCP: random bytes, truncated frames,
 * wrong and missing checksums, bad hex, huge lengths and addresses, invalid escapes, unknown and
 * half-known packets, {@code qXfer} with absurd offsets, {@code Z} at wrong addresses,
 * interleaved {@code 0x03}. After every case the session must still answer; afterwards the
 * guest must finish with its exact output, nothing may have been logged as a failure, and heap,
 * direct memory and threads must be back where they were.
 *
 * <p>Cases never contain a packet that resumes, kills, detaches or writes the guest: the guest's
 * own output is part of the proof.
 */
class FuzzedPacketsTest {
    static final int TRIES = 10_000;
    private static final List<String> VALID = List.of("qC", "?", "qSupported:multiprocess+", "qXfer:libraries:read::0,fff",
            "qXfer:memory-map:read::0,fff", "m4000000000000000,10", "m0,10", "qWasmCallStack:1", "qWasmLocal:0;0",
            "qWasmGlobal:0;0", "qWasmStackValue:0;0", "qMemoryRegionInfo:4000000000000000", "p0", "g", "Hg1",
            "qRegisterInfo0", "qfThreadInfo", "qThreadStopInfo1", "qRcmd,68656c70", "x4000000000000000,10",
            "qXfer:features:read:target.xml:0,fff", "vCont?", "qHostInfo", "z0,4000000000000000,0");
    /** First letters of packets that would change what the guest does ('}' could escape one). */
    private static final String FORBIDDEN_COMMANDS = "cCsSkDRvMXZPGAiIT_!rQ}";

    private static ThreadCheck threads;
    private static long heapBefore;
    private static LogCapture log;
    private static ServedGuest guest;
    private static RawRspClient client;
    private static int reconnects;

    @BeforeContainer
    static void start() throws Exception {
        threads = ThreadCheck.baseline();
        heapBefore = HeapUse.live();
        log = LogCapture.start(false);
        guest = ServedGuest.stopped("fib");
        client = guest.connect();
    }

    @AfterContainer
    static void finishTheGuestAndCheckWhatIsLeft() throws Exception {
        try {
            String end = askUntil("vCont;c", reply -> reply.startsWith("W"));
            assertThat(end).isEqualTo("W00");
            assertThat(guest.stdout()).isEqualTo("fib(10)=55 calls=177\ntable=0 1 1 2 3 5 8 13 calls=277\n");
            assertThat(log.failures()).isEmpty();
            Figures.record("fuzzed packets: cases " + TRIES + ", reconnects " + reconnects
                    + ", guest output and exit code intact, failures logged 0");
        } finally {
            client.close();
            guest.close();
            log.close();
        }
        threads.assertAllEnded();
        long growth = HeapUse.live() - heapBefore;
        Figures.record("fuzzed packets: live heap growth " + HeapUse.mib(growth));
        assertThat(growth).as("live heap growth").isLessThan(64L << 20);
    }

    @Property(tries = TRIES)
    void theSessionSurvivesAnyInput(@ForAll("garbage") byte[] input) throws Exception {
        client.write(new String(input, StandardCharsets.ISO_8859_1));
        // A '$' restarts framing, so a well-formed probe always gets through; replies to the
        // garbage before it are skipped. A server may drop a client that broke framing: reconnect.
        try {
            assertThat(askUntil("qC", "QC1"::equals)).isEqualTo("QC1");
        } catch (IOException closed) {
            reconnects++;
            guest.awaitNoSession();
            client.close();
            client = guest.connect();
            assertThat(askUntil("qC", "QC1"::equals)).isEqualTo("QC1");
        }
        assertThat(guest.debuggee().state().name()).isEqualTo("STOPPED");
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<String> packets = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200).map(FuzzedPacketsTest::frame),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> new String(b, StandardCharsets.ISO_8859_1)),
                mutated(),
                Arbitraries.of(VALID).map(p -> p.substring(0, p.length() / 2)).map(p -> "$" + p),
                Arbitraries.of(VALID).map(p -> "$" + p + "#zz"),
                Arbitraries.of(VALID).map(p -> "$" + p + "#"),
                Arbitraries.of(VALID).map(p -> "$" + p + "}#00"),
                hugeNumbers(),
                wrongBreakpoints(),
                Arbitraries.strings().withChars("qQvx_jJ:;,.").ofMinLength(1).ofMaxLength(30).map(FuzzedPacketsTest::frame));
        return packets.list().ofMinSize(1).ofMaxSize(4)
                .map(list -> String.join("\u0003", list))
                .filter(FuzzedPacketsTest::changesNothingInTheGuest)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Arbitrary<String> mutated() {
        return Arbitraries.of(VALID).flatMap(packet -> Arbitraries.integers().between(0, packet.length() - 1)
                .flatMap(at -> Arbitraries.chars().all().map(c ->
                        frame(packet.substring(0, at) + c + packet.substring(at + 1)))));
    }

    private static Arbitrary<String> hugeNumbers() {
        Arbitrary<String> number = Arbitraries.of("ffffffffffffffff", "7fffffffffffffff", "8000000000000000",
                "10000000000000000", "fffffffff", "0", "-1", "", "zz", "4000000000000000", "40000000ffffffff");
        return Arbitraries.of("m%s,%s", "x%s,%s", "qXfer:libraries:read::%s,%s", "qXfer:memory-map:read::%s,%s",
                        "qMemoryRegionInfo:%s%s", "qWasmLocal:%s;%s", "qWasmGlobal:%s;%s", "qWasmStackValue:%s;%s",
                        "p%s%s", "qThreadStopInfo%s%s", "H%s%s")
                .flatMap(form -> number.tuple2().map(t -> frame(String.format(form, t.get1(), t.get2()))));
    }

    private static Arbitrary<String> wrongBreakpoints() {
        return Arbitraries.of("4000000000000000", "4000000000000005", "40000000ffffffff", "4000000100000000",
                        "8000000000000000", "c000000000000100", "0", "10", "ffffffffffffffff", "zz", "")
                .flatMap(address -> Arbitraries.of("z0", "z1", "z2", "z5").map(type -> frame(type + "," + address + ",0")));
    }

    /** Whether no packet in the input could resume, kill, detach or write to the guest. */
    private static boolean changesNothingInTheGuest(String input) {
        for (int i = input.indexOf('$'); i >= 0 && i + 1 < input.length(); i = input.indexOf('$', i + 1)) {
            if (FORBIDDEN_COMMANDS.indexOf(input.charAt(i + 1)) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String frame(String payload) {
        return RawRspClient.frame(payload);
    }

    private static String askUntil(String packet, Predicate<String> wanted) throws IOException {
        client.send(packet);
        for (int skipped = 0; skipped < 1_000; skipped++) {
            String reply;
            try {
                reply = client.readPacket();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no reply to " + packet + " after the input", e);
            }
            if (wanted.test(reply)) {
                return reply;
            }
        }
        throw new AssertionError("too many replies before the answer to " + packet);
    }
}
