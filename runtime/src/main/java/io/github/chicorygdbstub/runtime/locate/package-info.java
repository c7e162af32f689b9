/**
 * Where a breakpoint goes in a module's code, from what a person writes: a function or export
 * name, a source {@code FILE:LINE} (through the DWARF line table), or a module offset.
 *
 * <p>{@link io.github.chicorygdbstub.runtime.locate.BreakpointSpec#parse(String)} reads the
 * text a command line or configuration gives; {@link io.github.chicorygdbstub.runtime.locate.CodeLocator}
 * turns each kind into {@link io.github.chicorygdbstub.runtime.locate.ResolvedLocation}s,
 * instruction starts inside function bodies, which is what the execution controller can stop at.
 * Nothing here changes a module or a running guest.
 */
package io.github.chicorygdbstub.runtime.locate;
