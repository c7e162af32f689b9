package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.util.List;

/**
 * What a breakpoint's Java condition sees when its instruction is reached: evaluated on the
 * thread that reached it, before anything stops, so it must be quick and must not call back into
 * the {@link Debuggee}.
 *
 * @param threadId the thread ({@link GuestThreadInfo#id()})
 * @param moduleIndex the module the breakpoint is in
 * @param pc the instruction's offset
 * @param hitCount how often the breakpoint's instruction was reached, this time included
 * @param frames the thread's call stack there, innermost first (locals, operands)
 */
public record BreakpointHit(long threadId, int moduleIndex, int pc, long hitCount, List<FrameSnapshot> frames) {}
