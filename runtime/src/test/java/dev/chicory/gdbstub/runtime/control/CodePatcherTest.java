package dev.chicory.gdbstub.runtime.control;

import static dev.chicory.gdbstub.runtime.TestModules.instruction;
import static dev.chicory.gdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import dev.chicory.gdbstub.runtime.module.ModuleImage;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two modes of {@link CodePatcher}, observed on real guests: Chicory's listener is off while
 * nothing needs every instruction, breakpoints are markers that stop exactly where the hook
 * would have, and whatever is armed while the guest runs takes effect within a loop iteration.
 */
@Timeout(60)
class CodePatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Debuggee> started = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @AfterEach
    void killEverything() throws InterruptedException {
        for (Debuggee debuggee : started) {
            debuggee.close();
        }
    }

    private Debuggee start(String fixture, boolean stopAtEntry) {
        Debuggee debuggee = Debuggee.builder(load(fixture))
                .withWasiOptions(WasiOptions.builder().withStdout(stdout).build())
                .withStopAtEntry(stopAtEntry)
                .build();
        started.add(debuggee);
        debuggee.start();
        return debuggee;
    }

    @Test
    void aRunningGuestWithNothingArmedHasNoListenerAndGetsItBackWhenStopped() throws Exception {
        Debuggee debuggee = start("spin_wat", false);
        awaitCondition(() -> instanceOf(debuggee) != null && listenerOf(instanceOf(debuggee)) == null,
                "the listener to be off while the guest spins");

        for (int round = 0; round < 3; round++) {
            assertThat(debuggee.interrupt()).isTrue();
            assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.INTERRUPT);
            assertThat(listenerOf(instanceOf(debuggee))).as("listening while stopped by a pause")
                    .isInstanceOf(InstructionHook.class);
            debuggee.resume(ResumeMode.CONTINUE);
            assertThat(listenerOf(instanceOf(debuggee))).as("switched off as the guest resumes").isNull();
        }
    }

    @Test
    void aBreakpointInALoopStopsOnEveryPassAndTheGuestComputesTheSame() throws Exception {
        Debuggee debuggee = start("loop_wat", true);
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        int inAdd3 = instruction(image, "add3", 2);
        debuggee.setBreakpoint(0, inAdd3);

        int hits = 0;
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent event = debuggee.awaitStop(WAIT);
        while (event.reason() == StopReason.BREAKPOINT) {
            assertThat(event.pc()).isEqualTo(inAdd3);
            assertThat(listenerOf(instanceOf(debuggee))).as("listening at the stop").isInstanceOf(InstructionHook.class);
            hits++;
            debuggee.resume(ResumeMode.CONTINUE);
            event = debuggee.awaitStop(WAIT);
        }
        assertThat(hits).isEqualTo(5);
        assertThat(event.reason()).isEqualTo(StopReason.EXITED);
        assertThat(debuggee.global(0, 0).value().bits()).as("the loop counter").isEqualTo(5);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, debugger!\n");
    }

    @Test
    void aBreakpointSetWhileTheGuestRunsIsHit() throws Exception {
        Debuggee debuggee = start("spin_wat", false);
        awaitCondition(() -> instanceOf(debuggee) != null, "the instance");
        int backEdge = instruction(debuggee.module(0), "_start", 7);

        debuggee.setBreakpoint(0, backEdge);
        StopEvent hit = debuggee.awaitStop(WAIT);

        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(backEdge);
        debuggee.clearBreakpoint(0, backEdge);
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(listenerOf(instanceOf(debuggee))).isNull();
        assertThat(debuggee.interrupt()).as("the guest runs on past the removed breakpoint").isTrue();
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.INTERRUPT);
    }

    @Test
    void aWatchpointSetWhileTheGuestRunsTurnsTheListenerOnAndRemovingItTurnsItOff() throws Exception {
        Debuggee debuggee = start("spin", false);
        awaitCondition(() -> instanceOf(debuggee) != null && listenerOf(instanceOf(debuggee)) == null, "fast mode");

        debuggee.setWatchpoint(0, 0, 4, WatchKind.WRITE);
        awaitCondition(() -> listenerOf(instanceOf(debuggee)) instanceof InstructionHook,
                "the guest to reach an interrupt point and listen");
        debuggee.clearWatchpoint(0, 0, 4, WatchKind.WRITE);
        awaitCondition(() -> listenerOf(instanceOf(debuggee)) == null, "the guest to switch the listener off again");
        assertThat(debuggee.state()).isEqualTo(ExecutionState.RUNNING);
    }

    private static Instance instanceOf(Debuggee debuggee) {
        try {
            return debuggee.requireInstance(0);
        } catch (IndexOutOfBoundsException notYet) {
            return null;
        }
    }

    private static ExecutionListener listenerOf(Instance instance) {
        try {
            Field field = Instance.class.getDeclaredField("listener");
            field.setAccessible(true);
            return (ExecutionListener) field.get(instance);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }
}
