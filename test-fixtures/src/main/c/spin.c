/* Never exits: the target for interrupt (Ctrl-C) and kill tests. */
#include <stdio.h>

volatile unsigned g_counter;

int main(void) {
    printf("spinning\n");
    /* Nothing else would flush it: the program never reaches exit. */
    fflush(stdout);
    for (;;) {
        g_counter++; /* @line spin-loop */
    }
}
