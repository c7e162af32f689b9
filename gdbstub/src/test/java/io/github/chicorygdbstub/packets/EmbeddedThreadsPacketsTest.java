package io.github.chicorygdbstub.packets;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.testing.RawRspClient;
import io.github.chicorygdbstub.testing.SessionHarness;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The thread packets over a real socket, for an embedded debuggee whose instances two application
 * threads call (reactor_wat: {@code process(x)} calls {@code env.log}, returns x*x).
 */
@Timeout(60)
class EmbeddedThreadsPacketsTest {
    private final ModuleImage image = SessionHarness.image("reactor_wat");
    private final Debuggee debuggee = Debuggee.embedded();
    private final CountDownLatch releaseLog = new CountDownLatch(1);
    private final CountDownLatch inLog = new CountDownLatch(1);
    private GdbStubServer server;
    private RawRspClient lldb;

    @AfterEach
    void shutDown() throws Exception {
        releaseLog.countDown();
        if (lldb != null) {
            lldb.close();
        }
        if (server != null) {
            server.close();
        }
        debuggee.close();
    }

    private Instance plugin(boolean blockInLog) {
        var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, args) -> {
                    if (blockInLog) {
                        inLog.countDown();
                        await(releaseLog);
                    }
                    return null;
                });
        return debuggee.instrument(image, Instance.builder(image.wasmModule()))
                .withImportValues(ImportValues.builder().addFunction(log).build()).build();
    }

    private static CompletableFuture<Long> call(Instance plugin, int x) {
        return CompletableFuture.supplyAsync(() -> plugin.export("process").apply(x)[0]);
    }

    @Test
    void eachThreadInsideWasmIsListedSelectedSteppedAndResumedOnItsOwn() throws Exception {
        Instance blocking = plugin(true);
        Instance other = plugin(false);
        CompletableFuture<Long> first = call(blocking, 5); // enters Wasm first: thread 1
        assertThat(inLog.await(10, TimeUnit.SECONDS)).isTrue();
        server = GdbStubServer.start(debuggee, ServerOptions.loopback());
        lldb = new RawRspClient(server.port());
        assertThat(lldb.ask("QStartNoAckMode")).isEqualTo("OK");

        CompletableFuture<Long> second = call(other, 3); // thread 2 takes the entry stop
        String entry = lldb.ask("?");
        long entryPc = WasmAddress.object(1, image.functions().stream()
                .filter(f -> f.name().equals("process")).findFirst().orElseThrow().firstInstruction());
        assertThat(entry).startsWith("T05thread:2;").contains("thread-pcs:" + Long.toHexString(entryPc));
        releaseLog.countDown(); // thread 1 returns from env.log into Wasm, and holds there
        assertThat(waitUntil(() -> debuggee.threads().size() == 2)).isTrue();

        assertThat(lldb.ask("qfThreadInfo")).isEqualTo("m2,1");
        assertThat(lldb.ask("qsThreadInfo")).isEqualTo("l");
        assertThat(lldb.ask("qThreadStopInfo1")).startsWith("T00thread:1;hexname:").endsWith("0000040;")
                .contains(io.github.chicorygdbstub.codec.Hex.encodeText(debuggee.threads().get(1).name()));
        assertThat(entry).contains("hexname:" + io.github.chicorygdbstub.codec.Hex.encodeText(debuggee.threads().get(0).name()));
        assertThat(lldb.ask("qThreadExtraInfo,1")).isEqualTo(
                io.github.chicorygdbstub.codec.Hex.encodeText(debuggee.threads().get(1).name()));
        assertThat(lldb.ask("Hg9")).startsWith("E02");
        assertThat(lldb.ask("Hg1")).isEqualTo("OK");
        assertThat(lldb.ask("qC")).isEqualTo("QC1");
        assertThat(lldb.ask("qWasmCallStack:1")).endsWith("00000040"); // module 0: thread 1's instance
        assertThat(lldb.ask("qWasmCallStack:2")).startsWith(
                io.github.chicorygdbstub.codec.Hex.littleEndian(entryPc));
        assertThat(lldb.ask("p0;thread:0001;")).endsWith("00000040");
        assertThat(lldb.ask("p0;thread:0009;")).startsWith("E02");

        // A step moves thread 2 alone; thread 1 stays where it is.
        String stepped = lldb.ask("vCont;s:2");
        assertThat(stepped).startsWith("T05thread:2;").contains("reason:trace;");
        assertThat(first).isNotDone();
        lldb.send("vCont;c"); // no stop comes: both calls run to their end
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(25);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(9);
    }

    @Test
    void anInstanceBuiltWhileADebuggerIsAttachedIsAnnouncedWithALibraryStop() throws Exception {
        Instance first = plugin(false);
        server = GdbStubServer.start(debuggee, ServerOptions.loopback());
        lldb = new RawRspClient(server.port());
        assertThat(lldb.ask("QStartNoAckMode")).isEqualTo("OK");
        CompletableFuture<Long> one = call(first, 2);
        assertThat(lldb.ask("?")).startsWith("T05thread:");
        lldb.send("c");
        assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo(4);

        Instance late = plugin(false);
        CompletableFuture<Long> two = call(late, 6);
        String announced = lldb.readPacket();
        assertThat(announced).startsWith("T00thread:").contains("library:;").doesNotContain("reason:");
        assertThat(lldb.ask("qXfer:libraries:read::0,fff")).contains("reactor_wat.wasm~2");
        lldb.send("c");
        assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo(36);
    }

    private static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
