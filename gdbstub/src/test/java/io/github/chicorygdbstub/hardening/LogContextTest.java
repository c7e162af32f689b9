package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.chicorygdbstub.session.LogContext;
import io.github.chicorygdbstub.testing.RawRspClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** Every line a server logs at INFO names its guest and port, on the event loop and on the guest thread. */
@Timeout(60)
class LogContextTest {
    @Test
    void twoServersLogLinesThatSayWhichGuestAndPortEachIsAbout() throws Exception {
        try (LogCapture log = LogCapture.start(false);
                ServedGuest loop = ServedGuest.stopped("loop_wat");
                ServedGuest steps = ServedGuest.stopped("steps_wat")) {
            for (ServedGuest guest : List.of(loop, steps)) {
                try (RawRspClient client = guest.connect()) {
                    client.ask("?");
                    client.send("c"); // the guest runs to its end: a stop line from the guest thread
                    assertThat(client.readPacket()).isEqualTo("W00");
                }
                guest.awaitNoSession();
            }

            List<ILoggingEvent> info = log.eventsAt(Level.INFO);
            assertThat(info).isNotEmpty().allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                    .containsKeys(LogContext.GUEST, LogContext.PORT));
            assertThat(info).anySatisfy(event -> assertThat(event.getMDCPropertyMap()).containsAllEntriesOf(Map.of(
                    LogContext.GUEST, "loop_wat.wasm", LogContext.PORT, Integer.toString(loop.server().port()))));
            assertThat(info).anySatisfy(event -> assertThat(event.getMDCPropertyMap()).containsAllEntriesOf(Map.of(
                    LogContext.GUEST, "steps_wat.wasm", LogContext.PORT, Integer.toString(steps.server().port()))));
            assertThat(info).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("exited"));
        }
    }

    @Test
    void aScopeRestoresWhatTheThreadHad() {
        MDC.put(LogContext.GUEST, "the application's own value");
        try (var scope = LogContext.of(() -> "plugin.wasm", 1234).enter()) {
            assertThat(MDC.get(LogContext.GUEST)).isEqualTo("plugin.wasm");
            assertThat(MDC.get(LogContext.PORT)).isEqualTo("1234");
        }
        assertThat(MDC.get(LogContext.GUEST)).isEqualTo("the application's own value");
        assertThat(MDC.get(LogContext.PORT)).isNull();
        MDC.remove(LogContext.GUEST);
    }
}
