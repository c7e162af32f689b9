package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's guest thread: links and instantiates every module on this thread through the
 * debuggee's {@link Debuggee#instrument instrumentation}, as any embedding application would (so
 * start functions run under the debugger too), runs the main module's {@code _start}, and
 * reports how the guest ended.
 */
final class GuestRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestRunner.class);

    private final Debuggee debuggee;
    private final ExecutionController controller;
    private final List<String> importNames;
    private final WasiOptions wasiOptions;
    private final List<HostFunction> hostFunctions;

    GuestRunner(Debuggee debuggee, ExecutionController controller, List<String> importNames,
            WasiOptions wasiOptions, List<HostFunction> hostFunctions) {
        this.debuggee = debuggee;
        this.controller = controller;
        this.importNames = importNames;
        this.wasiOptions = wasiOptions;
        this.hostFunctions = hostFunctions;
    }

    @Override
    public void run() {
        controller.markRunning();
        try {
            // Not closed on purpose: closing WASI would close the streams it was given (System.out).
            var wasi = WasiPreview1.builder().withOptions(wasiOptions).build();
            var store = new Store();
            for (HostFunction function : wasi.toHostFunctions()) {
                store.addFunction(WatchedHostFunctions.wrap(function));
            }
            hostFunctions.forEach(function -> store.addFunction(WatchedHostFunctions.wrap(function)));
            // Libraries first, in the order given, so later modules can import from earlier ones.
            for (int i = 1; i < importNames.size(); i++) {
                int moduleIndex = i;
                store.instantiate(importNames.get(i), imports -> instantiate(moduleIndex, imports));
            }
            Instance main = instantiate(0, store.toImportValues());
            if (main.exports() != null && hasStart(main)) {
                main.export("_start").apply();
            }
            controller.terminate(StopReason.EXITED, 0, null);
        } catch (WasiExitException e) {
            controller.terminate(StopReason.EXITED, e.exitCode(), null);
        } catch (ExecutionCompletedException e) {
            controller.terminate(StopReason.EXITED, 0, null);
        } catch (Throwable t) {
            if (controller.killRequested()) {
                controller.terminate(StopReason.KILLED, 0, null);
            } else {
                LOG.debug("guest crashed", t);
                controller.terminate(StopReason.CRASHED, 0, null == t.getMessage() ? t.toString() : t.getMessage());
            }
        }
    }

    private Instance instantiate(int moduleIndex, ImportValues imports) {
        var builder = Instance.builder(debuggee.module(moduleIndex).wasmModule()).withImportValues(imports);
        return debuggee.instrument(moduleIndex, builder).withStart(false).build();
    }

    private static boolean hasStart(Instance instance) {
        var exports = instance.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if ("_start".equals(exports.getExport(i).name())) {
                return true;
            }
        }
        return false;
    }
}
