package io.github.chicorygdbstub.compiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import io.github.chicorygdbstub.cli.ListenAddress;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JVM-wide server of property-switched debugging, on a real socket. */
@Timeout(60)
class JvmDebugServerTest {
    private static Instance.Builder builder(ModuleImage image, JvmDebugServer server) {
        return Instance.builder(image.wasmModule()).withImportValues(ImportValues.builder().addFunction(new HostFunction("env", "log",
                        FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, args) -> null)).build())
                .withMachineFactory(instance -> server.machineFor(image, instance));
    }

    @Test
    void withSuspendTheFirstInstanceWaitsUntilADebuggerConnects() throws Exception {
        JvmDebugServer server = JvmDebugServer.start(new DebugSwitch(new ListenAddress("127.0.0.1", 0), false, true));
        ModuleImage image = ModuleImage.of("reactor_wat.wasm", Fixtures.bytes("reactor_wat"));
        var built = CompletableFuture.supplyAsync(() -> builder(image, server).build());

        // Not built while no debugger is there: the machine factory waits.
        assertThatThrownBy(() -> built.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        try (var debugger = new Socket()) {
            debugger.connect(new InetSocketAddress("127.0.0.1", server.port()));
            assertThat(built.get(30, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void withoutSuspendInstancesRunAtOnceAndAreDebuggable() {
        JvmDebugServer server = JvmDebugServer.start(new DebugSwitch(new ListenAddress("127.0.0.1", 0), false, false));
        ModuleImage image = ModuleImage.of("reactor_wat.wasm", Fixtures.bytes("reactor_wat"));
        Instance instance = builder(image, server).build();

        assertThat(instance.export("process").apply(3)[0]).isPositive();
        assertThat(server.debuggee().modules()).containsExactly(image);
    }
}
