package io.github.chicorygdbstub.runtime.control;

/**
 * An installed breakpoint.
 *
 * @param moduleIndex the module whose image holds it
 * @param requestedOffset the file offset it was requested at
 * @param offset the instruction start it is really at (same function, at or after the request)
 */
public record Breakpoint(int moduleIndex, int requestedOffset, int offset) {}
