package io.github.chicorygdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code bin/chicory-gdbstub} command line in the README's and the docs' code blocks is one
 * the command accepts, and the example files they name exist. (The README's first command is
 * also run for real, on a fresh copy, by integration-tests' ReadmeQuickStartTest.)
 */
class DocumentedCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FENCED = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

    @Test
    void everyDocumentedCommandLineParses() throws Exception {
        List<String> commands = documentedCommands();
        assertThat(commands).as("the README and usage.md show command lines").hasSizeGreaterThanOrEqualTo(5);
        for (String command : commands) {
            List<String> words = words(command);
            String[] args = asRunFromTheRoot(words.subList(1, words.size()));
            if (args.length > 0 && args[0].equals("compile")) {
                CompileCommand.Request.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
                continue;
            }
            CliOptions options = CliOptions.parse(args);
            if (command.contains(" examples/")) {
                assertThat(options.module()).as(command).isRegularFile();
            }
        }
    }

    private static List<String> documentedCommands() throws Exception {
        var documents = new ArrayList<Path>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        var commands = new ArrayList<String>();
        for (Path document : documents) {
            Matcher block = FENCED.matcher(Files.readString(document));
            while (block.find()) {
                block.group(1).lines()
                        .map(line -> line.replaceFirst("\\s+#.*$", "").strip())
                        .filter(line -> line.startsWith("bin/chicory-gdbstub ") && !line.contains("[OPTIONS]"))
                        .forEach(commands::add);
            }
        }
        return commands;
    }

    /**
     * The words with paths that exist under the repository resolved there, as the documented
     * commands run from the root; a placeholder source directory ({@code src}) becomes the root.
     */
    private static String[] asRunFromTheRoot(List<String> words) {
        var args = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean sourceDir = i > 0 && words.get(i - 1).equals("--source-dir");
            if (!word.startsWith("-") && Files.exists(ROOT.resolve(word))) {
                word = ROOT.resolve(word).toString();
            } else if (sourceDir) {
                word = ROOT.toString();
            }
            args.add(word);
        }
        return args.toArray(String[]::new);
    }

    /** Shell words, with single and double quotes (enough for documentation). */
    private static List<String> words(String command) {
        var words = new ArrayList<String>();
        Matcher word = WORD.matcher(command);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }
}
