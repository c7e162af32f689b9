/* Breakpoint resolution: a helper inlined twice into one function (two copies of its lines),
 * and an export whose name is not its function's. */
#include <stdio.h>

static inline __attribute__((always_inline)) int twice(int v) {
    int doubled = v * 2; /* @line inlined-body */
    return doubled;
}

__attribute__((export_name("process"))) int process_values(int a, int b) {
    int first = twice(a); /* @line inlined-first-call */

    int second = twice(b); /* @line inlined-second-call */
    return first + second;
}

int main(void) {
    printf("process=%d\n", process_values(3, 4));
    return 0;
}
