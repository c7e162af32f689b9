/* Traps with `unreachable` two calls below main. */
#include <stdio.h>

void level2(int depth) {
    if (depth > 0) {
        __builtin_trap(); /* @line trap-here */
    }
}

void level1(int depth) {
    level2(depth + 1);
}

int main(void) {
    printf("about to trap\n");
    /* stdout is fully buffered when it is not a terminal, and a trap skips exit's flush. */
    fflush(stdout);
    level1(1);
    printf("not reached\n");
    return 0;
}
