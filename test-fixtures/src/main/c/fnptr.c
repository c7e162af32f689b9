/* Calls through a table of function pointers, which compiles to call_indirect. */
#include <stdio.h>

typedef int (*binop)(int, int);

int add(int a, int b) {
    return a + b; /* @line fnptr-add */
}

int sub(int a, int b) {
    return a - b;
}

int mul(int a, int b) {
    return a * b;
}

binop g_ops[] = {add, sub, mul};
const char *g_names[] = {"add", "sub", "mul"};

int main(void) {
    for (int i = 0; i < 3; i++) {
        int r = g_ops[i](7, 3); /* @line fnptr-call */
        printf("%s(7,3)=%d\n", g_names[i], r);
    }
    return 0;
}
