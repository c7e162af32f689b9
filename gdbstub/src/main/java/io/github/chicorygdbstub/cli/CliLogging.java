package io.github.chicorygdbstub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.github.chicorygdbstub.codec.WireTrace;
import org.slf4j.LoggerFactory;

/**
 * The command's logging: Logback, configured in code, messages on stderr (the guest owns stdout).
 * Code rather than an XML file because Logback's XML configurator took about a third of a second
 * of the start-up that LLDB's Wasm platform waits for. A {@code -Dlogback.configurationFile} of the
 * user's own is left to Logback.
 */
final class CliLogging {
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    private CliLogging() {}

    /**
     * @param quiet warnings and errors only
     * @param verbose the packet trace at DEBUG
     */
    static void configure(boolean quiet, boolean verbose) {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var stderr = new ConsoleAppender<ILoggingEvent>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(quiet ? Level.WARN : Level.INFO);
        context.getLogger(WireTrace.LOGGER).setLevel(verbose ? Level.DEBUG : Level.INFO);
        context.getLogger("io.netty").setLevel(Level.WARN);
    }
}
