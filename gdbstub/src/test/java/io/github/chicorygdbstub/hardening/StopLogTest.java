package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.testing.RawRspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The console shows the stops a user cares about (breakpoints, traps, the end) at INFO, while
 * instruction steps, which a source-level step makes by the dozen, go to the packet trace
 * ({@code -v}) at DEBUG.
 */
@Timeout(60)
class StopLogTest {
    @Test
    void instructionStepsGoToThePacketTraceAndBreakpointStopsToInfo() throws Exception {
        try (LogCapture log = LogCapture.start(true); ServedGuest guest = ServedGuest.stopped("loop_wat");
                RawRspClient client = guest.connect()) {
            ModuleImage image = guest.debuggee().module(0);
            FunctionRange add3 = image.functions().stream().filter(f -> f.name().equals("add3")).findFirst().orElseThrow();
            String breakpoint = Long.toHexString(0x4000000000000000L + add3.firstInstruction());

            for (int i = 0; i < 3; i++) {
                assertThat(client.ask("vCont;s:1")).startsWith("T05");
            }
            assertThat(client.ask("Z0," + breakpoint + ",0")).isEqualTo("OK");
            assertThat(client.ask("vCont;c:1")).contains(breakpoint);

            assertThat(log.eventsAt(Level.DEBUG)).filteredOn(e -> e.getFormattedMessage().startsWith("guest stopped (step)"))
                    .hasSize(3).allMatch(e -> e.getLoggerName().equals("io.github.chicorygdbstub.trace"));
            assertThat(log.eventsAt(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("(step)")).anyMatch(m -> m.startsWith("guest stopped (breakpoint)"));
        }
    }

    @Test
    void withoutThePacketTraceAStepLogsNothing() throws Exception {
        Logger trace = (Logger) LoggerFactory.getLogger("io.github.chicorygdbstub.trace");
        Level before = trace.getLevel();
        trace.setLevel(Level.INFO); // as the CLI runs without -v
        try (LogCapture log = LogCapture.start(false); ServedGuest guest = ServedGuest.stopped("loop_wat");
                RawRspClient client = guest.connect()) {
            assertThat(client.ask("vCont;s:1")).startsWith("T05");
            assertThat(client.ask("vCont;s:1")).startsWith("T05");
            assertThat(log.logged("(step)")).isFalse();
            assertThat(log.logged("debugger connected")).as("the capture sees the server's log").isTrue();
        } finally {
            trace.setLevel(before);
        }
    }
}
