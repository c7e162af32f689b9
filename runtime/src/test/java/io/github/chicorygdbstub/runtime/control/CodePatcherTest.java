package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.instruction;
import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
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
        awaitFastMode(debuggee);

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
        awaitFastMode(debuggee);

        debuggee.setWatchpoint(0, 0, 4, WatchKind.WRITE);
        awaitCondition(() -> listenerOf(instanceOf(debuggee)) instanceof InstructionHook,
                "the guest to reach an interrupt point and listen");
        debuggee.clearWatchpoint(0, 0, 4, WatchKind.WRITE);
        awaitCondition(() -> listenerOf(instanceOf(debuggee)) == null, "the guest to switch the listener off again");
        assertThat(debuggee.state()).isEqualTo(ExecutionState.RUNNING);
    }

    /** Listening (a watchpoint), then fast: one pass of the loop between two stops, and steps move on. */
    @Test
    void aBreakpointAtALoopHeadStopsOncePerPassInEitherMode() throws Exception {
        Debuggee debuggee = start("spin", true);
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        int loopHead = loopHead(image, "__original_main");
        long counter = address(debuggee.sourceVariable(debuggee.frames().get(0), "&g_counter").orElseThrow());
        debuggee.setWatchpoint(0, 0, 4, WatchKind.WRITE); // nothing writes there: it only keeps the hook on
        debuggee.setBreakpoint(0, loopHead);
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).pc()).isEqualTo(loopHead);
        debuggee.resume(ResumeMode.CONTINUE);

        StopEvent first = debuggee.awaitStop(WAIT);
        debuggee.clearWatchpoint(0, 0, 4, WatchKind.WRITE);
        long before = readInt(debuggee, counter);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent second = debuggee.awaitStop(WAIT);
        long after = readInt(debuggee, counter);

        assertThat(first.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(second.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(second.pc()).isEqualTo(loopHead);
        assertThat(after).as("one pass of the loop between the two stops").isEqualTo(before + 1);
        debuggee.resume(ResumeMode.STEP);
        assertThat(debuggee.awaitStop(WAIT).pc()).as("a step from the breakpoint moves on").isNotEqualTo(loopHead);
    }

    /**
     * Clearing the last watchpoint while the guest runs plants markers for the switch back to
     * fast mode while the hook is still called: the hook must leave a marker at a breakpoint to
     * the machine, or the guest stops there twice with nothing run in between. Here the guest
     * waits in {@code fd_read} while that happens, and the breakpoint is at the return address.
     */
    @Test
    void aBreakpointMarkerMetWhileListeningStopsOnce() throws Exception {
        var stdin = new BlockingStdin();
        Debuggee debuggee = Debuggee.builder(load("echo_wat"))
                .withWasiOptions(WasiOptions.builder().withStdin(stdin).withStdout(stdout).build())
                .build();
        started.add(debuggee);
        debuggee.start();
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        int afterRead = instruction(image, "_start", 11);
        assertThat(image.byteAt(instruction(image, "_start", 10))).as("a call before it").isEqualTo((byte) 0x10);
        debuggee.setWatchpoint(0, 0x200, 4, WatchKind.WRITE); // nothing writes there: it only keeps the hook on
        debuggee.resume(ResumeMode.CONTINUE);
        stdin.awaitReader();

        debuggee.setBreakpoint(0, afterRead);
        debuggee.clearWatchpoint(0, 0x200, 4, WatchKind.WRITE);
        stdin.feed("hi\n");
        StopEvent hit = debuggee.awaitStop(WAIT);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent next = debuggee.awaitStop(WAIT);

        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(afterRead);
        assertThat(next.reason()).as("the guest ran on to its end").isEqualTo(StopReason.EXITED);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n");
    }

    /** Standard input that a test feeds, and that tells when the guest waits on it. */
    private static final class BlockingStdin extends java.io.InputStream {
        private final java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.BlockingQueue<byte[]> chunks = new java.util.concurrent.LinkedBlockingQueue<>();

        void feed(String text) {
            chunks.add(text.getBytes(StandardCharsets.UTF_8));
        }

        void awaitReader() throws InterruptedException {
            assertThat(reading.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws java.io.IOException {
            reading.countDown();
            try {
                byte[] chunk = chunks.take();
                System.arraycopy(chunk, 0, target, offset, Math.min(length, chunk.length));
                return Math.min(length, chunk.length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
    }

    /**
     * {@code (tag $t) (func (export "_start") nop (loop $l (try_table (catch_all $l) (throw $t))))}:
     * a loop whose only way back is an exception handler, with no call and no backward branch.
     */
    private static final String EXCEPTION_LOOP = "0061736d01000000010401600000030201000d03010000070a01065f7374617274"
            + "00000a10010e000103401f4001020008000b0b0b";

    @Test
    void aPauseReachesALoopThatOnlyAnExceptionHandlerCloses() throws Exception {
        Debuggee debuggee = runningFast("exception_loop", EXCEPTION_LOOP);
        ModuleImage image = debuggee.module(0);

        assertThat(pause(debuggee).pc()).as("the throw, first in the try_table")
                .isEqualTo(instruction(image, "func[0]", 3));

        int tryTable = instruction(image, "func[0]", 2);
        debuggee.setBreakpoint(0, tryTable); // it cannot hold a marker: the hook finds it
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).pc()).isEqualTo(tryTable);
        assertThat(listenerOf(instanceOf(debuggee))).isInstanceOf(InstructionHook.class);
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).pc()).as("the next pass").isEqualTo(tryTable);
    }

    /** {@code (func (export "_start") return_call 0)}: endless tail recursion, no loop and no return. */
    private static final String TAIL_CALL_LOOP = "0061736d01000000010401600000030201000"
            + "70a01065f737461727400000a0601040012000b";

    @Test
    void aPauseReachesEndlessTailRecursionAtTheFunctionEntry() throws Exception {
        Debuggee debuggee = runningFast("tail_call_loop", TAIL_CALL_LOOP);

        assertThat(pause(debuggee).pc()).isEqualTo(instruction(debuggee.module(0), "func[0]", 0));
    }

    /**
     * {@code (func $c nop) (func $b return_call $c) (func (export "_start") call $b nop nop)}: after
     * the tail call Chicory leaves {@code $c}'s frame on its call stack while {@code _start} runs
     * on, so the frame that fetched a marker is not always the top one.
     */
    private static final String TAIL_CALL_ELSEWHERE = "0061736d01000000010401600000030403000000"
            + "070a01065f737461727400020a11030300010b040012000b0600100101010b";

    @Test
    void aBreakpointAfterACallThatTailCalledElsewhereIsHit() throws Exception {
        ModuleImage image = ModuleImage.of("tail_call_elsewhere", java.util.HexFormat.of().parseHex(TAIL_CALL_ELSEWHERE));
        Debuggee debuggee = Debuggee.builder(image).withStopAtEntry(false).build();
        started.add(debuggee);
        int afterCall = instruction(image, "func[2]", 1);
        debuggee.setBreakpoint(0, afterCall);
        debuggee.start();

        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).as(String.valueOf(hit.message())).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(afterCall);
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
    }

    /** Starts a hand-assembled module that runs without stopping, once it runs without the listener. */
    private Debuggee runningFast(String name, String hex) throws InterruptedException {
        ModuleImage image = ModuleImage.of(name, java.util.HexFormat.of().parseHex(hex));
        Debuggee debuggee = Debuggee.builder(image).withStopAtEntry(false).build();
        started.add(debuggee);
        debuggee.start();
        awaitFastMode(debuggee);
        return debuggee;
    }

    /**
     * Waits until the guest runs without the listener. Its first call comes first: Chicory stores
     * the builder's listener after the machine exists, and the instance takes its mode at its
     * first call, so a listener not yet stored is no sign of fast mode.
     */
    private static void awaitFastMode(Debuggee debuggee) throws InterruptedException {
        awaitCondition(() -> instanceOf(debuggee) != null
                && ((DebugMachine) instanceOf(debuggee).getMachine()).registered()
                && listenerOf(instanceOf(debuggee)) == null, "fast mode");
    }

    private static StopEvent pause(Debuggee debuggee) throws Exception {
        assertThat(debuggee.interrupt()).isTrue();
        StopEvent stop = debuggee.awaitStop(WAIT);
        assertThat(stop.reason()).as(String.valueOf(stop.message())).isEqualTo(StopReason.INTERRUPT);
        return stop;
    }

    @Test
    void aTrapWhileMarkersArePlantedStopsWithTheTrappingFrames() throws Exception {
        Debuggee debuggee = start("trap_wat", true);
        debuggee.awaitStop(WAIT);
        ModuleImage image = debuggee.module(0);
        debuggee.setBreakpoint(0, instruction(image, "middle", 1)); // return addresses the trap never reaches
        debuggee.setBreakpoint(0, instruction(image, "_start", 1));
        debuggee.resume(ResumeMode.CONTINUE);

        StopEvent trap = debuggee.awaitStop(WAIT);
        assertThat(trap.reason()).isEqualTo(StopReason.TRAP);
        assertThat(debuggee.frames()).extracting(f -> f.functionName() + "@" + f.pc()).containsExactly(
                "inner@" + instruction(image, "inner", 0), "middle@" + instruction(image, "middle", 0),
                "_start@" + instruction(image, "_start", 0));
        assertThat(debuggee.frames().get(1).returnPc()).isEqualTo(instruction(image, "middle", 1));
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.CRASHED);
    }

    /** The address of the first instruction a branch of {@code function} jumps back to. */
    private static int loopHead(ModuleImage image, String function) {
        var range = image.functions().stream().filter(f -> f.name().equals(function)).findFirst().orElseThrow();
        List<AnnotatedInstruction> code = image.wasmModule().codeSection()
                .getFunctionBody(range.functionIndex() - image.importedFunctionCount()).instructions();
        for (int i = 0; i < code.size(); i++) {
            int target = code.get(i).labelTrue();
            OpCode opcode = code.get(i).opcode();
            if ((opcode == OpCode.BR || opcode == OpCode.BR_IF) && target >= 0 && target <= i) {
                return code.get(target).address();
            }
        }
        throw new AssertionError(function + " has no loop");
    }

    private static long address(String printed) {
        return Long.parseLong(printed.substring(printed.lastIndexOf("0x") + 2).trim(), 16);
    }

    private static long readInt(Debuggee debuggee, long address) {
        byte[] bytes = new byte[4];
        debuggee.readMemory(0, address, bytes, 0, 4);
        return java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
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
