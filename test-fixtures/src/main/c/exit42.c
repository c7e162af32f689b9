/* A non-zero exit status from exit() two calls below main (proc_exit mid-stack). */
#include <stdio.h>
#include <stdlib.h>

void leave(int code) {
    printf("exiting with %d\n", code);
    exit(code); /* @line exit42-exit */
}

void nested(void) {
    leave(42);
}

int main(void) {
    nested();
    printf("not reached\n");
    return 0;
}
