package moduleapp;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.ResumeMode;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.locate.BreakpointSpec;
import io.github.chicorygdbstub.runtime.locate.ResolvedLocation;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Instruments reactor_wat ({@code args[0]}), serves it on a loopback port, stops its
 * {@code process(7)} at a breakpoint in {@code square} through the {@code Debuggee} API, and
 * prints what it saw for ModulePathTest to check: the modules its classes came from, the stop and
 * the result.
 */
public final class Main {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Main() {}

    public static void main(String[] args) throws Exception {
        System.out.println("modules: " + Main.class.getModule().getName() + " "
                + GdbStubServer.class.getModule().getName() + " " + Debuggee.class.getModule().getName() + " "
                + Instance.class.getModule().getName());
        ModuleImage image = ModuleImage.load(Path.of(args[0]));
        Debuggee debuggee = Debuggee.embedded();
        var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, values) -> null);
        Instance plugin = debuggee.instrument(image, Instance.builder(image.wasmModule()))
                .withImportValues(ImportValues.builder().addFunction(log).build())
                .build();
        for (ResolvedLocation at : BreakpointSpec.parse("square").resolve(image)) {
            debuggee.setBreakpoint(0, at.offset());
        }
        try (GdbStubServer server = GdbStubServer.start(debuggee, ServerOptions.loopback().withPort(0))) {
            System.out.println("serving: " + (server.port() > 0));
            var call = CompletableFuture.supplyAsync(() -> (int) plugin.export("process").apply(7)[0]);
            StopEvent hit = debuggee.awaitStop(WAIT);
            System.out.println("stop: " + hit.reason() + " in "
                    + debuggee.frames(hit.threadId()).stream().map(FrameSnapshot::functionName).toList());
            debuggee.resume(ResumeMode.CONTINUE);
            System.out.println("process(7) = " + call.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            debuggee.close();
        }
    }
}
