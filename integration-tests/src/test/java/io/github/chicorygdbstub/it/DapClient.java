package io.github.chicorygdbstub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Debug Adapter Protocol client, what VS Code is to {@code lldb-dap}: it starts
 * {@code scripts/lldb-dap-22}, writes Content-Length framed JSON requests to its stdin and
 * collects every message it writes to its stdout, in order, for the test to wait on.
 */
final class DapClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream requests;
    private final Processes.Transcript stderr;
    /** Every message so far; guarded by itself, waited on for new ones. */
    private final List<JsonNode> messages = new ArrayList<>();
    private boolean ended;
    private int seq;
    /** Messages before this index have been matched by an earlier wait (events are consumed in order). */
    private int eventCursor;

    private DapClient(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.stderr = Processes.capture(process.getErrorStream(), "lldb-dap-stderr");
        Thread reader = new Thread(this::readMessages, "lldb-dap-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static DapClient start() throws IOException {
        Path binary = Tools.lldbDap22();
        return new DapClient(new ProcessBuilder(binary.toString()).directory(ClientDirectory.create("lldb-dap").toFile())
                .start());
    }

    /** Sends a request and returns its sequence number, without waiting for the response. */
    synchronized int send(String command, Object arguments) {
        int number = ++seq;
        ObjectNode request = JSON.createObjectNode().put("seq", number).put("type", "request").put("command", command);
        if (arguments != null) {
            request.set("arguments", JSON.valueToTree(arguments));
        }
        try {
            byte[] body = JSON.writeValueAsBytes(request);
            requests.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            requests.write(body);
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("lldb-dap is gone:\n" + transcript(), e);
        }
        return number;
    }

    /** Sends a request and waits for its response, which must report success; returns its body. */
    JsonNode request(String command, Object arguments) {
        JsonNode response = response(send(command, arguments));
        if (!response.path("success").asBoolean()) {
            throw new AssertionError(command + " failed: " + response + "\n" + transcript());
        }
        return response.path("body");
    }

    /** The response to request {@code number}, once it has come. */
    JsonNode response(int number) {
        return await(message -> message.path("type").asText().equals("response")
                && message.path("request_seq").asInt() == number, 0, "the response to request " + number);
    }

    /**
     * The next event of this name after the last event this method returned, so that a test
     * waiting for the stop after a step never takes the stop before it.
     */
    JsonNode event(String name) {
        JsonNode event;
        synchronized (messages) {
            event = await(message -> message.path("type").asText().equals("event")
                    && message.path("event").asText().equals(name), eventCursor, "the event " + name);
            eventCursor = messages.indexOf(event) + 1;
        }
        return event.path("body");
    }

    /** The text of every {@code output} event of this category so far. */
    String output(String category) {
        var text = new StringBuilder();
        synchronized (messages) {
            for (JsonNode message : messages) {
                if (message.path("event").asText().equals("output")
                        && message.path("body").path("category").asText().equals(category)) {
                    text.append(message.path("body").path("output").asText());
                }
            }
        }
        return text.toString();
    }

    /** Waits for lldb-dap to exit (after {@code disconnect}) and returns its exit code. */
    int awaitExit() {
        return Processes.awaitExit(process, TIMEOUT);
    }

    private JsonNode await(Predicate<JsonNode> wanted, int from, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (messages) {
            try {
                while (true) {
                    for (int i = from; i < messages.size(); i++) {
                        if (wanted.test(messages.get(i))) {
                            return messages.get(i);
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (ended || left <= 0) {
                        throw new AssertionError((ended ? "lldb-dap ended" : "timed out after " + TIMEOUT)
                                + " waiting for " + what + "; got:\n" + transcript());
                    }
                    TimeUnit.NANOSECONDS.timedWait(messages, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Everything lldb-dap sent and wrote to stderr, for failure messages. */
    String transcript() {
        synchronized (messages) {
            var text = new StringBuilder();
            messages.forEach(message -> text.append(message).append('\n'));
            return text.append("stderr:\n").append(stderr).toString();
        }
    }

    private void readMessages() {
        try (InputStream in = new BufferedInputStream(process.getInputStream())) {
            while (true) {
                int length = -1;
                String header;
                while (!(header = headerLine(in)).isEmpty()) {
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                if (length < 0) {
                    throw new IOException("a message without Content-Length");
                }
                JsonNode message = JSON.readTree(in.readNBytes(length));
                synchronized (messages) {
                    messages.add(message);
                    messages.notifyAll();
                }
            }
        } catch (IOException e) {
            // The adapter ended (or wrote something that is not DAP): waits fail with the transcript.
        } finally {
            synchronized (messages) {
                ended = true;
                messages.notifyAll();
            }
        }
    }

    /** One header line without its CRLF; end of stream is an error. */
    private static String headerLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("end of stream");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        Processes.destroy(process);
    }
}
