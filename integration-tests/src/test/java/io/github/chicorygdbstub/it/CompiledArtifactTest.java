package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.testing.RawRspClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build-time-compiled application debugged from its artifact alone: examples/compiled-app, built
 * in this reactor by Chicory's compiler 1.7.5 through chicory-gdbstub's Maven goal, copied with its
 * class path to a directory that holds no {@code .wasm}, and started as a user starts it, with and
 * without {@code -Dchicory.gdbstub.listen}.
 */
@Timeout(600)
class CompiledArtifactTest {
    private static final String APP = "com.example.compiled.CompiledPluginApp";
    private static final String MODULE = "com.example.compiled.PluginModule";
    private static final Pattern ROM = Pattern.compile(
            "<memory type=\"rom\" start=\"0x4000000000000000\" length=\"0x([0-9a-f]+)\"");

    @TempDir
    Path elsewhere;

    private Path appJar;

    /** The application's jar and target/lib, where no .wasm is: the debugger must serve the embedded one. */
    @BeforeEach
    void copyTheApplication() throws IOException {
        Path built = Tools.projectRoot().resolve("examples/compiled-app/target");
        try (Stream<Path> jars = Files.list(built)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("compiled-app-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("examples/compiled-app is not built"));
            appJar = Files.copy(jar, elsewhere.resolve("app.jar"));
        }
        Path lib = Files.createDirectories(elsewhere.resolve("lib"));
        try (Stream<Path> jars = Files.list(built.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        try (Stream<Path> files = Files.walk(elsewhere)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".wasm"));
        }
    }

    private Process startApp(String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", "app.jar:lib/*", APP, "3"));
        return new ProcessBuilder(command).directory(elsewhere.toFile()).start();
    }

    private Stub startDebuggedApp() throws IOException {
        return Stub.of(startApp("-Dchicory.gdbstub.listen=127.0.0.1:0"), Duration.ofSeconds(60));
    }

    @EachLldb
    void lldbLoadsTheModuleFromTheServerAndStopsByNameAndByLine(Lldb lldb) throws Exception {
        int logLine = Fixtures.line("plugin.c", "plugin-log");
        try (Stub app = startDebuggedApp()) {
            List<String> commands = new ArrayList<>(List.of("image list", "b process", "b plugin.c:" + logLine, "c", "bt"));
            // LLDB 19 reads no Wasm locals: the server's monitor shows the C variables instead.
            commands.add(lldb == Lldb.V22 ? "frame variable x" : "process plugin packet monitor vars 0");
            commands.addAll(List.of("c", "bt", "breakpoint delete -f", "process detach"));
            ClientRun run = lldb.run(app, commands.toArray(String[]::new));

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("plugin.wasm");
            assertThat(out).containsPattern("Breakpoint 1: where = plugin\\.wasm`process \\+ \\d+ at plugin\\.c:\\d+");
            assertThat(out).containsPattern("Breakpoint 2: where = plugin\\.wasm`process \\+ \\d+ at plugin\\.c:"
                    + logLine);
            assertThat(out).contains("stop reason = breakpoint 1.1").contains("stop reason = breakpoint 2.1");
            assertThat(out).containsPattern("frame #0: 0x[0-9a-f]+ plugin\\.wasm`process\\(x=(1|<unavailable>)\\) at plugin\\.c:"
                    + logLine);
            assertThat(out).contains("(int) x = 1");
            assertThat(app.awaitExit()).as(app.stderr()).isZero();
            assertThat(app.stdout()).contains("process(1) = 2", "process(2) = 7", "process(3) = 17");
        }
    }

    @Test
    void theModuleReadOverMIsTheOriginalWasmByteForByte() throws Exception {
        byte[] original = Files.readAllBytes(Tools.projectRoot().resolve("examples/plugin-host/plugin.wasm"));
        try (Stub app = startDebuggedApp(); RawRspClient rsp = new RawRspClient(app.port())) {
            rsp.write("+");
            rsp.send("QStartNoAckMode");
            assertThat(rsp.readPacket()).isEqualTo("OK");
            rsp.write("+");
            Matcher rom = ROM.matcher(rsp.ask("qXfer:memory-map:read::0,fff"));
            assertThat(rom.find()).isTrue();
            int length = Integer.parseInt(rom.group(1), 16);
            var served = new ByteArrayOutputStream();
            for (int offset = 0; offset < length; offset += 0x400) {
                String reply = rsp.ask("m" + Long.toHexString(0x4000000000000000L + offset) + ","
                        + Integer.toHexString(Math.min(0x400, length - offset)));
                served.writeBytes(HexFormat.of().parseHex(reply));
            }
            assertThat(ModuleImage.sha256Hex(served.toByteArray())).isEqualTo(ModuleImage.sha256Hex(original));
            assertThat(rsp.ask("D")).isEqualTo("OK");
            assertThat(app.awaitExit()).as(app.stderr()).isZero();
        }
    }

    /** Without the property, the application is plain Chicory with its compiled machine. */
    @Test
    void withTheSwitchOffTheCompiledMachineRunsAndNoDebuggerCodeIsLoaded() throws Exception {
        Process app = startApp("-Xlog:class+load=info:file=classes.log");
        Processes.Transcript stdout = Processes.capture(app.getInputStream(), "app-stdout");
        Processes.Transcript stderr = Processes.capture(app.getErrorStream(), "app-stderr");
        assertThat(Processes.awaitExit(app, Duration.ofSeconds(60))).as(stderr.toString()).isZero();

        assertThat(stdout.toString()).contains("process(3) = 17");
        String loaded = Files.readString(elsewhere.resolve("classes.log"));
        assertThat(loaded).contains(MODULE + "Machine ");
        assertThat(loaded).doesNotContain("io.github.chicorygdbstub");
    }

    /** The .wasm rebuilt after compilation, and its original put in the jar without recompiling. */
    @Test
    void aStaleArtifactIsRefusedWithWhatDiffers() throws Exception {
        Path rebuilt = elsewhere.resolve("rebuilt.jar");
        Process compile = new ProcessBuilder(Tools.projectRoot().resolve("bin/chicory-gdbstub").toString(), "compile",
                Fixtures.wasm("plugin_rebuilt").toString(), "--name", MODULE, "-o", rebuilt.toString())
                .redirectErrorStream(true).start();
        Processes.Transcript compiled = Processes.capture(compile.getInputStream(), "compile");
        assertThat(Processes.awaitExit(compile, Duration.ofMinutes(5))).as(compiled.toString()).isZero();
        try (var newer = FileSystems.newFileSystem(rebuilt);
                var app = FileSystems.newFileSystem(URI.create("jar:" + appJar.toUri()), Map.of())) {
            for (String entry : new String[] {"PluginModule.original.wasm", "PluginModule.original.properties"}) {
                Path inApp = app.getPath("com/example/compiled/" + entry);
                Files.copy(newer.getPath("com/example/compiled/" + entry), inApp, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        Process app = startApp("-Dchicory.gdbstub.listen=127.0.0.1:0");
        Processes.Transcript stderr = Processes.capture(app.getErrorStream(), "app-stderr");
        assertThat(Processes.awaitExit(app, Duration.ofSeconds(60))).isNotZero();
        assertThat(stderr.toString()).contains("StaleArtifactException: " + MODULE
                + ": the embedded original plugin_rebuilt.wasm does not match the compiled module")
                .contains("PluginModule.meta's SHA-256 is").contains("code section");
    }

    /** {@code chicory-gdbstub compile}, then {@code --class-path JAR --compiled NAME} under LLDB 22. */
    @Test
    void theCliCompilesAJarAndDebugsItsCommand() throws Exception {
        Path jar = elsewhere.resolve("fib.jar");
        Process compile = new ProcessBuilder(Tools.projectRoot().resolve("bin/chicory-gdbstub").toString(), "compile",
                Fixtures.wasm("fib").toString(), "--name", "com.example.Fib", "-o", jar.toString())
                .redirectErrorStream(true).start();
        Processes.Transcript compiled = Processes.capture(compile.getInputStream(), "compile");
        assertThat(Processes.awaitExit(compile, Duration.ofMinutes(5))).as(compiled.toString()).isZero();

        try (Stub stub = Stub.start("--class-path", jar, "--compiled", "com.example.Fib")) {
            ClientRun run = Lldb.V22.run(stub, "image list", "b fib", "c", "bt", "frame variable n",
                    "breakpoint delete -f", "c");
            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("fib.wasm").contains("stop reason = breakpoint 1.1").contains("(int) n = 10");
            assertThat(out).containsPattern("frame #1: 0x[0-9a-f]+ fib\\.wasm`main");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55");
        }
    }
}
