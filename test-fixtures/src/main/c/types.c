/* Locals of many C types, for the DWARF variable view (the monitor's 'vars'): at the marked
 * line every one of them holds the value it was initialised with. */
#include <stdbool.h>
#include <stdio.h>

typedef unsigned int counter_t;
enum color { RED, GREEN = 5, BLUE };
struct point { int x; short y; char tag; };
union number { int i; float f; };
struct line { struct point from; struct point to; const char *label; };
struct flags { unsigned low : 3; int high : 4; };
struct tagged { int kind; union { int i; float f; }; };
typedef struct { int a; short b; } pair_t;

static int present(const void *p) { return p != 0; }
static int twice(int x) { return 2 * x; }

/* A variable-length array: its count is another variable, __vla_expr0, which sizes it. */
static int sized(int n) {
    int vla[n];
    vla[0] = n;
    return present(vla) + vla[0]; /* @line types-vla */
}

int main(void) {
    int negative = -42;
    unsigned char byte = 200;
    char letter = 'A';
    bool flag = true;
    float ratio = 0.5f;
    double precise = 2.25;
    long long big = 1LL << 40;
    counter_t count = 7;
    enum color color = GREEN;
    struct point point = {3, -4, 'p'};
    union number number = {.f = 1.0f};
    int values[5] = {1, 2, 3, 4, 5};
    char word[8] = "hi";
    const char *text = "hello";
    struct line line = {{1, 2, 'a'}, {3, 4, 'b'}, "diagonal"};
    int *nowhere = 0;
    int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
    int (*row)[3] = grid;
    char *const fixed = word;
    const char *const label = text;
    int (*operation)(int) = twice;
    struct flags bits = {5, -3};
    struct point *where = &point;
    struct line *path = &line;
    struct tagged tagged = {1, {.i = 7}};
    pair_t pair = {9, 10};
    int seen = present(&negative) + present(&point) + present(values) + present(word) + present(&line); /* @line types-stop */
    seen += present(row) + present(fixed) + present(label) + operation(0) + bits.low + sized(2);
    seen += present(where) + present(path) + present(&tagged) + present(&pair);
    printf("types seen=%d first=%d\n", seen, values[0]);
    return 0;
}
