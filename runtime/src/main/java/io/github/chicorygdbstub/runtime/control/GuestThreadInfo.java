package io.github.chicorygdbstub.runtime.control;

/**
 * A Java thread that is inside Wasm code of a debugged instance while the guest is stopped: one
 * thread for a debugger.
 *
 * @param id the debugger's thread id: 1, 2, ... in the order Java threads first entered Wasm, the
 *     same for a Java thread every time it enters
 * @param name the Java thread's name, and the export it entered Wasm through
 * @param stopEvent why this thread stopped; null for a thread that stopped because another one did
 */
public record GuestThreadInfo(long id, String name, StopEvent stopEvent) {}
