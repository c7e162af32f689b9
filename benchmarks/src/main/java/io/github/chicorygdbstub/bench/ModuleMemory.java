package io.github.chicorygdbstub.bench;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiPreview1;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per loaded module: what a debuggable guest with its server costs beyond a plain Chicory
 * instance of the same module, and whether connections that read the whole image add anything
 * (they must not: replies are encoded straight from the one retained image).
 */
final class ModuleMemory {
    private static final int COPIES = 3;

    List<Figure> run() throws Exception {
        long base = usedHeap();
        List<ModuleImage> images = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            images.add(ModuleImage.load(Fixtures.wasm("big")));
        }
        int imageSize = images.get(0).size();
        long loaded = usedHeap();

        List<Instance> plain = new ArrayList<>();
        for (ModuleImage image : images) {
            var wasi = WasiPreview1.builder().withOptions(ServedGuest.quiet()).build();
            var store = new Store();
            store.addFunction(wasi.toHostFunctions());
            plain.add(Instance.builder(image.wasmModule()).withImportValues(store.toImportValues()).build());
        }
        long plainInstances = usedHeap();
        plain.clear();
        long released = usedHeap();

        List<Debuggee> debuggees = new ArrayList<>();
        List<GdbStubServer> servers = new ArrayList<>();
        for (ModuleImage image : images) {
            Debuggee debuggee = Debuggee.builder(image).withWasiOptions(ServedGuest.quiet()).withStopAtEntry(true).build();
            servers.add(GdbStubServer.start(debuggee, ServerOptions.loopback().withPort(0)));
            debuggee.start();
            debuggee.awaitStop(Duration.ofSeconds(30));
            debuggees.add(debuggee);
        }
        long served = usedHeap();
        for (GdbStubServer server : servers) {
            try (BenchClient client = new BenchClient(server.port())) {
                client.noAck();
                for (int offset = 0; offset < imageSize; offset += 0x10000) {
                    client.askRaw("m" + Long.toHexString(0x4000000000000000L + offset) + ",10000");
                }
            }
            server.awaitNoSession(Duration.ofSeconds(10));
        }
        long afterReads = usedHeap();
        for (int i = 0; i < COPIES; i++) {
            servers.get(i).close();
            debuggees.get(i).kill(Duration.ofSeconds(10));
            debuggees.get(i).close();
        }

        double perImage = (loaded - base) / (double) COPIES;
        double perPlain = (plainInstances - loaded) / (double) COPIES;
        double perDebuggable = (served - released) / (double) COPIES;
        double debugOverhead = perDebuggable - perPlain;
        double perConnection = (afterReads - served) / (double) COPIES;
        return List.of(
                new Figure("module image + parsed module, per module (ratio to the file size)", perImage / 1e6, "MB",
                        perImage / imageSize, "", true),
                new Figure("debuggable instance + server beyond a plain Chicory instance, per module (ratio to the file size)",
                        debugOverhead / 1e6, "MB", debugOverhead / imageSize, "", true),
                new Figure("heap left by a connection that read the whole image (ratio to the file size)",
                        perConnection / 1e6, "MB", perConnection / imageSize, "", true));
    }

    /** Heap in use after full collections. */
    private static long usedHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                return used;
            }
            previous = used;
            Thread.sleep(50); // let reference processing settle between collections
        }
        return previous;
    }
}
