package io.github.chicorygdbstub.hardening;

import java.lang.management.ManagementFactory;

/** Live heap, for tests that prove memory stays bounded. */
final class HeapUse {
    private HeapUse() {}

    /** Heap in use right after a full collection. */
    static long live() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
