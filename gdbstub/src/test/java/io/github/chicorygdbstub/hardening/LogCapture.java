package io.github.chicorygdbstub.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records what the server logs while a test runs, to prove that nothing failed unnoticed (no
 * ERROR, no exception reaching Netty's pipeline tail) and to wait for a log line as a signal.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Logger trace = (Logger) LoggerFactory.getLogger("io.github.chicorygdbstub.trace");
    private final Level traceLevel = trace.getLevel();

    private LogCapture() {}

    /** Starts capturing; with {@code packetTrace} the packet trace is switched on too. */
    static LogCapture start(boolean packetTrace) {
        var capture = new LogCapture();
        capture.setContext(capture.root.getLoggerContext());
        capture.start();
        capture.root.addAppender(capture);
        if (packetTrace) {
            capture.trace.setLevel(Level.DEBUG);
        }
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** Events at ERROR, and any event carrying an exception: each is a failure nobody handled. */
    List<String> failures() {
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                .toList();
    }

    /** The events logged at exactly {@code level}. */
    List<ILoggingEvent> eventsAt(Level level) {
        return events.stream().filter(e -> e.getLevel() == level).toList();
    }

    boolean logged(String text) {
        return events.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
    }

    @Override
    public void close() {
        root.detachAppender(this);
        trace.setLevel(traceLevel);
        stop();
    }
}
