// The bundled example: a small C program with recursion, globals, a heap buffer and a
// function-pointer call, to try the debugger on. Rebuild with examples/build.sh.
#include <stdio.h>
#include <stdlib.h>

int calls = 0;
int memo[16];

int fib(int n) {
    calls++;
    if (n < 2) {
        return n;
    }
    int left = fib(n - 1);
    int right = fib(n - 2);
    return left + right;
}

static int square(int x) { return x * x; }
static int twice(int x) { return 2 * x; }
static int (*transforms[])(int) = {square, twice};

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 10;
    for (int i = 0; i < 16; i++) {
        memo[i] = fib(i);
    }
    int *squares = malloc(sizeof(int) * 8);
    for (int i = 0; i < 8; i++) {
        squares[i] = transforms[i % 2](i);
    }
    printf("fib(%d) = %d after %d calls; squares[3] = %d\n", n, fib(n), calls, squares[3]);
    free(squares);
    return 0;
}
