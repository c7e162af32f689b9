/*
 * Library half of the two-module program. It defines and exports the linear memory
 * that twomod_main imports, and keeps its own data and stack below 64 KiB so the two
 * modules never write over each other (see README.md for the layout).
 * Built without libc: a second copy of wasi-libc would share the memory with main's.
 */

int g_lib_calls;
int g_lib_factor = 3;

int lib_scale(int x) {
    int scaled = x * g_lib_factor; /* @line lib-scale */
    g_lib_calls++;
    return scaled;
}

/* Writes into memory the caller owns: the pointer is an address in the shared memory. */
void lib_fill(int *dst, int count, int value) {
    for (int i = 0; i < count; i++) {
        dst[i] = lib_scale(value + i);
    }
}

int lib_calls(void) {
    return g_lib_calls;
}
