/* Optimized code (-O2) for the DWARF variable view: clang keeps the members of a local struct
 * in Wasm locals of their own and describes the struct piece by piece (DW_OP_piece). */
#include <stdio.h>

struct pair { int x; int y; };

__attribute__((noinline)) int step(int v) {
    return v * 3 + 1; /* @line optimized-step */
}

__attribute__((noinline)) int walk(int n) {
    struct pair p = {n, 2 * n};
    int sum = 0;
    for (int i = 0; i < n; i++) {
        p.x += step(i);
        p.y -= i;
        sum += p.x ^ p.y;
    }
    return sum + p.x + p.y;
}

int main(int argc, char **argv) {
    printf("walk=%d\n", walk(argc + 4));
    return 0;
}
