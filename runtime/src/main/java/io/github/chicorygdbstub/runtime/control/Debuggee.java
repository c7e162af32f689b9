package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasm.types.MutabilityType;
import io.github.chicorygdbstub.dwarf.DebugInfo;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.GlobalValue;
import io.github.chicorygdbstub.runtime.inspect.MemoryInfo;
import io.github.chicorygdbstub.runtime.inspect.ValueType;
import io.github.chicorygdbstub.runtime.inspect.WasmValue;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import io.github.chicorygdbstub.runtime.locate.BreakpointSpec;
import io.github.chicorygdbstub.runtime.locate.ResolvedLocation;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * WebAssembly guests running in Chicory's interpreter under debugger control: the one façade
 * the RSP server (or any other front end) talks to.
 *
 * <h2>Two ways in</h2>
 * <ul>
 *   <li><b>Embedded</b> ({@link #embedded()}): an application keeps building its own instances
 *       with Chicory's {@code Instance.builder}, passing each builder through
 *       {@link #instrument(ModuleImage, Instance.Builder)} first, and calls their exports on its
 *       own threads. Nothing stops until a debugger attaches; the debuggee never ends.
 *   <li><b>Command</b> ({@link #builder(ModuleImage)}): a WASI command with libraries, run once
 *       by {@link #start()} on a thread of its own ({@code _start}), stopped at entry by default.
 * </ul>
 *
 * <h2>Threading</h2>
 * Guest code runs on whichever thread calls into an instrumented instance. Each Java thread
 * inside Wasm is one debugger thread ({@link #threads()}); the stop is all-stop: when one thread
 * stops, the others stop at their next instruction, and threads that enter Wasm meanwhile wait.
 * Every method here may be called from any thread. Control methods ({@link #resume},
 * {@link #interrupt}, breakpoints, {@link #kill}) take effect at the next instruction boundary.
 * Inspection methods ({@link #frames}, locals, globals, memory) need the guest to be
 * {@link ExecutionState#STOPPED} (memories and globals also after it ended) and throw
 * {@link NotStoppedException} otherwise. Stop listeners run on the stopping thread, in order,
 * before it parks; they must not block.
 *
 * <h2>Indices</h2>
 * A command's module 0 is the main module; libraries follow in the order they were added. An
 * embedded debuggee numbers its instances in the order they were instrumented (instances of one
 * module share its image, under names made unique). Memory {@code k} is the first memory of
 * module {@code k}'s instance. Code locations are file offsets into a module's original bytes.
 */
public final class Debuggee implements AutoCloseable {
    /** How many watchpoints can be set at once. */
    public static final int MAX_WATCHPOINTS = 32;

    private static final long UNBOUNDED_MEMORY_BYTES = 1L << 32;

    /** The modules by index; grows as instances are instrumented, never shrinks. */
    private final List<ModuleImage> images = new CopyOnWriteArrayList<>();
    private final List<String> names = new CopyOnWriteArrayList<>();
    /** Each module's instance once Chicory built its machine; null before. */
    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final BreakpointTable breakpoints;
    private final ExecutionController controller;
    private final GuestState guestState;
    private final StoppedThreads stopped;
    /** The command's own thread; null for an embedded debuggee. */
    private final Thread guestThread;
    private boolean started;

    private Debuggee(Builder builder) {
        ChicoryAccess.selfCheck();
        InterpreterProbe.verify();
        this.breakpoints = new BreakpointTable(images);
        this.controller = new ExecutionController(
                breakpoints, new CodePatcher(breakpoints, images), new FrameCapture(images));
        this.guestState = controller.guestState();
        this.stopped = controller.stoppedThreads();
        if (builder == null) {
            this.guestThread = null;
            controller.markRunning();
            return;
        }
        builder.images.forEach(this::addModule);
        WasiOptions wasi = builder.wasiOptions != null ? builder.wasiOptions
                : WasiOptions.builder().inheritSystem().withArguments(List.of(images.get(0).name())).build();
        var runner = new GuestRunner(this, controller, List.copyOf(builder.importNames), wasi,
                List.copyOf(builder.hostFunctions));
        this.guestThread = new Thread(null, runner, "chicory-guest", builder.guestStackSize);
        if (builder.stopAtEntry) {
            controller.requestEntryStop();
            controller.setAttached(true);
        }
    }

    /**
     * A debuggee for the instances an application builds itself: nothing stops until a debugger
     * attaches, and guest code runs on the threads that call it.
     *
     * @return a debuggee with no modules yet; add them with {@link #instrument}
     */
    public static Debuggee embedded() {
        return new Debuggee(null);
    }

    /**
     * Makes the instance that {@code builder} will build debuggable, as module {@link #modules()}{@code
     * .size()}. Everything else about the builder stays the application's: imports (host
     * functions, memories, globals, tables from a {@code Store}), memory limits, WASI or none,
     * {@code withInitialize} and {@code withStart}. The instance then runs in a debuggable
     * interpreter on whichever thread calls it; {@code image} is what debuggers are served, byte
     * for byte.
     *
     * @param image the module's original bytes; {@code builder} must build {@code image.wasmModule()}
     * @param builder the application's builder, before {@code build()}
     * @return {@code builder}, for the application to go on configuring and build
     * @throws IllegalStateException for a command debuggee, whose instances it builds itself
     */
    public Instance.Builder instrument(ModuleImage image, Instance.Builder builder) {
        if (guestThread != null) {
            throw new IllegalStateException("a command debuggee instantiates its own modules");
        }
        return instrument(addModule(image), builder);
    }

    /** Gives module {@code moduleIndex}'s builder the debuggable machine and instruction hook. */
    Instance.Builder instrument(int moduleIndex, Instance.Builder builder) {
        InstructionHook hook = controller.newHook(moduleIndex);
        return builder.withUnsafeExecutionListener(hook)
                .withMachineFactory(instance -> newMachine(moduleIndex, instance, hook));
    }

    /**
     * The debuggable machine for an instance whose builder names a machine factory the
     * application cannot change, such as the {@code create} method of a build-time-compiled
     * module (see {@link io.github.chicorygdbstub.runtime.compiled.CompiledArtifact}): call it
     * from that factory. The instance becomes module {@link #modules()}{@code .size()}, served
     * as {@code image}, exactly as after {@link #instrument}.
     *
     * @param image the module's original bytes; the instance must be of {@code image.wasmModule()}
     * @param instance the instance Chicory's builder is building, passed to the machine factory
     * @return the machine for Chicory to run the instance with
     * @throws IllegalStateException for a command debuggee, whose instances it builds itself
     * @throws IllegalArgumentException if the instance is not of {@code image.wasmModule()}
     */
    public Machine machineFor(ModuleImage image, Instance instance) {
        if (guestThread != null) {
            throw new IllegalStateException("a command debuggee instantiates its own modules");
        }
        if (instance.module() != image.wasmModule()) {
            throw new IllegalArgumentException("the instance is not of " + image.name()
                    + "'s module: build it from image.wasmModule()");
        }
        int moduleIndex = addModule(image);
        return newMachine(moduleIndex, instance, controller.newHook(moduleIndex));
    }

    private Machine newMachine(int moduleIndex, Instance instance, InstructionHook hook) {
        instances.set(moduleIndex, instance);
        return new DebugMachine(instance, controller, moduleIndex, hook, images.get(moduleIndex));
    }

    private synchronized int addModule(ModuleImage image) {
        int index = images.size();
        names.add(uniqueName(image.name()));
        instances.add(null);
        breakpoints.addModule(image);
        images.add(image); // last: a module is listed only once it can take breakpoints
        controller.moduleAdded(index);
        return index;
    }

    private String uniqueName(String name) {
        if (!names.contains(name)) {
            return name;
        }
        for (int copy = 2; ; copy++) {
            String candidate = name + "~" + copy;
            if (!names.contains(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * The name debuggers see for a module: its image's name, with {@code ~2}, {@code ~3}, ...
     * appended for further instances of a module by that name (LLDB merges equal names).
     *
     * @param moduleIndex the module (see {@link #module})
     * @return the unique name
     */
    public String moduleName(int moduleIndex) {
        return names.get(moduleIndex);
    }

    /**
     * Starts describing a debuggee.
     *
     * @param main the main module (module index 0)
     * @return a builder; {@link Builder#build()} makes the debuggee
     */
    public static Builder builder(ModuleImage main) {
        return new Builder(main);
    }

    /**
     * Starts a command's guest thread. With stop-at-entry (the default) the guest stops before its
     * first instruction.
     *
     * @throws IllegalStateException if already started, or for an embedded debuggee
     */
    public synchronized void start() {
        if (guestThread == null) {
            throw new IllegalStateException("an embedded debuggee runs on its callers' threads");
        }
        if (started) {
            throw new IllegalStateException("the guest was already started");
        }
        started = true;
        guestThread.start();
    }

    /** {@return the loaded modules by module index (0 = main)} */
    public List<ModuleImage> modules() {
        return images;
    }

    /**
     * The module with this index.
     *
     * @param moduleIndex 0 for the main module, 1, 2, ... for the libraries in the order they were added
     * @return that module
     * @throws IndexOutOfBoundsException if there is no such module
     */
    public ModuleImage module(int moduleIndex) {
        return images.get(moduleIndex);
    }

    // ---- events ----

    /** {@return whether the guest is not started yet, running, stopped or ended, at the time of the call} */
    public ExecutionState state() {
        return guestState.current();
    }

    /** {@return the most recent stop or end, or null before the first one} */
    public StopEvent lastEvent() {
        return guestState.last();
    }

    /**
     * Registers a listener for every stop and for the end of the guest (called on the guest thread).
     *
     * @param listener called with each event; it must not block
     */
    public void addStopListener(Consumer<StopEvent> listener) {
        controller.addListener(Objects.requireNonNull(listener));
    }

    /**
     * Unregisters a listener added with {@link #addStopListener}; nothing happens if it is not registered.
     *
     * @param listener the listener to remove
     */
    public void removeStopListener(Consumer<StopEvent> listener) {
        controller.removeListener(listener);
    }

    /**
     * Waits until the guest is stopped or has ended.
     *
     * @param timeout how long to wait at most
     * @return the stop or end event
     * @throws TimeoutException if the guest still runs after {@code timeout}
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public StopEvent awaitStop(Duration timeout) throws TimeoutException, InterruptedException {
        return guestState.awaitStop(timeout);
    }

    /**
     * Waits until the guest has ended.
     *
     * @param timeout how long to wait at most
     * @return the event that says how it ended
     * @throws TimeoutException if the guest has not ended after {@code timeout}
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public StopEvent awaitTermination(Duration timeout) throws TimeoutException, InterruptedException {
        return guestState.awaitEnd(timeout);
    }

    // ---- control ----

    /**
     * Sets a breakpoint at a file offset of a module. An offset inside an instruction slips
     * forward to the next instruction start of the same function.
     *
     * @param moduleIndex the module (see {@link #module})
     * @param offset a file offset into the module's original bytes
     * @return the breakpoint, with the offset it was planted at
     * @throws BreakpointException if the offset is outside every function body
     */
    public Breakpoint setBreakpoint(int moduleIndex, int offset) {
        return controller.editArmed(armed -> armed.breakpoints().add(moduleIndex, offset));
    }

    /**
     * Removes the breakpoint requested at this offset.
     *
     * @param moduleIndex the module the breakpoint was set in
     * @param offset the offset passed to {@link #setBreakpoint} (not the one it slipped to)
     * @return false if there was none
     */
    public boolean clearBreakpoint(int moduleIndex, int offset) {
        return controller.editArmed(armed -> armed.breakpoints().remove(moduleIndex, offset));
    }

    /**
     * Sets a breakpoint that stops only when {@code condition} holds: evaluated on the thread that
     * reaches it, before anything stops ({@link BreakpointHit}), so it must be quick. A condition
     * that throws stops the guest there (and the failure is logged).
     *
     * @param moduleIndex the module (see {@link #module})
     * @param offset a file offset into the module's original bytes
     * @param condition whether this hit stops, e.g. {@code hit -> hit.hitCount() == 3}
     * @return the breakpoint, with the offset it was planted at
     * @throws BreakpointException if the offset is outside every function body
     */
    public Breakpoint setBreakpoint(int moduleIndex, int offset, Predicate<BreakpointHit> condition) {
        Objects.requireNonNull(condition);
        return controller.editArmed(armed -> armed.breakpoints().add(moduleIndex, offset, condition));
    }

    /**
     * Sets breakpoints by what a user writes: a function or export name ({@code "process"}), a
     * source line ({@code "plugin.c:12"}) or a module offset ({@code "0x1a3"}), in every module
     * where it resolves ({@link BreakpointSpec}).
     *
     * @param spec the location, as {@link BreakpointSpec#parse} reads it
     * @param condition whether a hit stops, as for {@link #setBreakpoint(int, int, Predicate)};
     *     null to stop at every hit
     * @return one breakpoint per location, in module order
     * @throws IllegalArgumentException if {@code spec} is malformed
     * @throws BreakpointException if it resolves in no module; the message suggests near misses
     */
    public List<Breakpoint> setBreakpoints(String spec, Predicate<BreakpointHit> condition) {
        BreakpointSpec location = BreakpointSpec.parse(spec);
        var set = new ArrayList<Breakpoint>();
        var suggestions = new java.util.LinkedHashSet<String>();
        for (int module = 0; module < images.size(); module++) {
            List<ResolvedLocation> resolved = location.resolve(images.get(module));
            suggestions.addAll(location.suggestions(images.get(module)));
            for (ResolvedLocation at : resolved) {
                set.add(condition == null ? setBreakpoint(module, at.offset())
                        : setBreakpoint(module, at.offset(), condition));
            }
        }
        if (set.isEmpty()) {
            throw new BreakpointException("'" + spec + "' is in no module"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
        }
        return List.copyOf(set);
    }

    /**
     * How often a breakpoint's instruction was reached (conditions that said no included).
     *
     * @param breakpoint one of {@link #breakpoints()}
     * @return the count; 0 once the breakpoint is gone
     */
    public long hitCount(Breakpoint breakpoint) {
        return controller.readArmed(
                armed -> armed.breakpoints().hitCount(breakpoint.moduleIndex(), breakpoint.requestedOffset()));
    }

    /** Removes every breakpoint. */
    public void clearBreakpoints() {
        controller.editArmed(armed -> {
            armed.breakpoints().clear();
            return null;
        });
    }

    /** {@return the breakpoints set, in the order they were set} */
    public List<Breakpoint> breakpoints() {
        return controller.readArmed(armed -> armed.breakpoints().list());
    }

    /**
     * Watches {@code length} bytes of a linear memory from {@code address}: the guest stops after
     * an instruction that reads or writes them (as {@code kind} says), before the next one, with a
     * {@link StopReason#WATCHPOINT} event. Loads, stores (atomic ones too) and the bulk memory
     * instructions of every module that uses the memory are watched. A host function (WASI or the
     * embedder's) that changes the bytes, such as WASI filling a buffer, fires a write or access
     * watchpoint at the instruction after its call; reads by host functions are not seen. Setting the
     * same watchpoint twice keeps one. A breakpoint at the instruction where a watchpoint stopped the
     * guest does not stop it again there.
     *
     * @param memoryIndex the memory (see the class comment)
     * @param address the first byte watched
     * @param length how many bytes are watched, at least 1
     * @param kind which accesses stop the guest
     * @return the watchpoint
     * @throws BreakpointException if the memory does not exist, the range is empty or beyond 4 GiB,
     *     or {@value #MAX_WATCHPOINTS} watchpoints are set already
     */
    public Watchpoint setWatchpoint(int memoryIndex, long address, int length, WatchKind kind) {
        Objects.requireNonNull(kind);
        Memory memory = memoryOrNull(memoryIndex);
        if (memory == null) {
            throw new BreakpointException("no memory with index " + memoryIndex);
        }
        if (address < 0 || length < 1 || address + length > UNBOUNDED_MEMORY_BYTES) {
            throw new BreakpointException(String.format(
                    "cannot watch 0x%x bytes at 0x%x: outside a 32-bit memory", length, address));
        }
        // A module that imports this memory accesses it too (then two memory indices name it).
        var sharing = new java.util.BitSet();
        for (int module = 0; module < images.size(); module++) {
            if (memoryOrNull(module) == memory) {
                sharing.set(module);
            }
        }
        var watchpoint = new Watchpoint(memoryIndex, address, length, kind);
        return controller.editArmed(armed -> armed.watchpoints().add(watchpoint, sharing));
    }

    /**
     * Removes a watchpoint set with the same arguments.
     *
     * @param memoryIndex as passed to {@link #setWatchpoint}
     * @param address as passed to {@link #setWatchpoint}
     * @param length as passed to {@link #setWatchpoint}
     * @param kind as passed to {@link #setWatchpoint}
     * @return false if there was none
     */
    public boolean clearWatchpoint(int memoryIndex, long address, int length, WatchKind kind) {
        var watchpoint = new Watchpoint(memoryIndex, address, length, kind);
        return controller.editArmed(armed -> armed.watchpoints().remove(watchpoint));
    }

    /** {@return the watchpoints set, in the order they were set} */
    public List<Watchpoint> watchpoints() {
        return controller.readArmed(armed -> armed.watchpoints().list());
    }

    /**
     * Resumes a stopped guest: every thread runs on, or the thread that stopped takes one step
     * while the others stay stopped.
     *
     * @param mode run on, or step
     * @throws NotStoppedException if it is not stopped
     */
    public void resume(ResumeMode mode) {
        controller.resume(mode);
    }

    /**
     * Resumes the threads of a stopped guest one by one, as {@code vCont} does.
     *
     * @param actions what each of these threads ({@link GuestThreadInfo#id()}) does
     * @param others what every other stopped thread does; null to keep them stopped
     * @throws NotStoppedException if the guest is not stopped
     * @throws IllegalArgumentException if {@code actions} names a thread that is not inside Wasm
     */
    public void resume(Map<Long, ResumeMode> actions, ResumeMode others) {
        controller.resume(Map.copyOf(actions), others);
    }

    /**
     * The threads of the stopped guest: each Java thread inside Wasm, the one whose stop
     * {@link #lastEvent()} reports first. A thread that is running host code at the stop is not
     * in Wasm: it stops as soon as it returns there, and shows from the next stop on.
     *
     * @return the threads, or an empty list while the guest runs
     */
    public List<GuestThreadInfo> threads() {
        return stopped.list();
    }

    /**
     * One thread of the stopped guest.
     *
     * @param threadId a {@link GuestThreadInfo#id()}
     * @return that thread, or empty if it is not stopped inside Wasm
     */
    public Optional<GuestThreadInfo> thread(long threadId) {
        return threads().stream().filter(thread -> thread.id() == threadId).findFirst();
    }

    /**
     * Asks a running guest to stop at its next instruction (an {@link StopReason#INTERRUPT} stop).
     * A guest blocked in a host call stops as soon as the call returns.
     *
     * @return false if the guest was already stopped or has ended
     */
    public boolean interrupt() {
        return controller.interrupt();
    }

    /**
     * Marks a debugger as attached: from now on traps stop the guest instead of ending it, and a
     * running guest stops at its next instruction (an {@link StopReason#ENTRY} stop).
     */
    public void attach() {
        controller.attach();
    }

    /** Clears breakpoints, watchpoints and pending stops, and lets a stopped guest run on undebugged. */
    public void detach() {
        controller.detach();
    }

    /**
     * Ends a command's guest and waits up to {@code timeout} for its thread to finish. For an
     * embedded debuggee, ends every call in progress instead (each throws {@link KilledException}
     * to the application's caller) and detaches.
     *
     * @param timeout how long to wait for the guest thread (or the calls in progress) at most
     * @return true if the guest thread has finished (every call in progress has ended)
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public boolean kill(Duration timeout) throws InterruptedException {
        if (guestThread == null) {
            return controller.abortCalls(timeout);
        }
        synchronized (this) {
            if (!started) {
                started = true;
                controller.terminate(StopReason.KILLED, 0, null);
                return true;
            }
        }
        controller.requestKill();
        // Wakes a guest blocked in an interruptible host call; Chicory also checks it at calls.
        guestThread.interrupt();
        guestThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        return !guestThread.isAlive();
    }

    /** {@return the number of single steps completed so far} */
    public long stepCount() {
        return controller.stepCount();
    }

    /**
     * Kills a command's guest if it still runs (waiting up to 5 s for its thread). An embedded
     * debuggee detaches for good: every stopped thread runs on and no thread stops again.
     */
    @Override
    public void close() {
        if (guestThread == null) {
            controller.close();
        } else if (guestThread.isAlive()) {
            try {
                kill(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- inspection ----

    /** {@return the call stack of the thread that stopped, innermost first; the same list for the whole stop} */
    public List<FrameSnapshot> frames() {
        return stopped.frames();
    }

    /**
     * The call stack of one thread of the stopped guest.
     *
     * @param threadId one of {@link #threads()}
     * @return its frames, innermost first
     * @throws IllegalArgumentException if that thread is not stopped inside Wasm
     */
    public List<FrameSnapshot> frames(long threadId) {
        return stopped.frames(threadId);
    }

    /**
     * After a trap ended the guest while no debugger was attached ({@link StopReason#CRASHED}),
     * the Wasm frames at the trap, innermost first, for a crash report; empty otherwise.
     *
     * @return the frames at the trap, innermost first
     */
    public List<FrameSnapshot> crashFrames() {
        return stopped.crashFrames();
    }

    /**
     * Changes a local (or parameter) of a Wasm frame of the stopped guest.
     *
     * @param frameDepth the frame's position in {@link #frames()} (0 = innermost)
     * @param localIndex the local's Wasm index (parameters first)
     * @param value the new value, of the local's type
     */
    public void setLocal(int frameDepth, int localIndex, WasmValue value) {
        setLocal(0, frameDepth, localIndex, value);
    }

    /**
     * Changes a local (or parameter) of a Wasm frame of one stopped thread.
     *
     * @param threadId one of {@link #threads()}; 0 for the thread that stopped
     * @param frameDepth the frame's position in {@link #frames(long)} (0 = innermost)
     * @param localIndex the local's Wasm index (parameters first)
     * @param value the new value, of the local's type
     */
    public void setLocal(long threadId, int frameDepth, int localIndex, WasmValue value) {
        stopped.withLiveMachines("write a local", threadId, machines -> {
            int depth = 0;
            for (DebugMachine machine : machines) {
                for (StackFrame frame : machine.frames()) {
                    if (depth++ == frameDepth) {
                        FrameCapture.writeLocal(frame, localIndex, value);
                        return null;
                    }
                }
            }
            throw new IndexOutOfBoundsException("no frame " + frameDepth);
        });
    }

    /** {@return every linear memory, by memory index (module instances without a memory are skipped)} */
    public List<MemoryInfo> memories() {
        return stopped.whileStopped("list memories", () -> {
            var list = new ArrayList<MemoryInfo>();
            for (int i = 0; i < images.size(); i++) {
                Memory memory = memoryOrNull(i);
                if (memory != null) {
                    list.add(info(i, memory));
                }
            }
            return List.copyOf(list);
        });
    }

    /**
     * The memory with this index.
     *
     * @param memoryIndex the memory (see the class comment)
     * @return that memory's sizes, or empty if there is none
     */
    public java.util.Optional<MemoryInfo> memory(int memoryIndex) {
        return stopped.whileStopped("inspect memory", () -> {
            Memory memory = memoryOrNull(memoryIndex);
            return memory == null ? java.util.Optional.empty() : java.util.Optional.of(info(memoryIndex, memory));
        });
    }

    /**
     * Copies memory bytes into {@code target}. A range that runs past the end of the memory is
     * cut short.
     *
     * @param memoryIndex the memory (see the class comment)
     * @param address the first byte to read
     * @param target receives the bytes
     * @param offset where in {@code target} the first byte goes
     * @param length how many bytes to read at most
     * @return the number of bytes copied (at least 1 when {@code length > 0})
     * @throws MemoryAccessException if the memory does not exist or {@code address} is past its end
     */
    public int readMemory(int memoryIndex, long address, byte[] target, int offset, int length) {
        return stopped.whileStopped("read memory", () -> {
            Memory memory = requireMemory(memoryIndex);
            long size = (long) memory.pages() * Memory.PAGE_SIZE;
            if (address < 0 || address >= size) {
                throw new MemoryAccessException(String.format(
                        "address 0x%x is outside memory %d (size 0x%x)", address, memoryIndex, size));
            }
            int count = (int) Math.min(length, size - address);
            byte[] bytes = memory.readBytes((int) address, count);
            System.arraycopy(bytes, 0, target, offset, count);
            return count;
        });
    }

    /**
     * Writes bytes into a memory; all or nothing.
     *
     * @param memoryIndex the memory (see the class comment)
     * @param address where the first byte goes
     * @param source holds the bytes
     * @param offset where in {@code source} the first byte is
     * @param length how many bytes to write
     * @throws MemoryAccessException if any byte of the range is outside the memory
     */
    public void writeMemory(int memoryIndex, long address, byte[] source, int offset, int length) {
        stopped.whileStopped("write memory", () -> {
            Memory memory = requireMemory(memoryIndex);
            long size = (long) memory.pages() * Memory.PAGE_SIZE;
            if (address < 0 || address + length > size) {
                throw new MemoryAccessException(String.format(
                        "range 0x%x+0x%x is outside memory %d (size 0x%x)", address, length, memoryIndex, size));
            }
            memory.write((int) address, source, offset, length);
            return null;
        });
    }

    /**
     * The source-level (C) parameters and variables in scope in a Wasm frame of the stopped
     * guest, read through the module's DWARF ({@link DebugInfo}).
     *
     * @param frame one of {@link #frames()}
     * @return one line each as {@code (type) name = value}; empty when the module has no debug
     *     information for the frame's function, or for a host frame
     */
    public List<String> sourceVariables(FrameSnapshot frame) {
        if (frame.host()) {
            return List.of();
        }
        return module(frame.moduleIndex()).debugInfo().variables(frame.pc(), new StoppedFrameAccess(this, frame));
    }

    /**
     * One source-level variable, or a C expression over one ({@code point.x}, {@code
     * path->label}, {@code values[2]}, {@code *text}, {@code &point}). The variable is the innermost
     * by that name in scope in the frame, else a file-scope (global) variable of the frame's module.
     *
     * @param frame one of {@link #frames()}
     * @param expression a variable name, or an expression of the forms above
     * @return {@code (type) text = value}; or {@code text: reason} for an expression that cannot be
     *     evaluated here, saying where one not of that form stops being so; empty if there is no
     *     variable by that name
     */
    public Optional<String> sourceVariable(FrameSnapshot frame, String expression) {
        if (frame.host()) {
            return Optional.empty();
        }
        return module(frame.moduleIndex()).debugInfo().variable(expression, frame.pc(), new StoppedFrameAccess(this, frame));
    }

    /**
     * The globals of a module's instance.
     *
     * @param moduleIndex the module (see {@link #module})
     * @return the globals by global index (imported ones included, imports first)
     */
    public List<GlobalValue> globals(int moduleIndex) {
        return stopped.whileStopped("read globals", () -> {
            Instance instance = requireInstance(moduleIndex);
            var list = new ArrayList<GlobalValue>(instance.globalCount());
            for (int i = 0; i < instance.globalCount(); i++) {
                list.add(globalValue(moduleIndex, instance, i));
            }
            return List.copyOf(list);
        });
    }

    /**
     * One global of a module's instance.
     *
     * @param moduleIndex the module (see {@link #module})
     * @param globalIndex the global's Wasm index (imports first)
     * @return that global
     * @throws IndexOutOfBoundsException for a bad index
     */
    public GlobalValue global(int moduleIndex, int globalIndex) {
        return stopped.whileStopped("read a global", () -> {
            Instance instance = requireInstance(moduleIndex);
            Objects.checkIndex(globalIndex, instance.globalCount());
            return globalValue(moduleIndex, instance, globalIndex);
        });
    }

    /**
     * Changes a global's value (its raw bits; both halves for v128).
     *
     * @param moduleIndex the module (see {@link #module})
     * @param globalIndex the global's Wasm index (imports first)
     * @param value the new value
     */
    public void setGlobal(int moduleIndex, int globalIndex, WasmValue value) {
        stopped.whileStopped("write a global", () -> {
            Instance instance = requireInstance(moduleIndex);
            Objects.checkIndex(globalIndex, instance.globalCount());
            GlobalInstance global = instance.global(globalIndex);
            global.setValue(value.bits());
            if (value.type() == ValueType.V128) {
                global.setValueHigh(value.highBits());
            }
            return null;
        });
    }

    private GlobalValue globalValue(int moduleIndex, Instance instance, int index) {
        GlobalInstance global = instance.global(index);
        ValueType type = ValueType.of(global.getType());
        var value = new WasmValue(type, type == ValueType.V128 ? global.getValueLow() : global.getValue(),
                type == ValueType.V128 ? global.getValueHigh() : 0);
        var names = images.get(moduleIndex).wasmModule().nameSection();
        String name = names == null ? null : names.nameOfGlobal(index);
        return new GlobalValue(index, name != null ? name : "global[" + index + "]", value,
                global.getMutabilityType() == MutabilityType.Var);
    }

    /** Module {@code moduleIndex}'s live instance. */
    Instance requireInstance(int moduleIndex) {
        if (moduleIndex < 0 || moduleIndex >= images.size() || instances.get(moduleIndex) == null) {
            throw new IndexOutOfBoundsException("module " + moduleIndex + " has no instance (yet)");
        }
        return instances.get(moduleIndex);
    }

    private Memory requireMemory(int memoryIndex) {
        Memory memory = memoryOrNull(memoryIndex);
        if (memory == null) {
            throw new MemoryAccessException("no memory with index " + memoryIndex);
        }
        return memory;
    }

    private Memory memoryOrNull(int memoryIndex) {
        if (memoryIndex < 0 || memoryIndex >= images.size()) {
            return null;
        }
        Instance instance = instances.get(memoryIndex);
        if (instance == null) {
            return null;
        }
        try {
            return instance.memory();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MemoryInfo info(int index, Memory memory) {
        long max = memory.maximumPages() <= 0 || (long) memory.maximumPages() * Memory.PAGE_SIZE > UNBOUNDED_MEMORY_BYTES
                ? UNBOUNDED_MEMORY_BYTES : (long) memory.maximumPages() * Memory.PAGE_SIZE;
        return new MemoryInfo(index, index, (long) memory.pages() * Memory.PAGE_SIZE, max);
    }

    /** Describes a debuggee before it starts. */
    public static final class Builder {
        private final List<ModuleImage> images = new ArrayList<>();
        private final List<String> importNames = new ArrayList<>();
        private final List<HostFunction> hostFunctions = new ArrayList<>();
        private WasiOptions wasiOptions;
        private boolean stopAtEntry = true;
        private long guestStackSize = 512L * 1024 * 1024;

        private Builder(ModuleImage main) {
            images.add(Objects.requireNonNull(main));
            importNames.add(main.name());
        }

        /**
         * Adds a library module, instantiated before the main module and registered under
         * {@code importName}, so modules may import its exports as {@code importName.export}.
         * Libraries get module indices 1, 2, ... in the order they are added.
         *
         * @param importName the module name other modules import it by
         * @param library the library module
         * @return this builder
         */
        public Builder withLibrary(String importName, ModuleImage library) {
            images.add(Objects.requireNonNull(library));
            importNames.add(Objects.requireNonNull(importName));
            return this;
        }

        /**
         * WASI preview 1 settings (args, env, stdio, preopened directories).
         *
         * @param options the settings; by default the guest inherits the JVM's stdio
         * @return this builder
         */
        public Builder withWasiOptions(WasiOptions options) {
            this.wasiOptions = options;
            return this;
        }

        /**
         * Extra host functions the modules may import.
         *
         * @param functions the functions, added to those given before
         * @return this builder
         */
        public Builder withHostFunctions(HostFunction... functions) {
            hostFunctions.addAll(List.of(functions));
            return this;
        }

        /**
         * Whether the guest stops before its first instruction and counts as attached.
         *
         * @param stopAtEntry true (the default) to stop at entry
         * @return this builder
         */
        public Builder withStopAtEntry(boolean stopAtEntry) {
            this.stopAtEntry = stopAtEntry;
            return this;
        }

        /**
         * Java stack size of the guest thread; deep Wasm recursion needs a deep Java stack.
         *
         * @param bytes the stack size (default 512 MiB)
         * @return this builder
         */
        public Builder withGuestStackSize(long bytes) {
            this.guestStackSize = bytes;
            return this;
        }

        /**
         * Checks that every import of every module is provided (by WASI, a host function or an
         * earlier module) and describes the debuggee.
         *
         * @return the debuggee; it runs once {@link Debuggee#start()} is called
         * @throws UnsatisfiedImportException naming the first import nothing provides
         */
        public Debuggee build() {
            ImportCheck.verify(images, importNames, hostFunctions);
            return new Debuggee(this);
        }
    }
}
