package io.github.chicorygdbstub.runtime.inspect;

/**
 * A global of a module instance, read while the guest was stopped.
 *
 * @param index index in the instance's global index space (imports first)
 * @param name name from the {@code name} section, or {@code global[N]}
 * @param value the current value
 * @param mutable whether the guest (and the debugger) may change it
 */
public record GlobalValue(int index, String name, WasmValue value, boolean mutable) {}
