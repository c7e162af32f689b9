package io.github.chicorygdbstub.documents;

/**
 * {@code qXfer:features:read:target.xml} for GDB 13, which has no WebAssembly architecture. A
 * register-less description naming {@code i386:x86-64} makes GDB use 64-bit addresses and its
 * built-in x86-64 register layout, in which {@code rip} carries the Wasm pc. Never sent to LLDB.
 */
public final class TargetDescription {
    private TargetDescription() {}

    /** {@return the register-less x86-64 target description for GDB 13} */
    public static String gdbX86Disguise() {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                + "<target version=\"1.0\"><architecture>i386:x86-64</architecture><osabi>none</osabi></target>\n";
    }
}
