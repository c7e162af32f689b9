package io.github.chicorygdbstub.bench;

import io.github.chicorygdbstub.buildtime.CompiledJar;
import io.github.chicorygdbstub.buildtime.DebuggableCompiler;
import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What keeping the bytecode in a compiled artifact costs: the jar's size with the original
 * embedded against Chicory's output alone, for the same module compiled in this run; and the
 * start-up of {@code examples/compiled-app} as a user runs it ({@code java -cp app.jar:lib/*},
 * JVM start to exit, one call), with {@code -Dchicory.gdbstub.listen} set (and
 * {@code suspend=n}, so nothing waits for a debugger) against unset, in alternating JVMs.
 */
final class CompiledArtifacts {
    private static final String APP = "com.example.compiled.CompiledPluginApp";
    private final Path root;
    private final int rounds;

    CompiledArtifacts(Path root, int rounds) {
        this.root = root;
        this.rounds = rounds;
    }

    List<Figure> run() throws Exception {
        var figures = new ArrayList<Figure>();
        Path scratch = Files.createTempDirectory("compiled-artifacts");
        for (String fixture : List.of("plugin", "fib", "compute")) {
            long without = jarSize(scratch, fixture, false);
            long with = jarSize(scratch, fixture, true);
            long original = Files.size(Fixtures.wasm(fixture));
            figures.add(new Figure("compiled jar of " + fixture + ".wasm (" + String.format("%,d", original)
                    + " bytes, DWARF included), Chicory's output alone", without / 1024.0, "KiB", 1.0, "", true));
            figures.add(new Figure("the same with the original embedded (+" + String.format("%,d", with - without)
                    + " bytes), ratio to Chicory's alone", with / 1024.0, "KiB", (double) with / without, "", true));
        }
        figures.addAll(startUp());
        return figures;
    }

    private static long jarSize(Path scratch, String fixture, boolean embed) throws IOException {
        Path jar = scratch.resolve(fixture + (embed ? "-debuggable" : "-plain") + ".jar");
        CompiledJar.write(DebuggableCompiler.builder(Fixtures.wasm(fixture), "bench.Module")
                .withEmbeddedOriginal(embed), jar);
        return Files.size(jar);
    }

    private List<Figure> startUp() throws Exception {
        Path built = root.resolve("examples/compiled-app/target");
        Path jar;
        try (Stream<Path> files = Files.list(built)) {
            jar = files.filter(p -> p.getFileName().toString().matches("compiled-app-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("examples/compiled-app is not built (mvn install)"));
        }
        String classPath = jar + ":" + built.resolve("lib") + "/*";
        var off = new Samples();
        var on = new Samples();
        for (int round = -1; round < rounds; round++) {
            double plain = runApp(classPath);
            double debuggable = runApp(classPath, "-Dchicory.gdbstub.listen=127.0.0.1:0",
                    "-Dchicory.gdbstub.suspend=n");
            if (round >= 0) {
                off.add(plain);
                on.add(debuggable);
            }
        }
        return List.of(
                new Figure("compiled-app start-up to exit (JVM start, instance, one call), debugging off, median of "
                        + rounds + " JVMs", off.median(), "ms", 1.0, "", true),
                new Figure("the same with -Dchicory.gdbstub.listen (server started, original parsed and"
                        + " verified, interpreter), ratio to off (JVMs: " + String.format("%.0f-%.0f ms", on.min(), on.max())
                        + ")", on.median(), "ms", on.median() / off.median(), "", true));
    }

    /** Wall time of one run of the application, in milliseconds. */
    private static double runApp(String classPath, String... options) throws Exception {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath, APP, "1"));
        long start = System.nanoTime();
        Process app = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!app.waitFor(60, TimeUnit.SECONDS) || app.exitValue() != 0) {
            app.destroyForcibly();
            throw new IllegalStateException("compiled-app failed: " + command);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
