package io.github.chicorygdbstub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * One rehearsed debugger session against a tiny built-in guest, over a real loopback socket,
 * before the real server listens. Each debugging session usually gets a fresh JVM, and its first
 * connection used to spend about 100 ms loading and interpreting code that later connections
 * find ready (LLDB's connect took 0.29 s on a fresh server, 0.17 s on one that had served a
 * session). The rehearsal's log lines are muted; if it fails, only speed is lost.
 *
 * <p>Forty rounds, each ending with a bulk {@code x} read of a 128 KiB custom section, get the
 * JIT's first tier to compile the framing and escaping paths that LLDB's module download spends
 * its time in (the server's own {@code WarmUp} makes the bulk {@code m} reads): on a 10 MB
 * module, LLDB's connect went from 1.68 to 1.50 times its own start-up (measured 2026-11-25,
 * docs/performance.md). The CLI runs it on a second thread while the user's module loads, so the
 * listening line comes about 0.1 s later, not 0.5 s.
 */
final class Rehearsal {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Rehearsal.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int ROUNDS = 40;

    /** {@code (module (memory 1) (func (export "_start") nop))}, assembled by hand. */
    private static final byte[] GUEST = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
        0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
        0x05, 0x03, 0x01, 0x00, 0x01, // memory section: one memory, 1 page
        0x07, 0x0a, 0x01, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x00, // export "_start"
        0x0a, 0x05, 0x01, 0x03, 0x00, 0x01, 0x0b, // code section: nop, end
    };

    /** Bytes of every value, like the DWARF sections LLDB reads in bulk, so escaping gets its exercise. */
    private static final int FILLER_BYTES = 128 * 1024;

    private Rehearsal() {}

    /** {@link #GUEST} followed by a custom section "f" of {@link #FILLER_BYTES} cycling bytes. */
    static byte[] guestWithFiller() {
        byte[] name = {1, 'f'};
        int size = name.length + FILLER_BYTES;
        var out = new ByteArrayOutputStream(GUEST.length + size + 8);
        out.writeBytes(GUEST);
        out.write(0); // custom section id
        for (int rest = size; ; rest >>>= 7) { // unsigned LEB128
            if (rest < 0x80) {
                out.write(rest);
                break;
            }
            out.write((rest & 0x7f) | 0x80);
        }
        out.writeBytes(name);
        for (int i = 0; i < FILLER_BYTES; i++) {
            out.write(i * 7);
        }
        return out.toByteArray();
    }

    /** Starts {@link #run} on a daemon thread. */
    static Thread startInBackground() {
        Thread thread = new Thread(Rehearsal::run, "chicory-gdbstub-rehearsal");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits for a rehearsal started by {@link #startInBackground} to finish, so it never overlaps
     * a real session; keeps the caller's interrupt status.
     */
    static void awaitQuietly(Thread rehearsal) {
        boolean interrupted = false;
        while (rehearsal.isAlive()) {
            try {
                rehearsal.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the rehearsal; returns whether the whole session went through. */
    static boolean run() {
        var muted = List.of((Logger) LoggerFactory.getLogger("io.github.chicorygdbstub"),
                (Logger) LoggerFactory.getLogger("io.github.chicorygdbstub.trace"));
        var levels = muted.stream().map(Logger::getLevel).toList();
        muted.forEach(logger -> logger.setLevel(Level.WARN));
        try (Debuggee guest = Debuggee.builder(ModuleImage.of("rehearsal.wasm", guestWithFiller()))
                        .withWasiOptions(WasiOptions.builder().build())
                        .withStopAtEntry(true)
                        .build();
                GdbStubServer server = GdbStubServer.start(guest, ServerOptions.loopback())) {
            guest.start();
            guest.awaitStop(TIMEOUT);
            long entry = WasmAddress.object(0, guest.module(0).functions().get(0).firstInstruction());
            replay(server.port(), Long.toHexString(entry));
            return guest.kill(TIMEOUT) && guest.lastEvent().reason() == StopReason.KILLED;
        } catch (Exception e) {
            LOG.debug("the warm-up session failed; the first connection will be slower", e);
            return false;
        } finally {
            for (int i = 0; i < muted.size(); i++) {
                muted.get(i).setLevel(levels.get(i));
            }
        }
    }

    /** What LLDB 19 sends to connect, load a module and stop once, then a kill. */
    private static void replay(int port, String entry) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write('+');
            List<String> session = List.of("QStartNoAckMode",
                    "qSupported:xmlRegisters=i386,arm,mips,arc;multiprocess+;fork-events+;vfork-events+",
                    "QThreadSuffixSupported", "QListThreadsInStopReply", "qHostInfo", "vCont?",
                    "qVAttachOrWaitSupported", "QEnableErrorStrings", "qProcessInfo", "qC", "?", "qRegisterInfo0",
                    "qRegisterInfo1", "p0;thread:0001;", "qStructuredDataPlugins", "qShlibInfoAddr",
                    "qXfer:libraries:read::0,fff", "x0,0", "mffff0110,4", "xffff0110,4", "x4000000000000000,200",
                    "m4000000000000000,40", "qMemoryRegionInfo:4000000000000000", "qMemoryRegionInfo:0", "qSymbol::",
                    "jThreadsInfo", "qfThreadInfo", "qsThreadInfo", "qAttached", "Hg0", "qThreadStopInfo1",
                    "qWasmCallStack:1", "qWasmLocal:0;0", "qWasmGlobal:0;0", "qWasmStackValue:0;0",
                    "qXfer:memory-map:read::0,fff", "m0,40", "M0,1:00", "Z0," + entry + ",0", "z0," + entry + ",0");
            // Bulk m reads are left to the rehearsal server's own WarmUp, which knows when to skip them.
            // Enough rounds for the JIT's first tier to compile the handlers LLDB's connect uses.
            for (int round = 0; round < ROUNDS; round++) {
                for (String packet : session) {
                    ask(in, out, packet);
                }
                ask(in, out, "x4000000000000000,20000");
            }
            ask(in, out, "vCont;s:1");
            ask(in, out, "k");
        }
    }

    private static void ask(InputStream in, OutputStream out, String packet) throws IOException {
        out.write(frame(packet));
        out.flush();
        readReply(in);
    }

    private static byte[] frame(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            sum += payload.charAt(i);
        }
        return String.format("$%s#%02x", payload, sum & 0xff).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Skips to the end of the next reply (acks and {@code O} output included). */
    private static void readReply(InputStream in) throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                return; // the server closes after the kill reply
            }
        } while (c != '#');
        in.read();
        in.read();
    }
}
