package io.github.chicorygdbstub.session;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.runtime.control.GuestThreadInfo;
import io.github.chicorygdbstub.runtime.control.NotStoppedException;
import io.github.chicorygdbstub.runtime.control.ResumeMode;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One debugger connection, free of any transport: decoded packets come in through
 * {@link #handle}, replies and stop replies go out through a {@link PacketSink}. Requests are
 * handled one at a time on the connection's thread; stop replies are produced on the guest
 * thread by the debuggee's stop listener.
 */
public final class Session implements SessionContext {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final Logger PACKETS = LoggerFactory.getLogger(io.github.chicorygdbstub.codec.WireTrace.LOGGER);
    /** Identity marker for deferred replies; never sent. */
    private static final RspReply LATER = RspReply.of("<reply later>");
    /**
     * Characters of console text per {@code O} packet. Long monitor output (a deep backtrace) goes
     * out in pieces that each client prints as they come, rather than as one packet of megabytes
     * that it must buffer whole; 4096 characters are at most 24 KiB of hex even for non-ASCII text.
     */
    static final int CONSOLE_CHUNK = 4096;

    private final Debuggee debuggee;
    private final AddressSpace addressSpace;
    private final PacketTable table;
    private final List<Path> sourceDirectories;
    private final ServerStats stats;
    private final PacketSink sink;
    private final int maxPacketSize;
    private final boolean profileFixed;
    private final Consumer<StopEvent> stopListener = this::onStop;
    /** True while the client waits for a stop reply (after a resume, or {@code ?} while running). */
    private final AtomicBoolean waitingForStop = new AtomicBoolean();
    private final Map<Long, Integer> breakpointTypes = new ConcurrentHashMap<>();

    private volatile ClientProfile profile;
    private volatile String lastStopReply;
    private final LogContext logContext;
    /** The thread Hg selected; 0 for the one that stopped. Reset by every stop. */
    private volatile long selectedThread;
    private volatile Set<String> clientFeatures = Set.of();
    private boolean firstPacketSeen;
    private boolean errorStrings;
    private boolean disableAcksAfterReply;
    private boolean closeAfterReply;
    private boolean ended;

    /**
     * A session for one connection; {@link #start()} attaches it.
     *
     * @param debuggee the guest
     * @param addressSpace the guest's synthetic address space
     * @param table the packet handlers
     * @param stats the server's counters
     * @param sink where replies go
     * @param maxPacketSize the largest packet accepted, advertised as {@code PacketSize}
     * @param fixedProfile the profile to use, or null to detect it from the first packets
     * @param sourceDirectories the only directories the monitor may read source files from
     */
    public Session(Debuggee debuggee, AddressSpace addressSpace, PacketTable table, ServerStats stats,
            PacketSink sink, int maxPacketSize, ClientProfile fixedProfile, List<Path> sourceDirectories) {
        this(debuggee, addressSpace, table, stats, sink, maxPacketSize, fixedProfile, sourceDirectories, LogContext.NONE);
    }

    /**
     * A session whose log lines name its server's guest and port.
     *
     * @param debuggee the guest
     * @param addressSpace the guest's regions
     * @param table the packet handlers
     * @param stats the server's counters
     * @param sink where replies go
     * @param maxPacketSize the largest packet accepted
     * @param fixedProfile the client profile, or null to detect it
     * @param sourceDirectories the only directories the monitor may read sources from
     * @param logContext what each log line names; the stop lines are logged on the guest's threads
     */
    public Session(Debuggee debuggee, AddressSpace addressSpace, PacketTable table, ServerStats stats,
            PacketSink sink, int maxPacketSize, ClientProfile fixedProfile, List<Path> sourceDirectories,
            LogContext logContext) {
        this.logContext = logContext;
        this.debuggee = debuggee;
        this.addressSpace = addressSpace;
        this.table = table;
        this.stats = stats;
        this.sink = sink;
        this.maxPacketSize = maxPacketSize;
        this.sourceDirectories = sourceDirectories.stream().map(Session::realDirectory).flatMap(Optional::stream).toList();
        this.profileFixed = fixedProfile != null;
        this.profile = fixedProfile != null ? fixedProfile : ClientProfile.LLDB;
    }

    /** Attaches to the debuggee: a running guest is stopped at its next instruction. */
    public void start() {
        stats.sessionStarted();
        debuggee.addStopListener(stopListener);
        debuggee.attach();
    }

    /**
     * Handles one decoded packet and sends its reply (unless the reply is a later stop reply).
     *
     * @param payload the packet's unescaped payload
     */
    public void handle(byte[] payload) {
        stats.packetServed();
        if (!firstPacketSeen) {
            firstPacketSeen = true;
            ClientProfile guess = ClientProfile.fromFirstPacket(new String(payload, StandardCharsets.ISO_8859_1));
            if (guess != null) {
                detectedProfile(guess);
            }
        }
        RspReply reply = dispatch(payload);
        if (reply != LATER) {
            send(reply);
        }
        if (disableAcksAfterReply) {
            disableAcksAfterReply = false;
            sink.disableAcks();
        }
        if (closeAfterReply) {
            closeAfterReply = false;
            end();
            sink.close();
        }
    }

    /** A {@code 0x03} from the client: stops a running guest; ignored while stopped. */
    public void interrupt() {
        if (debuggee.state() == ExecutionState.RUNNING) {
            if (PACKETS.isDebugEnabled()) {
                PACKETS.debug("^C: stopping the guest at its next interrupt point");
            }
            waitingForStop.set(true);
            debuggee.interrupt();
        }
    }

    /** A packet larger than {@link #maxPacketSize()}: refused, the session goes on. */
    public void oversizedPacket() {
        LOG.warn("refused a packet larger than {} bytes", maxPacketSize);
        send(error(1, "packet too large"));
    }

    /**
     * The connection is gone: stop listening and let the guest run on undebugged, unless it
     * ended. Idempotent.
     */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        debuggee.removeStopListener(stopListener);
        if (debuggee.state() != ExecutionState.TERMINATED) {
            debuggee.detach();
        }
    }

    private RspReply dispatch(byte[] payload) {
        PacketTable.Entry entry = table.lookup(payload);
        if (entry == null) {
            return RspReply.EMPTY;
        }
        try {
            return entry.handler().handle(new PacketReader(payload, entry.name().length()), this);
        } catch (MalformedPacketException e) {
            return error(1, e.getMessage());
        } catch (NotStoppedException e) {
            return error(5, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} failed", entry.name(), e);
            return error(5, String.valueOf(e.getMessage()));
        } catch (StackOverflowError e) {
            // Input nested beyond what a handler's recursion bounds: the packet fails, the session goes on.
            LOG.warn("{} failed: nested too deeply", entry.name());
            return error(5, "nested too deeply");
        }
    }

    private void send(RspReply reply) {
        sink.send(reply);
    }

    private void onStop(StopEvent event) {
        try (var scope = logContext.enter()) {
            stopped(event);
        }
    }

    private void stopped(StopEvent event) {
        selectedThread = 0;
        String reply = format(event);
        lastStopReply = reply;
        // A source-level step is dozens of instruction steps (and a library stop is resumed at
        // once by the debugger): at INFO they would flood the console
        // and cost a step a quarter of its time (measured with the CLI's logging, stderr to /dev/null),
        // so they go to the packet trace.
        if (event.reason() != StopReason.STEP && event.reason() != StopReason.LIBRARY) {
            LOG.info("guest {}", describe(event));
        } else if (PACKETS.isDebugEnabled()) {
            PACKETS.debug("guest {}", describe(event));
        }
        if (waitingForStop.compareAndSet(true, false)) {
            send(RspReply.of(reply));
        }
    }

    private String format(StopEvent event) {
        long pc = event.hasLocation()
                ? io.github.chicorygdbstub.address.WasmAddress.object(event.moduleIndex(), event.requestedOffset()) : -1;
        boolean hardware = breakpointTypes.getOrDefault(pc, 0) == 1;
        boolean kinds = clientFeatures.contains("swbreak+") || clientFeatures.contains("hwbreak+");
        if (event.isTerminal()) {
            return StopReplies.format(event, profile, hardware, kinds, List.of(), null);
        }
        List<GuestThreadInfo> stopped = debuggee.threads();
        String name = stopped.stream().filter(thread -> thread.id() == event.threadId())
                .map(GuestThreadInfo::name).findFirst().orElse(null);
        return StopReplies.format(event, profile, hardware, kinds, otherThreadPcs(event, stopped), name);
    }

    /** The threads of the stop besides the one that stopped, with the pcs of their top Wasm frames. */
    private List<StopReplies.ThreadPc> otherThreadPcs(StopEvent event, List<GuestThreadInfo> stopped) {
        var threads = new java.util.ArrayList<StopReplies.ThreadPc>();
        for (var thread : stopped) {
            if (thread.id() == event.threadId()) {
                continue;
            }
            try {
                debuggee.frames(thread.id()).stream().filter(f -> !f.host()).findFirst().ifPresent(top ->
                        threads.add(new StopReplies.ThreadPc(thread.id(), thread.name(),
                                io.github.chicorygdbstub.address.WasmAddress.object(top.moduleIndex(), top.pc()))));
            } catch (NotStoppedException | IllegalArgumentException resumedMeanwhile) {
                // resumed or left since: not part of this stop any more
            }
        }
        return threads;
    }

    private String describe(StopEvent event) {
        return switch (event.reason()) {
            case EXITED -> "exited with code " + event.exitCode();
            case CRASHED -> "crashed: " + event.message();
            case KILLED -> "killed";
            case TRAP -> String.format("trapped at module %d offset 0x%x: %s", event.moduleIndex(), event.pc(), event.message());
            case WATCHPOINT -> String.format("stopped (%s watchpoint on memory %d, 0x%x+%d) at module %d offset 0x%x",
                    event.watchpoint().kind().name().toLowerCase(), event.watchpoint().memoryIndex(),
                    event.watchpoint().address(), event.watchpoint().length(), event.moduleIndex(), event.pc());
            default -> String.format("stopped (%s) at module %d offset 0x%x",
                    event.reason().name().toLowerCase(), event.moduleIndex(), event.pc());
        };
    }

    // ---- SessionContext ----

    @Override
    public Debuggee debuggee() {
        return debuggee;
    }

    @Override
    public AddressSpace addressSpace() {
        return addressSpace;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public ClientProfile profile() {
        return profile;
    }

    @Override
    public void detectedProfile(ClientProfile detected) {
        if (!profileFixed && detected != profile) {
            LOG.info("client looks like {}", detected);
            profile = detected;
        }
    }

    @Override
    public Set<String> clientFeatures() {
        return clientFeatures;
    }

    @Override
    public void clientFeatures(Set<String> features) {
        clientFeatures = Set.copyOf(features);
    }

    @Override
    public List<String> offeredFeatures() {
        return table.featuresFor(this);
    }

    @Override
    public int maxPacketSize() {
        return maxPacketSize;
    }

    @Override
    public void enableErrorStrings() {
        errorStrings = true;
    }

    @Override
    public RspReply error(int code, String message) {
        String reply = String.format("E%02x", code & 0xff);
        if (errorStrings && message != null) {
            reply += ";" + Hex.encodeText(message);
        }
        return RspReply.of(reply);
    }

    @Override
    public void disableAcksAfterReply() {
        disableAcksAfterReply = true;
    }

    @Override
    public void closeAfterReply() {
        closeAfterReply = true;
    }

    @Override
    public RspReply replyLater() {
        return LATER;
    }

    @Override
    public RspReply resume(ResumeMode mode) {
        waitingForStop.set(true);
        try {
            debuggee.resume(mode);
            return LATER;
        } catch (NotStoppedException e) {
            return currentStopReply();
        }
    }

    @Override
    public RspReply resume(java.util.Map<Long, ResumeMode> actions, ResumeMode others) {
        waitingForStop.set(true);
        try {
            debuggee.resume(actions, others);
            return LATER;
        } catch (NotStoppedException e) {
            return currentStopReply();
        }
    }

    @Override
    public int effectiveMemory(int memoryIndex) {
        if (memoryIndex != 0 || profile == ClientProfile.GDB) {
            return memoryIndex;
        }
        List<FrameSnapshot> frames = wasmFrames();
        int module = frames.isEmpty() ? 0 : frames.get(0).moduleIndex();
        return module != 0 && debuggee.memory(module).isPresent() ? module : 0;
    }

    @Override
    public long selectedThread() {
        return selectedThread;
    }

    @Override
    public void selectThread(long threadId) {
        selectedThread = threadId == -1 ? 0 : threadId;
    }

    @Override
    public RspReply currentStopReply() {
        waitingForStop.set(true);
        ExecutionState state = debuggee.state();
        if (state == ExecutionState.STOPPED || state == ExecutionState.TERMINATED) {
            StopEvent event = debuggee.lastEvent();
            if (waitingForStop.compareAndSet(true, false)) {
                String reply = format(event);
                lastStopReply = reply;
                return RspReply.of(reply);
            }
        }
        return LATER;
    }

    @Override
    public String lastStopReply() {
        String reply = lastStopReply;
        if (reply == null && debuggee.lastEvent() != null) {
            reply = format(debuggee.lastEvent());
        }
        return reply;
    }

    @Override
    public void sendConsoleOutput(String text) {
        for (int start = 0; start < text.length(); ) {
            int end = Math.min(text.length(), start + CONSOLE_CHUNK);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            send(RspReply.of("O" + Hex.encodeText(text.substring(start, end))));
            start = end;
        }
    }

    @Override
    public void breakpointInserted(long address, int type) {
        breakpointTypes.put(address, type);
    }

    @Override
    public void breakpointRemoved(long address) {
        breakpointTypes.remove(address);
    }

    @Override
    public List<FrameSnapshot> wasmFrames() {
        if (debuggee.state() != ExecutionState.STOPPED) {
            return List.of();
        }
        try {
            long thread = selectedThread;
            var frames = thread == 0 ? debuggee.frames() : debuggee.frames(thread);
            return frames.stream().filter(f -> !f.host()).toList();
        } catch (NotStoppedException | IllegalArgumentException e) {
            return List.of();
        }
    }

    @Override
    public List<Path> sourceDirectories() {
        return sourceDirectories;
    }

    /**
     * A source directory's real path, resolved once, so that a link swapped in later cannot widen
     * what the monitor reads; empty (and left out) when it is no directory.
     */
    private static Optional<Path> realDirectory(Path directory) {
        try {
            Path real = directory.toRealPath();
            return Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            LOG.warn("source directory {} left out: {}", directory, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public ByteBufAllocator alloc() {
        return sink.alloc();
    }
}
