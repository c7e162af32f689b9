package io.github.chicorygdbstub.runtime.control;

/**
 * Which stop, if any, the instruction a guest thread is about to run makes. The controller asks
 * on the hook's slow path, under its lock, once the thread is not held for another thread's stop;
 * the precedence is: the watchpoint that the thread's previous instruction triggered, the thread's
 * own step, a pending pause, the announcement of modules added meanwhile, a breakpoint (whose
 * conditions are asked last, as they are user code that counts hits).
 */
final class StopDecision {
    private final ArmedState armed;
    private final StoppedThreads stopped;
    /** Single steps completed, watchpoint stops of a stepping thread included. Guarded by the controller's lock. */
    private long steps;

    StopDecision(ArmedState armed, StoppedThreads stopped) {
        this.armed = armed;
        this.stopped = stopped;
    }

    /**
     * Why {@code thread} stops before the instruction at {@code pc}, if it does.
     *
     * @param triggered the watchpoint the previous instruction's memory access triggered, or null
     * @return the reason; {@link StopReason#BREAKPOINT} if a breakpoint is set there, which stops
     *     only if {@link #breakpointStops} says so; null to run on
     */
    StopReason reasonAt(GuestThread thread, int moduleIndex, int pc, Watchpoint triggered) {
        if (triggered != null && armed.watchpoints().contains(triggered)) {
            steps += thread.stepping ? 1 : 0;
            return StopReason.WATCHPOINT;
        }
        if (thread.stepping) {
            steps++;
            return StopReason.STEP;
        }
        StopReason pause = armed.pendingPause();
        if (pause != null) {
            return pause;
        }
        if (armed.takeAnnouncement(moduleIndex)) {
            return StopReason.LIBRARY;
        }
        return armed.breakpoints().isSet(moduleIndex, pc) ? StopReason.BREAKPOINT : null;
    }

    /** Counts a hit of the breakpoints at pc and asks their conditions whether to stop. */
    boolean breakpointStops(GuestThread thread, int moduleIndex, int pc) {
        return armed.breakpoints().countHitAndDecide(moduleIndex, pc,
                count -> new BreakpointHit(thread.id, moduleIndex, pc, count, stopped.captureSafely(thread)));
    }

    /**
     * Every stop but a breakpoint's own hit leaves the instruction at pc unexecuted, so a
     * breakpoint there (set before the stop or while stopped) is hit as the thread resumes, as a
     * trap instruction would be: a debugger that wants past it removes it and steps.
     *
     * @param stoppedFor why the thread stopped at pc; null if it held for another thread's stop
     */
    boolean breakpointStopsOnResume(GuestThread thread, StopReason stoppedFor, int moduleIndex, int pc) {
        return stoppedFor != StopReason.BREAKPOINT && armed.breakpoints().isSet(moduleIndex, pc)
                && breakpointStops(thread, moduleIndex, pc);
    }

    /**
     * The event of {@code thread}'s stop before the instruction at pc: a breakpoint's reports the
     * offset it was requested at, a watchpoint's the watchpoint.
     */
    StopEvent event(long sequence, StopReason reason, GuestThread thread, int moduleIndex, int pc,
            Watchpoint triggered) {
        int requested = reason == StopReason.BREAKPOINT ? armed.breakpoints().requestedOffsetFor(moduleIndex, pc) : pc;
        Watchpoint fired = reason == StopReason.WATCHPOINT ? triggered : null;
        return new StopEvent(sequence, reason, moduleIndex, pc, requested, null, 0, fired, thread.id);
    }

    long steps() {
        return steps;
    }
}
