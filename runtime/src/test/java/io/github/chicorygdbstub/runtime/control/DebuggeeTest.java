package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.function;
import static io.github.chicorygdbstub.runtime.TestModules.instruction;
import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.ValueType;
import io.github.chicorygdbstub.runtime.inspect.WasmValue;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DebuggeeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Debuggee> started = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @AfterEach
    void killEverything() throws InterruptedException {
        for (Debuggee debuggee : started) {
            debuggee.close();
        }
    }

    private Debuggee start(Debuggee.Builder builder) {
        Debuggee debuggee = builder.withWasiOptions(WasiOptions.builder().withStdout(stdout).build()).build();
        started.add(debuggee);
        debuggee.start();
        return debuggee;
    }

    private Debuggee startStopped(String fixture) {
        return start(Debuggee.builder(load(fixture)));
    }

    @Test
    void stopsAtEntryBeforeTheFirstInstruction() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        StopEvent entry = debuggee.awaitStop(WAIT);

        ModuleImage image = debuggee.module(0);
        assertThat(entry.reason()).isEqualTo(StopReason.ENTRY);
        assertThat(entry.pc()).isEqualTo(instruction(image, "_start", 0));
        assertThat(debuggee.state()).isEqualTo(ExecutionState.STOPPED);
        assertThat(debuggee.frames()).hasSize(1);
        assertThat(debuggee.frames().get(0).functionName()).isEqualTo("_start");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void breakpointInsideAnInstructionSlipsForwardAndIsHitWithFramesAndLocals() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        int second = instruction(image, "add3", 1);
        int requested = instruction(image, "add3", 0) + 1;

        Breakpoint breakpoint = debuggee.setBreakpoint(0, requested);
        assertThat(breakpoint.offset()).isEqualTo(second);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);

        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(second);
        assertThat(hit.requestedOffset()).isEqualTo(requested);
        List<FrameSnapshot> frames = debuggee.frames();
        assertThat(frames).extracting(FrameSnapshot::functionName).containsExactly("add3", "_start");
        FrameSnapshot add3 = frames.get(0);
        assertThat(add3.locals()).containsExactly(WasmValue.of(ValueType.I32, 0), WasmValue.of(ValueType.I32, 0),
                WasmValue.of(ValueType.I32, 1));
        assertThat(add3.parameterCount()).isEqualTo(3);
        assertThat(add3.operandStack()).containsExactly(0L); // local.get $a ran
        FrameSnapshot caller = frames.get(1);
        assertThat(image.byteAt(caller.pc()) & 0xff).isEqualTo(0x10); // the call instruction
        assertThat(caller.returnPc()).isEqualTo(image.instructionAtOrAfter(caller.pc() + 1).getAsInt());
        assertThat(caller.locals()).hasSize(2);
        assertThat(caller.parameterCount()).isZero();
        // Hit again on the next loop iteration, with the loop counter advanced.
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(debuggee.frames().get(0).locals().get(1)).isEqualTo(WasmValue.of(ValueType.I32, 1));
    }

    @Test
    void breakpointAtAFunctionsStartSlipsToItsFirstInstructionAndTheStopNamesTheRequestedOffset() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        debuggee.awaitStop(WAIT);
        var add3 = function(debuggee.module(0), "add3");

        // LLDB's "b -a" at a function's address asks for the body start (its local declarations).
        assertThat(debuggee.setBreakpoint(0, add3.bodyStart()).offset()).isEqualTo(add3.firstInstruction());
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(add3.firstInstruction());
        assertThat(hit.requestedOffset()).isEqualTo(add3.bodyStart());

        // A request exactly at the instruction as well: that one is the hit.
        debuggee.setBreakpoint(0, add3.firstInstruction());
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).requestedOffset()).isEqualTo(add3.firstInstruction());
    }

    @Test
    void breakpointJustPastAFunctionsBodyIsHitOnItsFinalEndAndTheStopNamesTheRequestedOffset() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        var add3 = function(image, "add3"); // ends "i32.add end": no return opcode

        Breakpoint breakpoint = debuggee.setBreakpoint(0, add3.bodyEnd());
        assertThat(breakpoint.offset()).isEqualTo(add3.bodyEnd() - 1);
        assertThat(image.byteAt(breakpoint.offset())).isEqualTo((byte) 0x0b);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(add3.bodyEnd() - 1);
        assertThat(hit.requestedOffset()).isEqualTo(add3.bodyEnd());
        FrameSnapshot top = debuggee.frames().get(0);
        assertThat(top.functionName()).isEqualTo("add3");
        assertThat(top.operandStack()).containsExactly(1L); // 0 + 0 + 1, about to be returned
    }

    @Test
    void breakpointSetBeforeStartIsHitWithoutAnEntryStop() throws Exception {
        ModuleImage image = load("loop_wat");
        Debuggee debuggee = Debuggee.builder(image).withWasiOptions(WasiOptions.builder().withStdout(stdout).build())
                .withStopAtEntry(false).build();
        started.add(debuggee);
        int add3 = instruction(image, "add3", 0);
        debuggee.setBreakpoint(0, add3);
        debuggee.start(); // the instance's hook is created with the breakpoint already armed

        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(add3);
        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
    }

    @Test
    void rejectsBreakpointsOutsideFunctionBodies() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        debuggee.awaitStop(WAIT);
        assertThatThrownBy(() -> debuggee.setBreakpoint(0, 3)).isInstanceOf(BreakpointException.class);
        assertThatThrownBy(() -> debuggee.setBreakpoint(0, 1 << 30)).isInstanceOf(BreakpointException.class);
        assertThatThrownBy(() -> debuggee.setBreakpoint(5, 0)).isInstanceOf(BreakpointException.class);
        assertThat(debuggee.breakpoints()).isEmpty();
    }

    @Test
    void stepsIntoACallAndBackOutToTheReturnAddress() throws Exception {
        Debuggee debuggee = startStopped("steps_wat");
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        int call = instruction(image, "_start", 1);
        int afterCall = instruction(image, "_start", 2);

        assertThat(step(debuggee).pc()).isEqualTo(call);
        StopEvent inCallee = step(debuggee);
        assertThat(inCallee.reason()).isEqualTo(StopReason.STEP);
        assertThat(inCallee.pc()).isEqualTo(function(image, "callee").firstInstruction());
        assertThat(debuggee.frames()).extracting(FrameSnapshot::functionName).containsExactly("callee", "_start");
        assertThat(debuggee.frames().get(0).locals()).containsExactly(WasmValue.of(ValueType.I32, 20));
        assertThat(debuggee.frames().get(1).returnPc()).isEqualTo(afterCall);

        StopEvent event = inCallee;
        int steps = 0;
        while (event.pc() != afterCall && steps++ < 20) {
            event = step(debuggee);
        }
        assertThat(event.pc()).isEqualTo(afterCall);
        assertThat(debuggee.frames()).hasSize(1);
        assertThat(debuggee.frames().get(0).operandStack()).containsExactly(41L);
        assertThat(debuggee.stepCount()).isEqualTo(steps + 2);
    }

    @Test
    void aStepOntoABreakpointLeavesItUnexecutedSoResumingHitsItAtOnce() throws Exception {
        Debuggee debuggee = startStopped("steps_wat");
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        int call = instruction(image, "_start", 1);
        debuggee.setBreakpoint(0, call);

        StopEvent stepped = step(debuggee);
        assertThat(stepped.reason()).isEqualTo(StopReason.STEP);
        assertThat(stepped.pc()).isEqualTo(call);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(call);
        assertThat(hit.sequence()).isGreaterThan(stepped.sequence());
        assertThat(debuggee.frames()).extracting(FrameSnapshot::functionName).containsExactly("_start");

        // Its own hit is behind it: the next step executes the call.
        assertThat(step(debuggee).pc()).isEqualTo(function(image, "callee").firstInstruction());
    }

    @Test
    void aBreakpointSetAtTheEntryStopsPcIsHitWhenTheGuestContinues() throws Exception {
        Debuggee debuggee = startStopped("steps_wat");
        StopEvent entry = debuggee.awaitStop(WAIT);
        debuggee.setBreakpoint(0, entry.pc());

        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(entry.pc());
        assertThat(debuggee.stepCount()).isZero();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
    }

    private static StopEvent step(Debuggee debuggee) throws Exception {
        debuggee.resume(ResumeMode.STEP);
        return debuggee.awaitStop(WAIT);
    }

    @Test
    void runsToExitWithOutputAndExitCodes() throws Exception {
        Debuggee loop = startStopped("loop_wat");
        loop.awaitStop(WAIT);
        loop.resume(ResumeMode.CONTINUE);
        StopEvent end = loop.awaitTermination(WAIT);
        assertThat(end.reason()).isEqualTo(StopReason.EXITED);
        assertThat(end.exitCode()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, debugger!\n");

        Debuggee exit = start(Debuggee.builder(load("exit_wat")).withStopAtEntry(false));
        StopEvent exited = exit.awaitTermination(WAIT);
        assertThat(exited.reason()).isEqualTo(StopReason.EXITED);
        assertThat(exited.exitCode()).isEqualTo(7);
        assertThat(exit.state()).isEqualTo(ExecutionState.TERMINATED);
    }

    @Test
    void trapStopsBeforeTheTrappingFrameUnwinds() throws Exception {
        Debuggee debuggee = startStopped("trap_wat");
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent trap = debuggee.awaitStop(WAIT);

        assertThat(trap.reason()).isEqualTo(StopReason.TRAP);
        assertThat(trap.pc()).isEqualTo(function(image, "inner").firstInstruction());
        assertThat(trap.message()).containsIgnoringCase("unreachable");
        assertThat(debuggee.frames()).extracting(FrameSnapshot::functionName)
                .containsExactly("inner", "middle", "_start");
        assertThat(debuggee.frames().get(1).returnPc()).isEqualTo(instruction(image, "middle", 1));

        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent end = debuggee.awaitTermination(WAIT);
        assertThat(end.reason()).isEqualTo(StopReason.CRASHED);
        assertThat(end.message()).containsIgnoringCase("unreachable");
    }

    @Test
    void trapWithoutADebuggerEndsTheGuest() throws Exception {
        Debuggee debuggee = start(Debuggee.builder(load("trap_wat")).withStopAtEntry(false));
        StopEvent end = debuggee.awaitTermination(WAIT);
        assertThat(end.reason()).isEqualTo(StopReason.CRASHED);
        assertThat(end.message()).containsIgnoringCase("unreachable");
    }

    @Test
    void interruptStopsATightBranchLoopWithinTenMilliseconds() throws Exception {
        Debuggee debuggee = start(Debuggee.builder(load("spin_wat")).withStopAtEntry(false));
        debuggee.attach();
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.ENTRY); // attaching stops a running guest
        long[] latencies = new long[7];
        for (int i = 0; i < latencies.length; i++) {
            debuggee.resume(ResumeMode.CONTINUE);
            long start = System.nanoTime();
            assertThat(debuggee.interrupt()).isTrue();
            StopEvent stop = debuggee.awaitStop(WAIT);
            latencies[i] = System.nanoTime() - start;
            assertThat(stop.reason()).isEqualTo(StopReason.INTERRUPT);
            assertThat(debuggee.frames().get(0).functionName()).isEqualTo("_start");
        }
        Arrays.sort(latencies);
        assertThat(Duration.ofNanos(latencies[latencies.length / 2])).isLessThan(Duration.ofMillis(10));
        assertThat(debuggee.interrupt()).as("interrupting a stopped guest").isFalse();
    }

    @Test
    void killEndsARunningGuestAndItsThread() throws Exception {
        Debuggee debuggee = start(Debuggee.builder(load("spin_wat")).withStopAtEntry(false));
        List<StopEvent> events = new CopyOnWriteArrayList<>();
        debuggee.addStopListener(events::add);

        assertThat(debuggee.kill(WAIT)).isTrue();
        assertThat(debuggee.state()).isEqualTo(ExecutionState.TERMINATED);
        assertThat(debuggee.lastEvent().reason()).isEqualTo(StopReason.KILLED);
        assertThat(events).extracting(StopEvent::reason).containsExactly(StopReason.KILLED);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("chicory-guest") && t.isAlive());
    }

    @Test
    void memoryWritesWhileStoppedAreSeenByTheGuest() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        debuggee.awaitStop(WAIT);
        byte[] original = new byte[16];
        assertThat(debuggee.readMemory(0, 16, original, 0, 16)).isEqualTo(16);
        assertThat(new String(original, StandardCharsets.US_ASCII)).isEqualTo("Hello, debugger!");

        byte[] patch = "Howdy".getBytes(StandardCharsets.US_ASCII);
        debuggee.writeMemory(0, 16, patch, 0, patch.length);
        debuggee.resume(ResumeMode.CONTINUE);
        debuggee.awaitTermination(WAIT);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("Howdy, debugger!\n");
    }

    @Test
    void memoryAccessOutOfRangeIsAnErrorAndReadsAreCutShortAtTheEnd() throws Exception {
        Debuggee debuggee = startStopped("loop_wat");
        debuggee.awaitStop(WAIT);
        long size = debuggee.memories().get(0).sizeBytes();
        assertThat(size).isEqualTo(65536);
        byte[] buffer = new byte[64];
        assertThat(debuggee.readMemory(0, size - 10, buffer, 0, 64)).isEqualTo(10);
        assertThatThrownBy(() -> debuggee.readMemory(0, size, buffer, 0, 1)).isInstanceOf(MemoryAccessException.class);
        assertThatThrownBy(() -> debuggee.writeMemory(0, size - 1, buffer, 0, 2)).isInstanceOf(MemoryAccessException.class);
        assertThatThrownBy(() -> debuggee.readMemory(3, 0, buffer, 0, 1)).isInstanceOf(MemoryAccessException.class);
    }

    @Test
    void globalsCanBeReadAndWritten() throws Exception {
        Debuggee debuggee = startStopped("steps_wat");
        debuggee.awaitStop(WAIT);
        assertThat(debuggee.globals(0)).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("result");
            assertThat(g.mutable()).isTrue();
            assertThat(g.value()).isEqualTo(WasmValue.of(ValueType.I32, 0));
        });
        debuggee.resume(ResumeMode.CONTINUE);
        debuggee.awaitTermination(WAIT);
        assertThat(debuggee.global(0, 0).value()).isEqualTo(WasmValue.of(ValueType.I32, 41));
        debuggee.setGlobal(0, 0, WasmValue.of(ValueType.I32, 7));
        assertThat(debuggee.global(0, 0).value().bits()).isEqualTo(7);
    }

    @Test
    void localWritesChangeWhatTheGuestComputes() throws Exception {
        Debuggee debuggee = startStopped("steps_wat");
        debuggee.awaitStop(WAIT);
        debuggee.setBreakpoint(0, function(debuggee.module(0), "callee").firstInstruction());
        debuggee.resume(ResumeMode.CONTINUE);
        debuggee.awaitStop(WAIT);
        debuggee.setLocal(0, 0, WasmValue.of(ValueType.I32, 100));
        assertThat(debuggee.frames().get(0).locals()).containsExactly(WasmValue.of(ValueType.I32, 100));
        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        debuggee.awaitTermination(WAIT);
        assertThat(debuggee.global(0, 0).value().bits()).isEqualTo(201);
    }

    @Test
    void inspectionNeedsAStoppedGuest() throws Exception {
        Debuggee debuggee = start(Debuggee.builder(load("spin_wat")).withStopAtEntry(false));
        assertThatThrownBy(debuggee::frames).isInstanceOf(NotStoppedException.class);
        assertThatThrownBy(() -> debuggee.resume(ResumeMode.STEP)).isInstanceOf(NotStoppedException.class);
        assertThatThrownBy(() -> debuggee.readMemory(0, 0, new byte[1], 0, 1)).isInstanceOf(NotStoppedException.class);
    }

    @Test
    void linksTwoModulesAndShowsOneBacktraceAcrossThem() throws Exception {
        ModuleImage main = load("main_wat");
        ModuleImage lib = load("lib_wat");
        Debuggee debuggee = start(Debuggee.builder(main).withLibrary("lib", lib));
        debuggee.awaitStop(WAIT);
        assertThat(debuggee.modules()).containsExactly(main, lib);

        Breakpoint inLib = debuggee.setBreakpoint(1, function(lib, "bump").firstInstruction());
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.moduleIndex()).isEqualTo(1);
        assertThat(hit.pc()).isEqualTo(inLib.offset());
        List<FrameSnapshot> frames = debuggee.frames();
        assertThat(frames).extracting(FrameSnapshot::moduleIndex).containsExactly(1, 0, 0);
        assertThat(frames).extracting(FrameSnapshot::host).containsExactly(false, true, false);
        assertThat(frames.get(0).locals()).containsExactly(WasmValue.of(ValueType.I32, 5));
        assertThat(frames.get(2).functionName()).isEqualTo("_start");
        assertThat(frames.get(2).returnPc()).isEqualTo(instruction(main, "_start", 2));

        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
        byte[] word = new byte[4];
        debuggee.readMemory(0, 8, word, 0, 4);
        assertThat(word[0]).isEqualTo((byte) 110);
        debuggee.readMemory(1, 8, word, 0, 4);
        assertThat(word[0]).as("memory 1 is the same memory, seen from the library").isEqualTo((byte) 110);
        assertThat(debuggee.global(0, 0).value().bits()).isEqualTo(10);
        assertThat(debuggee.global(1, 0).value().bits()).isEqualTo(10);
    }

    @Test
    void aTrapNobodyWatchedKeepsItsFramesForTheCrashReport() throws Exception {
        Debuggee debuggee = start(Debuggee.builder(load("trap_wat")).withStopAtEntry(false));
        StopEvent end = debuggee.awaitTermination(WAIT);
        assertThat(end.reason()).isEqualTo(StopReason.CRASHED);
        assertThat(debuggee.crashFrames()).extracting(FrameSnapshot::functionName)
                .containsExactly("inner", "middle", "_start");
        assertThat(debuggee.crashFrames().get(0).pc()).isEqualTo(instruction(debuggee.module(0), "inner", 0));
    }

    @Test
    void aGuestThatExitedHasNoCrashFrames() throws Exception {
        Debuggee debuggee = start(Debuggee.builder(load("exit_wat")).withStopAtEntry(false));
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
        assertThat(debuggee.crashFrames()).isEmpty();
    }
}
