package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.chicorygdbstub.fixtures.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * VS Code's path: LLDB 22's {@code lldb-dap} driven over the Debug Adapter Protocol the way the
 * "LLDB DAP" extension drives it, first attached to a running server with {@code attachCommands},
 * then launching the server itself through LLDB's Wasm platform. The requests' arguments are the
 * ones docs/clients.md gives for {@code launch.json}.
 */
@Timeout(300)
class LldbDap22Test {
    private static final Path SOURCES = Tools.projectRoot().resolve("test-fixtures/src/main/c");

    @Test
    void attachStopsAtALineBreakpointShowsTheStackAndLocalsStepsEvaluatesAndSeesTheExit() throws Exception {
        Path fib = SOURCES.resolve("fib.c");
        int local = Fixtures.line("fib.c", "fib-local");
        try (Stub stub = Stub.start(Stub.fixture("fib")); DapClient dap = DapClient.start()) {
            JsonNode set = start(dap, "attach", attachTo(stub), fib, local);
            assertThat(set.path("breakpoints").get(0).path("verified").asBoolean()).as(set.toString()).isTrue();
            assertThat(set.path("breakpoints").get(0).path("line").asInt()).isEqualTo(local);

            // lldb-dap resumes an attached process once configured: the next stop is the breakpoint.
            JsonNode stopped = dap.event("stopped");
            assertThat(stopped.path("reason").asText()).as(stopped.toString()).isEqualTo("breakpoint");
            int thread = stopped.path("threadId").asInt();
            JsonNode threads = dap.request("threads", null).path("threads");
            assertThat(threads).hasSize(1);
            assertThat(threads.get(0).path("id").asInt()).isEqualTo(thread);

            JsonNode frames = dap.request("stackTrace", Map.of("threadId", thread)).path("stackFrames");
            assertThat(frames.size()).as(frames.toString()).isGreaterThan(1);
            assertFrame(frames.get(0), "fib", fib, local);
            assertFrame(frames.get(1), "main", fib, Fixtures.line("fib.c", "fib-main-call"));
            int frame = frames.get(0).path("id").asInt();

            Map<String, String> locals = values(dap, scope(dap, frame, "Locals"));
            assertThat(locals).containsEntry("n", "10").containsKey("local_n");
            assertThat(values(dap, scope(dap, frame, "Globals"))).containsKeys("g_calls", "g_table");

            dap.request("next", Map.of("threadId", thread));
            assertStopAt(dap, thread, "step", fib, local + 1);
            dap.request("stepIn", Map.of("threadId", thread));
            assertThat(dap.event("stopped").path("reason").asText()).isEqualTo("step");
            dap.request("stepOut", Map.of("threadId", thread));
            // fib(10)'s next statement calls fib(9): stepping out of it stops at the breakpoint inside.
            JsonNode afterStepOut = dap.event("stopped");
            assertThat(afterStepOut.path("reason").asText()).as(afterStepOut.toString()).isEqualTo("breakpoint");
            JsonNode inner = dap.request("stackTrace", Map.of("threadId", thread)).path("stackFrames");
            assertFrame(inner.get(0), "fib", fib, local);
            // Frame 1 (fib(10)) is not checked: LLDB 22's Wasm unwinder gives every frame a frame
            // address of 0, and lldb-dap then shows frame 0 again in its place (docs/clients.md).
            assertThat(inner).as(inner.toString())
                    .anySatisfy(each -> assertThat(each.path("name").asText()).isEqualTo("main"));

            JsonNode evaluated = dap.request("evaluate", Map.of("expression", "n * 2 + 1", "context", "repl",
                    "frameId", inner.get(0).path("id").asInt()));
            assertThat(evaluated.path("result").asText()).isEqualTo("(int) $0 = 19");

            dap.request("setBreakpoints", breakpoints(fib));
            dap.request("continue", Map.of("threadId", thread));
            assertThat(dap.event("exited").path("exitCode").asInt()).isZero();
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("fib(10)=55 calls=177\ntable=0 1 1 2 3 5 8 13 calls=277\n");
            dap.request("disconnect", Map.of());
            assertThat(dap.awaitExit()).isZero();
        }
    }

    @Test
    void aStructLocalExpandsThroughItsVariablesReference() throws Exception {
        Path types = SOURCES.resolve("types.c");
        int stop = Fixtures.line("types.c", "types-stop");
        try (Stub stub = Stub.start(Stub.fixture("types")); DapClient dap = DapClient.start()) {
            start(dap, "attach", attachTo(stub), types, stop);
            JsonNode stopped = dap.event("stopped");
            assertThat(stopped.path("reason").asText()).as(dap.transcript()).isEqualTo("breakpoint");
            int thread = stopped.path("threadId").asInt();
            JsonNode frames = dap.request("stackTrace", Map.of("threadId", thread)).path("stackFrames");
            assertFrame(frames.get(0), "main", types, stop);

            JsonNode locals = variables(dap, scope(dap, frames.get(0).path("id").asInt(), "Locals"));
            JsonNode point = named(locals, "point");
            // lldb-dap gives C struct types by their tag alone.
            assertThat(point.path("type").asText()).isEqualTo("point");
            assertThat(point.path("variablesReference").asInt()).as(point.toString()).isPositive();
            Map<String, String> members = values(dap, point.path("variablesReference").asInt());
            assertThat(members).containsEntry("x", "3").containsEntry("y", "-4").containsEntry("tag", "'p'");

            JsonNode line = named(locals, "line");
            JsonNode from = named(variables(dap, line.path("variablesReference").asInt()), "from");
            assertThat(values(dap, from.path("variablesReference").asInt())).containsEntry("x", "1")
                    .containsEntry("y", "2").containsEntry("tag", "'a'");
            assertThat(values(dap, named(locals, "values").path("variablesReference").asInt()))
                    .containsEntry("[0]", "1").containsEntry("[4]", "5");

            dap.request("disconnect", Map.of("terminateDebuggee", true));
            assertThat(dap.awaitExit()).isZero();
            assertThat(stub.awaitExit()).as("the guest was killed").isEqualTo(137);
        }
    }

