package io.github.chicorygdbstub.codec;

/**
 * A raw {@code 0x03} byte outside any packet: the debugger asks to stop a running guest (GDB's and LLDB's
 * "interrupt"). A {@code 0x03} inside a packet's payload is just a payload byte and never becomes this.
 */
public enum RspInterrupt implements RspInbound {
    /** The only instance. */
    INSTANCE
}
