/*
 * A compute-heavy guest for the debug-tax benchmark: deep recursion (calls and returns)
 * and a loop over a memory buffer (loads and stores), then a checksum that a benchmark
 * can verify. The two unused functions exist to carry breakpoints that are never hit.
 */
#include <stdio.h>

#define BUFFER_WORDS (256 * 1024)

static unsigned buffer[BUFFER_WORDS];

int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

unsigned churn(int rounds) {
    unsigned sum = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < BUFFER_WORDS; i++) {
            buffer[i] = buffer[i] * 31u + (unsigned) i + (unsigned) r;
            sum ^= buffer[i];
        }
    }
    return sum;
}

int never_called_a(int x) {
    return x * 3;
}

int never_called_b(int x) {
    return x - 7;
}

int main(int argc, char **argv) {
    int f = fib(25);
    unsigned c = churn(4);
    printf("fib(25)=%d churn=%u\n", f, c);
    return argc > 100 ? never_called_a(argc) + never_called_b(argc) : 0;
}