    @Test
    void launchThroughTheWasmPlatformStopsAtTheBreakpointAndExitsWithTheGuestsCode(@TempDir Path directory)
            throws Exception {
        Path exit42 = SOURCES.resolve("exit42.c");
        int exit = Fixtures.line("exit42.c", "exit42-exit");
        Path module = WasmPlatform.uniqueCopy("exit42", directory);
        try (DapClient dap = DapClient.start()) {
            start(dap, "launch", Map.of("program", module.toString(),
                    "initCommands", WasmPlatform.settings("-g=127.0.0.1:")), exit42, exit);

            JsonNode stopped = dap.event("stopped");
            assertThat(stopped.path("reason").asText()).as(dap.transcript()).isEqualTo("breakpoint");
            int thread = stopped.path("threadId").asInt();
            JsonNode frames = dap.request("stackTrace", Map.of("threadId", thread)).path("stackFrames");
            assertFrame(frames.get(0), "leave", exit42, exit);
            assertThat(frames.get(1).path("name").asText()).isEqualTo("nested");
            assertThat(values(dap, scope(dap, frames.get(0).path("id").asInt(), "Locals")))
                    .containsEntry("code", "42");
            // While LLDB holds the guest, its server is running: the check after the exit is not vacuous.
            List<ProcessHandle> servers = WasmPlatform.running(module);
            assertThat(servers).hasSize(1);

            dap.request("continue", Map.of("threadId", thread));
            assertThat(dap.event("exited").path("exitCode").asInt()).isEqualTo(42);
            assertThat(dap.output("stdout")).isEqualTo("exiting with 42\r\n");
            assertThat(dap.output("stdout") + dap.output("console")).doesNotContain("chicory-gdbstub:")
                    .doesNotContain("listening on");
            dap.request("disconnect", Map.of());
            assertThat(dap.awaitExit()).isZero();
            WasmPlatform.awaitNoServerLeft(servers.stream().map(ProcessHandle::pid).toList(), module,
                    Duration.ofSeconds(30));
        }
    }

    /**
     * Starts a session the way VS Code does: {@code initialize}, the {@code attach} or
     * {@code launch} request, one line breakpoint once lldb-dap is initialized, then
     * {@code configurationDone}, after which the request must have succeeded. Returns
     * {@code setBreakpoints}' answer.
     */
    private static JsonNode start(DapClient dap, String request, Map<String, Object> arguments, Path source, int line) {
        JsonNode capabilities = dap.request("initialize", Map.of("clientID", "vscode", "adapterID", "lldb-dap",
                "linesStartAt1", true, "columnsStartAt1", true, "pathFormat", "path"));
        assertThat(capabilities.path("supportsConfigurationDoneRequest").asBoolean()).isTrue();
        int started = dap.send(request, arguments);
        dap.event("initialized");
        JsonNode set = dap.request("setBreakpoints", breakpoints(source, line));
        dap.request("configurationDone", null);
        assertThat(dap.response(started).path("success").asBoolean()).as(dap.transcript()).isTrue();
        return set;
    }

    /** attach's arguments: LLDB 22's connect command, as {@code attachCommands}. */
    private static Map<String, Object> attachTo(Stub stub) {
        return Map.of("attachCommands", List.of(Lldb.V22.connectCommand(stub.address())));
    }

    private static Map<String, Object> breakpoints(Path source, int... lines) {
        var list = new ArrayList<Map<String, Object>>();
        for (int line : lines) {
            list.add(Map.of("line", line));
        }
        return Map.of("source", Map.of("path", source.toString()), "breakpoints", list);
    }

    private static void assertFrame(JsonNode frame, String function, Path source, int line) {
        assertThat(frame.path("name").asText()).as(frame.toString()).isEqualTo(function);
        assertThat(frame.path("source").path("path").asText()).as(frame.toString()).isEqualTo(source.toString());
        assertThat(frame.path("line").asInt()).as(frame.toString()).isEqualTo(line);
    }

    private static void assertStopAt(DapClient dap, int thread, String reason, Path source, int line) {
        assertThat(dap.event("stopped").path("reason").asText()).isEqualTo(reason);
        JsonNode frames = dap.request("stackTrace", Map.of("threadId", thread)).path("stackFrames");
        assertThat(frames.get(0).path("source").path("path").asText()).isEqualTo(source.toString());
        assertThat(frames.get(0).path("line").asInt()).as(frames.get(0).toString()).isEqualTo(line);
    }

    private static int scope(DapClient dap, int frame, String name) {
        for (JsonNode scope : dap.request("scopes", Map.of("frameId", frame)).path("scopes")) {
            if (scope.path("name").asText().equals(name)) {
                return scope.path("variablesReference").asInt();
            }
        }
        throw new AssertionError("no scope " + name + " in frame " + frame);
    }

    private static JsonNode variables(DapClient dap, int reference) {
        return dap.request("variables", Map.of("variablesReference", reference)).path("variables");
    }

    private static Map<String, String> values(DapClient dap, int reference) {
        var values = new HashMap<String, String>();
        variables(dap, reference).forEach(variable -> values.put(variable.path("name").asText(),
                variable.path("value").asText()));
        return values;
    }

    private static JsonNode named(JsonNode variables, String name) {
        for (JsonNode variable : variables) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name + " in " + variables);
    }
}
