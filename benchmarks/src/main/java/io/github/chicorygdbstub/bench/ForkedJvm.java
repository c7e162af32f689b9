package io.github.chicorygdbstub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class running in a JVM of its own, with this JVM's options and class path, that answers
 * one line on its standard output, starting with {@link #REPLY}, for each line it reads on its
 * standard input; other lines of its output (the JVM's own logging, for one) are skipped. A benchmark
 * forks when the JIT's profile from one configuration would otherwise shape the compiled code
 * another configuration runs; keeping the forks alive lets it take turns between them, so that a
 * machine that gets busier for a while slows every configuration alike.
 */
final class ForkedJvm implements AutoCloseable {
    /** How a fork marks the lines that answer requests. */
    static final String REPLY = "reply ";

    /** Options that must not be copied: four forks would fight over one debug port or recording file. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrunjdwp",
            "-XX:StartFlightRecording", "-XX:FlightRecorderOptions");

    private final String name;
    private final Process process;
    private final PrintStream requests;
    private final BufferedReader replies;

    ForkedJvm(Class<?> mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> NOT_INHERITED.stream().noneMatch(option::startsWith))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        this.name = mainClass.getSimpleName() + " " + args;
        this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.requests = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one request line and waits for the reply line. */
    String ask(String request) throws IOException {
        requests.println(request);
        String line;
        do {
            line = replies.readLine();
            Checks.check(line != null, name + " ended without answering " + request);
        } while (!line.startsWith(REPLY));
        return line.substring(REPLY.length());
    }

    /** Closes its input, which ends the fork, and waits for it; kills it if it does not end. */
    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
