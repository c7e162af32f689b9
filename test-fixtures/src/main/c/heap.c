/* Writes a malloc'd buffer in a loop, so memory reads show values changing on the heap. */
#include <stdio.h>
#include <stdlib.h>

#define COUNT 64

int main(void) {
    int *buf = malloc(COUNT * sizeof(int));
    if (buf == NULL) {
        printf("malloc failed\n");
        return 1;
    }
    for (int i = 0; i < COUNT; i++) {
        buf[i] = i * 3; /* @line heap-store */
    }
    long sum = 0;
    for (int i = 0; i < COUNT; i++) {
        sum += buf[i];
    }
    printf("sum=%ld\n", sum);
    free(buf);
    return 0;
}
