package io.github.chicorygdbstub.runtime.inspect;

/**
 * A linear memory of the debuggee.
 *
 * @param memoryIndex stable debugger index: memory {@code k} is the first memory of module {@code k}'s instance
 * @param moduleIndex the module instance that exposes it (for an imported memory, the importer)
 * @param sizeBytes current size in bytes
 * @param maxBytes declared maximum in bytes ({@code 4 GiB} when unbounded)
 */
public record MemoryInfo(int memoryIndex, int moduleIndex, long sizeBytes, long maxBytes) {}
