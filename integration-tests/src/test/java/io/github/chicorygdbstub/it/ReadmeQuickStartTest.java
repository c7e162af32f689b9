package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a newcomer follows it: the first command, exactly as the README
 * writes it, in a fresh copy of the repository where nothing is built, then the LLDB commands the
 * README gives. The only difference from a person's terminal is {@code CHICORY_GDBSTUB_LISTEN},
 * which moves the server off the README's port 1234 to a free one.
 */
@Timeout(900)
class ReadmeQuickStartTest {
    private static final Pattern FENCED = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL);
    private static final Duration BUILD_AND_START = Duration.ofMinutes(10);

    @Test
    void theFirstCommandBuildsAndServesAndTheReadmesLldbCommandsStopInFib(@TempDir Path clone) throws Exception {
        String readme = Files.readString(Tools.projectRoot().resolve("README.md"));
        List<String> blocks = codeBlocks(readme);
        String firstCommand = blocks.stream().filter(block -> block.startsWith("bin/chicory-gdbstub")).findFirst()
                .orElseThrow().strip();
        String clientBlock = blocks.stream().filter(block -> block.contains("(lldb) ")).findFirst().orElseThrow();
        String lldb22Line = readmeLine(clientBlock, "lldb -o 'process connect --plugin wasm connect://");
        String lldb19Line = readmeLine(clientBlock, "lldb-19 -o 'process connect connect://");
        List<String> lldbCommands = clientBlock.lines().filter(line -> line.startsWith("(lldb) "))
                .map(line -> line.substring("(lldb) ".length())).toList();
        assertThat(lldbCommands).as(clientBlock).contains("b fib", "c");

        copyTrackedFiles(Tools.projectRoot(), clone);
        assertThat(clone.resolve("gdbstub/target")).as("nothing is built in the fresh copy").doesNotExist();

        long firstStart = System.nanoTime();
        try (Stub stub = Stub.of(shell(clone, firstCommand), BUILD_AND_START)) {
            long firstBanner = System.nanoTime() - firstStart;
            assertThat(stub.stderr()).contains("chicory-gdbstub: building the server jar");
            // The banner gives exactly the README's lines, on the port the server took.
            assertThat(stub.stderr()).contains(lldb22Line.replace("127.0.0.1:1234", stub.address()),
                    lldb19Line.replace("127.0.0.1:1234", stub.address()));
            ClientRun lldb = Lldb.V22.run(stub, withKill(lldbCommands));
            String out = lldb.output();
            assertThat(out).as(out).contains("stop reason = breakpoint 1.1")
                    .containsPattern("frame #0: 0x[0-9a-f]+ fib\\.wasm`fib\\(n=\\d+\\) at fib\\.c:\\d+")
                    .containsPattern("frame #1: 0x[0-9a-f]+ fib\\.wasm`.*main.* at fib\\.c:\\d+");
            System.out.printf("README first command, fresh copy: banner after %.1f s (with the build)%n",
                    firstBanner / 1e9);
        }

        long secondStart = System.nanoTime();
        try (Stub stub = Stub.of(shell(clone, firstCommand), Duration.ofSeconds(60))) {
            long secondBanner = System.nanoTime() - secondStart;
            assertThat(stub.stderr()).doesNotContain("building");
            ClientRun lldb = Lldb.V19.run(stub, withKill(lldbCommands));
            assertThat(lldb.output()).as(lldb.output()).contains("stop reason = breakpoint 1.1")
                    .containsPattern("fib\\.wasm`fib\\(n=.*\\) at fib\\.c:\\d+");
            System.out.printf("README first command, second run: banner after %.2f s%n", secondBanner / 1e9);
        }
    }

    /** The README's line that starts so, without its trailing comment. */
    private static String readmeLine(String block, String start) {
        return block.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow()
                .replaceFirst("\\s+#.*$", "");
    }

    /** The README's commands, then a kill, so that the server ends with the session. */
    private static String[] withKill(List<String> commands) {
        var all = new ArrayList<>(commands);
        all.add("process kill");
        return all.toArray(String[]::new);
    }

    /** Runs a documented command line as a person's shell would, in {@code directory}, on a free port. */
    private static Process shell(Path directory, String command) throws IOException {
        var builder = new ProcessBuilder("bash", "-c", command).directory(directory.toFile());
        builder.environment().put("CHICORY_GDBSTUB_LISTEN", "127.0.0.1:0");
        return builder.start();
    }

    private static List<String> codeBlocks(String markdown) {
        var blocks = new ArrayList<String>();
        Matcher block = FENCED.matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** The files a clone of the working tree would have: tracked ones and new ones git does not ignore. */
    private static void copyTrackedFiles(Path root, Path target) throws Exception {
        Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").redirectErrorStream(true).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(Processes.awaitExit(git, Duration.ofSeconds(60))).as(listing).isZero();
        for (String name : listing.split("\0")) {
            Path source = root.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(source)) {
                continue; // deleted in the working tree but not yet in the index
            }
            Path copy = target.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
