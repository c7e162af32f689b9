package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest thread's body: links and instantiates every module on this thread (so start
 * functions run under the debugger too), runs the main module's {@code _start}, and reports how
 * the guest ended.
 */
final class GuestRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestRunner.class);

    private final ExecutionController controller;
    private final List<ModuleImage> images;
    private final List<String> importNames;
    private final WasiOptions wasiOptions;
    private final List<HostFunction> hostFunctions;
    /** Each instance's hook, for the host functions it calls; guest thread only. */
    private final Map<Instance, InstructionHook> hooks = new IdentityHashMap<>();
    private final AtomicReferenceArray<Instance> instances;

    GuestRunner(ExecutionController controller, List<ModuleImage> images, List<String> importNames,
            WasiOptions wasiOptions, List<HostFunction> hostFunctions, AtomicReferenceArray<Instance> instances) {
        this.controller = controller;
        this.images = images;
        this.importNames = importNames;
        this.wasiOptions = wasiOptions;
        this.hostFunctions = hostFunctions;
        this.instances = instances;
    }

    @Override
    public void run() {
        controller.markRunning();
        try {
            // Not closed on purpose: closing WASI would close the streams it was given (System.out).
            var wasi = WasiPreview1.builder().withOptions(wasiOptions).build();
            var store = new Store();
            for (HostFunction function : wasi.toHostFunctions()) {
                store.addFunction(WatchedHostFunctions.wrap(function, hooks::get));
            }
            hostFunctions.forEach(function -> store.addFunction(WatchedHostFunctions.wrap(function, hooks::get)));
            // Libraries first, in the order given, so later modules can import from earlier ones.
            for (int i = 1; i < images.size(); i++) {
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
        InstructionHook hook = controller.newHook(moduleIndex);
        Instance instance = Instance.builder(images.get(moduleIndex).wasmModule())
                .withImportValues(imports)
                .withMachineFactory(inst -> new DebugMachine(inst, controller, moduleIndex))
                .withUnsafeExecutionListener(hook)
                .withStart(false)
                .build();
        hook.attach(instance);
        controller.register(moduleIndex, instance, hook);
        hooks.put(instance, hook);
        instances.set(moduleIndex, instance);
        return instance;
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
