/* Recursive Fibonacci: a parameter, a local, two globals and a deep call chain. */
#include <stdio.h>

int g_calls;
int g_table[8];

int fib(int n) {
    int local_n = n; /* @line fib-local */
    g_calls++;
    if (local_n < 2) {
        return local_n; /* @line fib-base */
    }
    return fib(local_n - 1) + fib(local_n - 2); /* @line fib-rec-call */
}

int main(void) {
    int result = fib(10); /* @line fib-main-call */
    printf("fib(10)=%d calls=%d\n", result, g_calls); /* @line fib-print */
    for (int i = 0; i < 8; i++) {
        g_table[i] = fib(i);
    }
    printf("table=%d %d %d %d %d %d %d %d calls=%d\n", g_table[0], g_table[1],
           g_table[2], g_table[3], g_table[4], g_table[5], g_table[6], g_table[7],
           g_calls);
    return 0;
}
