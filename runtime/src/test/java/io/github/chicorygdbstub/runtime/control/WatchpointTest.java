package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.instruction;
import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Watchpoints on watch.wat, whose {@code _start} touches the 4 bytes at 0x100 in every way. */
@Timeout(60)
class WatchpointTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long WATCHED = 0x100;

    private final List<Debuggee> started = new ArrayList<>();

    @AfterEach
    void killEverything() {
        started.forEach(Debuggee::close);
    }

    private Debuggee startStopped() throws Exception {
        Debuggee debuggee = Debuggee.builder(load("watch_wat"))
                .withWasiOptions(WasiOptions.builder().build()).build();
        started.add(debuggee);
        debuggee.start();
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.ENTRY);
        return debuggee;
    }

    /** Index in {@code _start} of the instruction at a pc. */
    private static int indexOf(ModuleImage image, int pc) {
        for (int i = 0; i < 22; i++) {
            if (instruction(image, "_start", i) == pc) {
                return i;
            }
        }
        throw new AssertionError("pc 0x" + Integer.toHexString(pc) + " is not in _start");
    }

    @ParameterizedTest(name = "{0} stops before instructions {1}")
    @CsvSource({"WRITE, 3 6 16", "READ, 8 20", "ACCESS, 3 6 8 16 20"})
    void stopsBeforeTheInstructionAfterEachAccessOfItsKind(WatchKind kind, String expected) throws Exception {
        Debuggee debuggee = startStopped();
        Watchpoint watchpoint = debuggee.setWatchpoint(0, WATCHED, 4, kind);

        var stops = new ArrayList<Integer>();
        StopEvent event;
        while (true) {
            debuggee.resume(ResumeMode.CONTINUE);
            event = debuggee.awaitStop(WAIT);
            if (event.isTerminal()) {
                break;
            }
            assertThat(event.reason()).isEqualTo(StopReason.WATCHPOINT);
            assertThat(event.watchpoint()).isEqualTo(watchpoint);
            stops.add(indexOf(debuggee.module(0), event.pc()));
        }

        assertThat(event.reason()).isEqualTo(StopReason.EXITED);
        assertThat(stops).containsExactlyElementsOf(Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList());
    }

    @Test
    void aWriteHasHappenedWhenItsWatchpointStopsTheGuest() throws Exception {
        Debuggee debuggee = startStopped();
        debuggee.setWatchpoint(0, WATCHED + 3, 1, WatchKind.WRITE);

        debuggee.resume(ResumeMode.CONTINUE);
        debuggee.awaitStop(WAIT);

        byte[] value = new byte[4];
        debuggee.readMemory(0, WATCHED, value, 0, 4);
        assertThat(value).containsExactly(7, 0, 0, 0);
        assertThat(indexOf(debuggee.module(0), debuggee.lastEvent().pc())).isEqualTo(3);
    }

    @Test
    void aWatchpointOutranksTheStepThatRanTheAccess() throws Exception {
        Debuggee debuggee = startStopped();
        debuggee.setWatchpoint(0, WATCHED, 4, WatchKind.ACCESS);

        var reasons = new ArrayList<StopReason>();
        for (int i = 0; i < 3; i++) {
            debuggee.resume(ResumeMode.STEP);
            reasons.add(debuggee.awaitStop(WAIT).reason());
        }

        assertThat(reasons).containsExactly(StopReason.STEP, StopReason.STEP, StopReason.WATCHPOINT);
        assertThat(indexOf(debuggee.module(0), debuggee.lastEvent().pc())).isEqualTo(3);
        assertThat(debuggee.stepCount()).isEqualTo(3);
    }

    @Test
    void aClearedWatchpointNoLongerStopsAndDetachClearsTheRest() throws Exception {
        Debuggee debuggee = startStopped();
        debuggee.setWatchpoint(0, WATCHED, 4, WatchKind.WRITE);
        debuggee.setWatchpoint(0, WATCHED, 4, WatchKind.WRITE);
        debuggee.setWatchpoint(0, 0x200, 1, WatchKind.WRITE);
        assertThat(debuggee.watchpoints()).hasSize(2);
        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitStop(WAIT).reason()).isEqualTo(StopReason.WATCHPOINT);

        assertThat(debuggee.clearWatchpoint(0, WATCHED, 4, WatchKind.WRITE)).isTrue();
        assertThat(debuggee.clearWatchpoint(0, WATCHED, 4, WatchKind.WRITE)).isFalse();
        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent copy = debuggee.awaitStop(WAIT);
        assertThat(copy.watchpoint()).isEqualTo(new Watchpoint(0, 0x200, 1, WatchKind.WRITE));
        assertThat(indexOf(debuggee.module(0), copy.pc())).isEqualTo(20);

        debuggee.detach();
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
        assertThat(debuggee.watchpoints()).isEmpty();
    }

    @Test
    void aMemoryImportedByAnotherModuleIsWatchedInTheCodeOfBoth() throws Exception {
        Debuggee debuggee = Debuggee.builder(load("main_wat")).withLibrary("lib", load("lib_wat"))
                .withWasiOptions(WasiOptions.builder().build()).build();
        started.add(debuggee);
        debuggee.start();
        debuggee.awaitStop(WAIT);
        // main imports lib's memory: memory 0 (main's) and memory 1 (lib's) are the same bytes.
        debuggee.setWatchpoint(0, 0, 4, WatchKind.WRITE);
        debuggee.setWatchpoint(1, 8, 4, WatchKind.WRITE);

        var stops = new ArrayList<String>();
        for (StopEvent event = resume(debuggee); !event.isTerminal(); event = resume(debuggee)) {
            stops.add("module " + event.moduleIndex() + " hit " + event.watchpoint().memoryIndex()
                    + ":" + event.watchpoint().address());
        }

        // lib's bump stores the counter at 0 twice; main stores counter + 100 at 8. A call of
        // another module's function is Wasm code, watched by its own hook, not compared around.
        assertThat(stops).containsExactly("module 1 hit 0:0", "module 1 hit 0:0", "module 0 hit 1:8");
    }

    private static StopEvent resume(Debuggee debuggee) throws Exception {
        debuggee.resume(ResumeMode.CONTINUE);
        return debuggee.awaitStop(WAIT);
    }

    @Test
    void refusesWatchpointsOutsideAMemoryAndBeyondCapacity() throws Exception {
        Debuggee debuggee = startStopped();

        assertThatThrownBy(() -> debuggee.setWatchpoint(1, 0, 4, WatchKind.WRITE))
                .isInstanceOf(BreakpointException.class).hasMessageContaining("no memory");
        assertThatThrownBy(() -> debuggee.setWatchpoint(0, 0xffff_fffeL, 4, WatchKind.WRITE))
                .isInstanceOf(BreakpointException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> debuggee.setWatchpoint(0, 0, 0, WatchKind.READ))
                .isInstanceOf(BreakpointException.class);
        for (int i = 0; i < Debuggee.MAX_WATCHPOINTS; i++) {
            debuggee.setWatchpoint(0, 0x1000 + i, 1, WatchKind.ACCESS);
        }
        assertThatThrownBy(() -> debuggee.setWatchpoint(0, 0, 1, WatchKind.ACCESS))
                .isInstanceOf(BreakpointException.class).hasMessageContaining("at most");

        debuggee.resume(ResumeMode.CONTINUE);
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
    }

    /**
     * hostwrite.wat: {@code args_sizes_get} stores argc at 0x100 and the argument bytes' size at
     * 0x104, twice; instruction 3 is the {@code drop} after the first call.
     */
    @ParameterizedTest(name = "{0} on 0x{1} stops after the first call: {2}")
    @CsvSource({"WRITE, 100, true", "ACCESS, 104, true", "READ, 100, false", "WRITE, 200, false", "WRITE, 102, true"})
    void aHostFunctionsWriteFiresWriteWatchpointsWhenItChangesTheBytes(WatchKind kind, String address, boolean stops)
            throws Exception {
        Debuggee debuggee = Debuggee.builder(load("hostwrite_wat"))
                .withWasiOptions(WasiOptions.builder().withArguments(List.of("hostwrite", "one")).build()).build();
        started.add(debuggee);
        debuggee.start();
        debuggee.awaitStop(WAIT);
        Watchpoint watchpoint = debuggee.setWatchpoint(0, Long.parseLong(address, 16), 4, kind);

        debuggee.resume(ResumeMode.CONTINUE);
        StopEvent event = debuggee.awaitStop(WAIT);

        if (stops) {
            assertThat(event.reason()).isEqualTo(StopReason.WATCHPOINT);
            assertThat(event.watchpoint()).isEqualTo(watchpoint);
            assertThat(event.pc()).isEqualTo(instruction(debuggee.module(0), "_start", 3));
            byte[] sizes = new byte[8];
            debuggee.readMemory(0, 0x100, sizes, 0, 8);
            assertThat(sizes).containsExactly(2, 0, 0, 0, 14, 0, 0, 0); // argc, then "hostwrite\0one\0"
            // The second call writes the same values: no change, no stop.
            debuggee.resume(ResumeMode.CONTINUE);
            event = debuggee.awaitStop(WAIT);
        }
        assertThat(event.reason()).isEqualTo(StopReason.EXITED);
    }
}
