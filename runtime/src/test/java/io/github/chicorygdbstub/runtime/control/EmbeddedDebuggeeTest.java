package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.function;
import static io.github.chicorygdbstub.runtime.TestModules.instruction;
import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Instances an application builds itself, instrumented, called on the application's threads:
 * reactor_wat's {@code process(x)} logs through the host's {@code env.log} and returns x*x.
 */
@Timeout(60)
class EmbeddedDebuggeeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ModuleImage image = load("reactor_wat");
    private final Debuggee debuggee = Debuggee.embedded();
    private final ExecutorService pool = Executors.newFixedThreadPool(8, task -> {
        var thread = new Thread(task);
        thread.setName("app-" + thread.getId());
        thread.setDaemon(true);
        return thread;
    });
    /** (thread name, x) of every env.log call. */
    private final ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();

    @AfterEach
    void shutDown() {
        debuggee.close();
        pool.shutdownNow();
    }

    private Instance plugin(Consumer<Integer> onLog) {
        var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, args) -> {
                    logged.add(Thread.currentThread().getName() + ":" + args[0]);
                    onLog.accept((int) args[0]);
                    return null;
                });
        return debuggee.instrument(image, Instance.builder(image.wasmModule()))
                .withImportValues(ImportValues.builder().addFunction(log).build())
                .build();
    }

    private Instance plugin() {
        return plugin(x -> {});
    }

    private static int process(Instance plugin, int x) {
        return (int) plugin.export("process").apply(x)[0];
    }

    private int squareEntry() {
        return function(image, "square").firstInstruction();
    }

    @Test
    void anInstrumentedInstanceRunsOnItsCallersThreadAndIsServedAsItsOriginalBytes() throws Exception {
        Instance plugin = plugin();
        assertThat(debuggee.modules()).containsExactly(image);
        assertThat(debuggee.state()).isEqualTo(ExecutionState.RUNNING);

        assertThat(process(plugin, 7)).isEqualTo(49); // nothing armed: runs as plain Chicory would
        assertThat(logged).containsExactly(Thread.currentThread().getName() + ":7");
        assertThat(debuggee.lastEvent()).isNull();
    }

    @Test
    void aBreakpointParksTheCallingThreadUntilTheDebuggerResumesIt() throws Exception {
        Instance plugin = plugin();
        debuggee.setBreakpoint(0, squareEntry());

        Future<Integer> call = pool.submit(() -> process(plugin, 3));
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(squareEntry());
        List<GuestThreadInfo> threads = debuggee.threads();
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).id()).isEqualTo(hit.threadId());
        assertThat(threads.get(0).name()).startsWith("app-").endsWith(" (process)");
        assertThat(threads.get(0).stopEvent()).isEqualTo(hit);
        assertThat(debuggee.frames()).extracting(FrameSnapshot::functionName).containsExactly("square", "process");
        assertThat(call).isNotDone();
        assertThat(logged).isEmpty();

        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(9);
        assertThat(logged).singleElement().asString().startsWith(threads.get(0).name().split(" ")[0] + ":");
    }

    @Test
    void aThreadKeepsItsIdFromOneCallToTheNextAndAnotherThreadGetsItsOwn() throws Exception {
        Instance plugin = plugin();
        debuggee.setBreakpoint(0, squareEntry());
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            List<Long> ids = new ArrayList<>();
            for (ExecutorService caller : List.of(one, one, pool)) {
                Future<Integer> call = caller.submit(() -> process(plugin, 4));
                StopEvent hit = debuggee.awaitStop(WAIT);
                ids.add(hit.threadId());
                assertThat(debuggee.threads()).singleElement().extracting(GuestThreadInfo::name).asString()
                        .endsWith(" (process)");
                debuggee.resume(ResumeMode.CONTINUE);
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(16);
            }
            assertThat(ids.get(1)).isEqualTo(ids.get(0));
            assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void whenOneThreadStopsTheOthersStopToo() throws Exception {
        int callers = 4;
        var plugins = new ArrayList<Instance>();
        for (int i = 0; i < callers; i++) {
            plugins.add(plugin()); // Chicory instances are single-threaded: one per caller
        }
        assertThat(debuggee.modules()).hasSize(callers);
        assertThat(debuggee.moduleName(1)).isEqualTo("reactor_wat.wasm~2");
        var running = new CountDownLatch(callers);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var calls = new AtomicInteger();
        var loops = new ArrayList<Future<?>>();
        for (Instance plugin : plugins) {
            loops.add(pool.submit(() -> {
                running.countDown();
                for (int x = 1; !stop.get(); x = x % 1000 + 1) {
                    if (process(plugin, x) != x * x) {
                        throw new AssertionError("process(" + x + ")");
                    }
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        debuggee.attach(); // the next instruction of any thread stops the guest

        StopEvent entry = debuggee.awaitStop(WAIT);
        assertThat(entry.reason()).isEqualTo(StopReason.ENTRY);
        int before = calls.get();
        // While stopped, every thread inside Wasm holds and every other waits to enter: only the
        // calls that were past their last instruction at the stop can still complete, one per thread.
        assertThat(waitUntil(() -> calls.get() > before + callers - 1, Duration.ofMillis(300))).isFalse();
        List<GuestThreadInfo> threads = debuggee.threads();
        assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(callers);
        assertThat(threads.get(0).stopEvent()).isEqualTo(entry);
        assertThat(threads.subList(1, threads.size())).allSatisfy(other -> assertThat(other.stopEvent()).isNull());
        for (GuestThreadInfo thread : threads) {
            assertThat(debuggee.frames(thread.id())).last().extracting(FrameSnapshot::functionName).isEqualTo("process");
        }

        stop.set(true);
        debuggee.detach();
        for (Future<?> loop : loops) {
            loop.get(10, TimeUnit.SECONDS);
        }
        assertThat(calls.get()).isGreaterThan(before);
    }

    @Test
    void aStepMovesOnlyTheSteppingThread() throws Exception {
        Instance first = plugin();
        Instance second = plugin();
        debuggee.setBreakpoint(0, squareEntry());
        debuggee.setBreakpoint(1, squareEntry());
        Future<Integer> one = pool.submit(() -> process(first, 2));
        StopEvent hit = debuggee.awaitStop(WAIT);
        Future<Integer> two = pool.submit(() -> process(second, 5));

        debuggee.resume(ResumeMode.STEP);
        StopEvent stepped = debuggee.awaitStop(WAIT);
        assertThat(stepped.reason()).isEqualTo(StopReason.STEP);
        assertThat(stepped.threadId()).isEqualTo(hit.threadId());
        assertThat(stepped.pc()).isEqualTo(instruction(image, "square", 1));
        assertThat(two).isNotDone(); // it waited to enter Wasm: the guest never ran freely

        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent secondHit = debuggee.awaitStop(WAIT);
        assertThat(secondHit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(secondHit.moduleIndex()).isEqualTo(1);
        assertThat(secondHit.threadId()).isNotEqualTo(hit.threadId());
        debuggee.resume(ResumeMode.CONTINUE); // the first thread may be held by this stop: all-stop
        assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo(25);
    }

    @Test
    void aStopWhileAnotherThreadIsInAHostCallHoldsThatThreadWhenItReturnsToWasm() throws Exception {
        var inHostCall = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Instance blocking = plugin(x -> {
            inHostCall.countDown();
            await(release);
        });
        Instance other = plugin();
        Future<Integer> blocked = pool.submit(() -> process(blocking, 4));
        assertThat(inHostCall.await(10, TimeUnit.SECONDS)).isTrue();
        debuggee.setBreakpoint(1, squareEntry());
        Future<Integer> hitting = pool.submit(() -> process(other, 6));

        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.moduleIndex()).isEqualTo(1);
        assertThat(debuggee.threads()).extracting(GuestThreadInfo::id).containsExactly(hit.threadId());
        release.countDown();
        // Back in Wasm, the blocked thread holds at its next instruction instead of finishing.
        assertThat(waitUntil(() -> debuggee.threads().size() == 2, WAIT)).isTrue();
        assertThat(blocked).isNotDone();

        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(16);
        assertThat(hitting.get(10, TimeUnit.SECONDS)).isEqualTo(36);
    }

    @Test
    void vContStyleResumesStepOneThreadAndContinueOthers() throws Exception {
        Instance plugin = plugin();
        debuggee.setBreakpoint(0, squareEntry());
        Future<Integer> call = pool.submit(() -> process(plugin, 9));
        StopEvent hit = debuggee.awaitStop(WAIT);

        assertThatThrownBy(() -> debuggee.resume(Map.of(99L, ResumeMode.STEP), null))
                .isInstanceOf(IllegalArgumentException.class);
        debuggee.resume(Map.of(hit.threadId(), ResumeMode.STEP), ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.STEP);
        debuggee.clearBreakpoints();
        debuggee.resume(Map.of(), ResumeMode.CONTINUE);
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(81);
    }

    @Test
    void closeReleasesEveryParkedThreadAndNothingStopsAfterwards() throws Exception {
        Instance plugin = plugin();
        debuggee.setBreakpoint(0, squareEntry());
        Future<Integer> call = pool.submit(() -> process(plugin, 5));
        debuggee.awaitStop(WAIT);

        debuggee.close();
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(25);
        assertThat(process(plugin, 6)).isEqualTo(36);
    }

    @Test
    void killEndsTheCallsInProgressAndLaterCallsRunUndebugged() throws Exception {
        Instance plugin = plugin();
        debuggee.setBreakpoint(0, squareEntry());
        Future<Integer> call = pool.submit(() -> process(plugin, 5));
        debuggee.awaitStop(WAIT);

        assertThat(debuggee.kill(WAIT)).isTrue();
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return call.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return e.getCause();
            }
        }).get()).isInstanceOf(KilledException.class);
        assertThat(debuggee.breakpoints()).isEmpty();
        assertThat(process(plugin, 6)).isEqualTo(36);
    }

    @Test
    void instancesBuiltWhileStoppedAppearAndTheirCallersWaitToEnter() throws Exception {
        Instance first = plugin();
        debuggee.setBreakpoint(0, squareEntry());
        Future<Integer> one = pool.submit(() -> process(first, 2));
        debuggee.awaitStop(WAIT);

        Instance late = plugin();
        assertThat(debuggee.modules()).hasSize(2);
        Future<Integer> two = pool.submit(() -> process(late, 3));
        assertThat(waitUntil(two::isDone, Duration.ofMillis(300))).isFalse();
        debuggee.setBreakpoint(1, squareEntry());
        debuggee.clearBreakpoint(0, squareEntry());
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent lateHit = debuggee.awaitStop(WAIT);
        assertThat(lateHit.moduleIndex()).isEqualTo(1);
        debuggee.detach();
        assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo(9);
    }

    @Test
    void eightThreadsCallingWhileBreakpointsComeAndGoNeverDeadlock() throws Exception {
        int callers = 8;
        int stopsWanted = 60;
        var enough = new java.util.concurrent.atomic.AtomicBoolean();
        var calls = new ArrayList<Future<Integer>>();
        for (int i = 0; i < callers; i++) {
            Instance plugin = plugin();
            calls.add(pool.submit(() -> {
                int done = 0;
                for (int x = 0; !enough.get(); x = (x + 1) % 1000) {
                    if (process(plugin, x) != x * x) {
                        throw new AssertionError("process(" + x + ")");
                    }
                    done++;
                }
                return done;
            }));
        }
        int stops = 0;
        for (int round = 0; stops < stopsWanted; round++) {
            int module = round % callers;
            debuggee.setBreakpoint(module, round % 2 == 0 ? squareEntry() : instruction(image, "process", 2));
            StopEvent stop = debuggee.awaitStop(WAIT); // every caller loops until enough: it comes
            assertThat(stop.reason()).isIn(StopReason.BREAKPOINT, StopReason.STEP);
            assertThat(debuggee.threads()).isNotEmpty();
            stops++;
            debuggee.resume(round % 3 == 0 ? ResumeMode.STEP : ResumeMode.CONTINUE);
            debuggee.clearBreakpoints();
            if (round % 3 == 0) {
                debuggee.awaitStop(WAIT);
                debuggee.resume(ResumeMode.CONTINUE);
            }
        }
        enough.set(true);
        for (Future<Integer> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isPositive();
        }
        assertThat(stops).isEqualTo(stopsWanted);
    }

    /**
     * While nothing is armed, threads that have called before enter and leave without the lock,
     * unlisted; an attach (or an interrupt) that comes while they do must still stop every one of
     * them that is inside Wasm, hold every other one at entry, and list the ones inside.
     */
    @Test
    void anAttachOrInterruptWhileThreadsEnterAndLeaveWithoutTheLockStopsEveryThreadInsideWasm() throws Exception {
        int callers = 4;
        int rounds = 15;
        var enough = new java.util.concurrent.atomic.AtomicBoolean();
        var calls = new AtomicInteger();
        // Per caller: 1 from its env.log call until process returns, when it is inside Wasm for sure.
        var pastLog = new java.util.concurrent.atomic.AtomicIntegerArray(callers);
        var callerThreads = new ArrayList<Thread>();
        var failures = new ConcurrentLinkedQueue<Throwable>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                    (instance, args) -> {
                        pastLog.set(caller, 1);
                        return null;
                    });
            Instance plugin = debuggee.instrument(image, Instance.builder(image.wasmModule()))
                    .withImportValues(ImportValues.builder().addFunction(log).build()).build();
            var thread = new Thread(() -> {
                try {
                    for (int x = 0; !enough.get(); x = (x + 1) % 1000) {
                        if (process(plugin, x) != x * x) {
                            throw new AssertionError("process(" + x + ")");
                        }
                        pastLog.set(caller, 0);
                        calls.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "racer-" + caller);
            thread.setDaemon(true);
            callerThreads.add(thread);
        }
        callerThreads.forEach(Thread::start);

        for (int round = 0; round < rounds; round++) {
            awaitCallsOnTheFastPath(calls, callers);
            debuggee.attach();
            assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.ENTRY);
            assertEveryCallerStoppedOrHeldAtEntry(callerThreads, pastLog);
            debuggee.resume(ResumeMode.CONTINUE); // attached, nothing armed: calls enter unlisted again

            awaitCallsOnTheFastPath(calls, callers);
            assertThat(debuggee.interrupt()).isTrue();
            assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.INTERRUPT);
            assertEveryCallerStoppedOrHeldAtEntry(callerThreads, pastLog);
            debuggee.detach();
        }

        enough.set(true);
        for (Thread thread : callerThreads) {
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " still calls").isFalse();
        }
        assertThat(failures).isEmpty();
        // A kill waits for the registry to be empty: no thread is left in it after it left Wasm.
        assertThat(debuggee.kill(Duration.ofSeconds(5))).isTrue();
    }

    /** The callers are running calls again, which (nothing armed) enter without the lock. */
    private static void awaitCallsOnTheFastPath(AtomicInteger calls, int callers) throws InterruptedException {
        int before = calls.get();
        assertThat(waitUntil(() -> calls.get() >= before + 10 * callers, WAIT)).isTrue();
    }

    /**
     * All-stop while threads raced the stop: every caller ends up parked inside Wasm (and listed)
     * or waiting to enter, none runs on; every caller that had called env.log in its current call
     * is inside Wasm, so it is one of the listed.
     */
    private void assertEveryCallerStoppedOrHeldAtEntry(List<Thread> callers,
            java.util.concurrent.atomic.AtomicIntegerArray pastLog) throws InterruptedException {
        assertThat(waitUntil(() -> {
            List<String> listed = listedJavaThreads();
            return callers.stream().allMatch(caller -> listed.contains(caller.getName()) || waitingToEnter(caller));
        }, WAIT)).as("every caller parked or waiting to enter").isTrue();
        List<String> listed = listedJavaThreads();
        for (int caller = 0; caller < callers.size(); caller++) {
            if (pastLog.get(caller) == 1) {
                assertThat(listed).contains(callers.get(caller).getName());
            }
        }
        assertThat(listed).allSatisfy(name -> assertThat(name).startsWith("racer-"));
    }

    /** The Java threads of the stopped guest's threads, by name. */
    private List<String> listedJavaThreads() {
        return debuggee.threads().stream().map(thread -> thread.name().split(" ")[0]).toList();
    }

    /** Whether {@code thread} waits inside the controller's entry, as a newcomer does while the guest is stopped. */
    private static boolean waitingToEnter(Thread thread) {
        return thread.getState() == Thread.State.WAITING && java.util.Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(ExecutionController.class.getName())
                        && frame.getMethodName().equals("enterUnderLock"));
    }

    @Test
    void anInstanceBuiltWhileADebuggerIsAttachedIsAnnouncedAtItsFirstInstruction() throws Exception {
        Instance first = plugin();
        debuggee.attach();
        Future<Integer> one = pool.submit(() -> process(first, 2));
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.ENTRY);
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo(4);

        Instance late = plugin();
        Future<Integer> two = pool.submit(() -> process(late, 3));
        StopEvent announced = debuggee.awaitStop(WAIT);
        assertThat(announced.reason()).isEqualTo(StopReason.LIBRARY);
        assertThat(announced.moduleIndex()).isEqualTo(1);
        assertThat(announced.pc()).isEqualTo(function(image, "process").firstInstruction());
        // The debugger places the new module's breakpoints, and the first one there is still hit.
        debuggee.setBreakpoint(1, announced.pc());
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(hit.pc()).isEqualTo(announced.pc());
        debuggee.detach();
        assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo(9);

        Instance undebugged = plugin(); // no debugger attached: nothing to announce
        assertThat(process(undebugged, 4)).isEqualTo(16);
    }

    @Test
    void aJavaConditionStopsOnlyTheCallItAcceptsAndEveryHitIsCounted() throws Exception {
        Instance plugin = plugin();
        // process(x)'s parameter is local 0 of its frame: stop on the call with x == 4 only.
        Breakpoint breakpoint = debuggee.setBreakpoint(0, function(image, "process").firstInstruction(),
                hit -> hit.frames().get(0).locals().get(0).bits() == 4);
        Future<?> calls = pool.submit(() -> {
            for (int x = 1; x <= 6; x++) {
                process(plugin, x);
            }
            return null;
        });

        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(debuggee.frames().get(0).locals().get(0).bits()).isEqualTo(4);
        assertThat(debuggee.hitCount(breakpoint)).isEqualTo(4);
        assertThat(logged).hasSize(3); // calls 1 to 3 ran through, undisturbed
        debuggee.resume(ResumeMode.CONTINUE);
        calls.get(10, TimeUnit.SECONDS);
        assertThat(debuggee.hitCount(breakpoint)).isEqualTo(6);
        assertThat(logged).hasSize(6);
    }

    @Test
    void aConditionThatThrowsStopsTheGuestRatherThanHidingTheHit() throws Exception {
        Instance plugin = plugin();
        debuggee.setBreakpoint(0, squareEntry(), hit -> {
            throw new IllegalStateException("broken condition");
        });
        Future<Integer> call = pool.submit(() -> process(plugin, 2));
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.BREAKPOINT);
        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(4);
    }

    @Test
    void breakpointsBySpecResolveInEveryInstanceAndSayWhatIsNearWhenNothingMatches() throws Exception {
        Instance first = plugin();
        plugin();
        List<Breakpoint> set = debuggee.setBreakpoints("square", hit -> hit.hitCount() == 2);
        assertThat(set).extracting(Breakpoint::moduleIndex).containsExactly(0, 1);
        assertThat(set).extracting(Breakpoint::offset).containsOnly(squareEntry());
        assertThat(debuggee.setBreakpoints("0x" + Integer.toHexString(squareEntry()), null)).hasSize(2);
        assertThatThrownBy(() -> debuggee.setBreakpoints("sqare", null))
                .isInstanceOf(BreakpointException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> debuggee.setBreakpoints("12", null)).isInstanceOf(IllegalArgumentException.class);
        debuggee.clearBreakpoints();

        debuggee.setBreakpoints("square", hit -> hit.hitCount() == 2);
        Future<?> calls = pool.submit(() -> {
            process(first, 1);
            return process(first, 2);
        });
        StopEvent second = debuggee.awaitStop(WAIT);
        assertThat(debuggee.frames()).extracting(FrameSnapshot::functionName).containsExactly("square", "process");
        assertThat(debuggee.frames().get(1).locals().get(0).bits()).isEqualTo(2);
        assertThat(second.moduleIndex()).isZero();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(calls.get(10, TimeUnit.SECONDS)).isEqualTo(4);
    }

    @Test
    void anInstanceInTheApplicationsOwnMemoryIsInspectedThroughIt() throws Exception {
        ModuleImage hostmem = load("hostmem_wat");
        var memory = new com.dylibso.chicory.runtime.ByteArrayMemory(
                new com.dylibso.chicory.wasm.types.MemoryLimits(1));
        var done = new HostFunction("env", "done", FunctionType.of(List.of(), List.of()), (instance, args) -> null);
        Instance plugin = debuggee.instrument(hostmem, Instance.builder(hostmem.wasmModule()))
                .withImportValues(ImportValues.builder()
                        .addMemory(new com.dylibso.chicory.runtime.ImportMemory("env", "memory", memory))
                        .addFunction(done).build())
                .build();
        // Stop at the host call, after the store: the debugger reads the application's memory.
        debuggee.setBreakpoint(0, instruction(hostmem, "store", 3));
        Future<?> call = pool.submit(() -> plugin.export("store").apply(0x12345678));
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.BREAKPOINT);
        byte[] bytes = new byte[4];
        assertThat(debuggee.readMemory(0, 16, bytes, 0, 4)).isEqualTo(4);
        assertThat(bytes).containsExactly(0x78, 0x56, 0x34, 0x12);
        debuggee.writeMemory(0, 16, new byte[] {1, 0, 0, 0}, 0, 4);
        assertThat(memory.readInt(16)).isEqualTo(1); // the very memory the application holds
        debuggee.resume(ResumeMode.CONTINUE);
        call.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anExceptionFromAHostFunctionWhileSteppingReachesTheCallerAsWithoutADebugger() throws Exception {
        Instance plugin = plugin(x -> {
            throw new IllegalStateException("host failure on " + x);
        });
        debuggee.setBreakpoint(0, instruction(image, "process", 4)); // local.get $result, before call $log
        Future<Integer> call = pool.submit(() -> process(plugin, 7));
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.BREAKPOINT);
        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.STEP);
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.STEP); // at call $log
        debuggee.resume(ResumeMode.STEP); // into the host function, which throws

        assertThat(call).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(IllegalStateException.class).withMessage("host failure on 7");
        assertThat(waitUntil(() -> debuggee.state() == ExecutionState.RUNNING, WAIT)).isTrue();
        assertThat(process(plugin(), 3)).isEqualTo(9); // nothing stays held
    }

    @Test
    void aTrapInOneThreadStopsTheGuestWithItsMessageAndTheOthersKeepTheirPlace() throws Exception {
        ModuleImage traps = load("trap_wat");
        var inLog = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Instance blocking = plugin(x -> {
            inLog.countDown();
            await(release);
        });
        Instance trapping = debuggee.instrument(traps, Instance.builder(traps.wasmModule())).withStart(false).build();
        Future<Integer> waiting = pool.submit(() -> process(blocking, 5));
        assertThat(inLog.await(10, TimeUnit.SECONDS)).isTrue();
        debuggee.setBreakpoint(0, squareEntry()); // attached: a trap now stops instead of ending the call
        debuggee.attach();
        debuggee.clearBreakpoints();

        Future<Long> divzero = pool.submit(() -> trapping.export("divzero").apply()[0]);
        StopEvent entry = debuggee.awaitStop(WAIT); // the attach's entry stop, in the trapping thread
        assertThat(entry.reason()).isEqualTo(StopReason.ENTRY);
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent trap = debuggee.awaitStop(WAIT);
        assertThat(trap.reason()).isEqualTo(StopReason.TRAP);
        assertThat(trap.message()).containsIgnoringCase("divide by zero");
        assertThat(trap.moduleIndex()).isEqualTo(1);
        assertThat(waiting).isNotDone(); // still in its host call, its frames untouched

        release.countDown();
        debuggee.detach();
        assertThat(divzero).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(com.dylibso.chicory.wasm.ChicoryException.class);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(25);
    }

    /** A build-time-compiled module's create(Instance) calls machineFor: the builder is the application's. */
    @Test
    void aMachineFactoryOfTheApplicationsOwnGetsTheDebuggableMachineFromMachineFor() throws Exception {
        var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, args) -> null);
        Instance plugin = Instance.builder(image.wasmModule())
                .withImportValues(ImportValues.builder().addFunction(log).build())
                .withMachineFactory(instance -> debuggee.machineFor(image, instance))
                .build();
        assertThat(debuggee.modules()).containsExactly(image);
        assertThat(process(plugin, 4)).isEqualTo(16); // nothing armed

        debuggee.setBreakpoints("square", null);
        Future<Integer> call = pool.submit(() -> process(plugin, 5));
        StopEvent hit = debuggee.awaitStop(WAIT);
        assertThat(hit.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(debuggee.frames()).extracting(FrameSnapshot::functionName).containsExactly("square", "process");
        debuggee.clearBreakpoints();
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(25);

        ModuleImage other = load("reactor_wat");
        assertThatThrownBy(() -> Instance.builder(image.wasmModule())
                .withImportValues(ImportValues.builder().addFunction(log).build())
                .withMachineFactory(instance -> debuggee.machineFor(other, instance)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("build it from image.wasmModule()");
    }

    @Test
    void aCommandDebuggeeInstantiatesItsOwnModules() {
        ModuleImage wasi = load("loop_wat");
        Debuggee command = Debuggee.builder(wasi).build();
        assertThatThrownBy(() -> command.instrument(wasi, Instance.builder(wasi.wasmModule())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(debuggee::start).isInstanceOf(IllegalStateException.class);
    }

    /** Waits for a condition, up to {@code timeout}; false if it never held. */
    static boolean waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        return condition.getAsBoolean();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
