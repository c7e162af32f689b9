/*
 * Main half of the two-module program: a WASI command whose memory 0 is the one
 * exported by twomod_lib (imported as lib.memory), and which calls into the library.
 */
#include <stdio.h>

__attribute__((import_module("lib"), import_name("lib_scale")))
int lib_scale(int x);

__attribute__((import_module("lib"), import_name("lib_fill")))
void lib_fill(int *dst, int count, int value);

__attribute__((import_module("lib"), import_name("lib_calls")))
int lib_calls(void);

int g_main_buf[4];

int main(void) {
    int one = lib_scale(14); /* @line twomod-call */
    lib_fill(g_main_buf, 4, 10);
    printf("lib_scale(14)=%d\n", one);
    printf("filled=%d %d %d %d\n", g_main_buf[0], g_main_buf[1], g_main_buf[2],
           g_main_buf[3]);
    printf("lib calls=%d\n", lib_calls());
    return 0;
}
