package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code examples/plugin-host/run.sh} as the README shows it, without a debugger: the Java host
 * calls the C plugin's {@code process(x)} for x = 1 to 20 on its thread pool and prints the
 * results in the order of x, and the plugin's {@code env.log} messages, read by the host from the
 * plugin's memory, reach stderr.
 */
@Timeout(900)
class PluginHostExampleTest {
    private static final int CALLS = 20;
    /** Enough for run.sh to build the server jar, should the build before the tests not have. */
    private static final Duration BUILD_AND_RUN = Duration.ofMinutes(10);

    @Test
    void runShPrintsTheTwentyResultsInOrderAndExitsZero() throws Exception {
        Process host = new ProcessBuilder("examples/plugin-host/run.sh").directory(Tools.projectRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.DISCARD.file()).start();
        Processes.Transcript stdout = Processes.capture(host.getInputStream(), "plugin-host stdout");
        Processes.Transcript stderr = Processes.capture(host.getErrorStream(), "plugin-host stderr");

        int exit = Processes.awaitExit(host, BUILD_AND_RUN);
        String out = stdout.complete(Duration.ofSeconds(10));
        String err = stderr.complete(Duration.ofSeconds(10));

        assertThat(exit).as(err).isZero();
        assertThat(out.lines()).as(err).containsExactlyElementsOf(expectedLines("process(%d) = %d"));
        for (String message : expectedLines("sum(1..%d) = %d")) {
            assertThat(err).as(err).containsOnlyOnce(message + "\n");
        }
    }

    /** The lines {@code format} gives for x = 1 to 20 and {@code process(x)}. */
    private static List<String> expectedLines(String format) {
        var lines = new ArrayList<String>();
        for (int x = 1; x <= CALLS; x++) {
            lines.add(String.format(format, x, process(x)));
        }
        return lines;
    }

    /** plugin.c's {@code process}: the sum of {@code term(i) = i * i + 1} for i = 1 to x. */
    private static int process(int x) {
        int total = 0;
        for (int i = 1; i <= x; i++) {
            total += i * i + 1;
        }
        return total;
    }
}
