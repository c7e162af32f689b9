// The plugin of examples/plugin-host: a WebAssembly reactor, a module without main that a host
// initializes once (_initialize, which wasi-libc's reactor start file exports) and then calls as
// often as it likes. It needs one thing from its host, env.log, and no WASI at all, so the host
// gives it nothing else. Built with DWARF and without optimization so that every local can be
// seen and every line stepped to (run.sh rebuilds it when this file changes):
//   clang-16 --target=wasm32-wasi -mexec-model=reactor -g -O0 plugin.c -o plugin.wasm
// test-fixtures/src/main/c/plugin.c links here: the same file is the tests' "plugin" fixture.

// Provided by the host: prints LENGTH bytes of this module's memory from MESSAGE (not
// NUL-terminated: the host reads exactly what it is given). Named host_log in C because log()
// is the C library's logarithm.
__attribute__((import_module("env"), import_name("log")))
void host_log(const char *message, int length);

// How many calls process() has completed: a global to watch or print from a debugger.
int calls;

// One term of process()'s sum, in a function of its own so that there is a call to step into.
static int term(int i) {
    return i * i + 1;
}

// Copies the NUL-terminated TEXT to OUT, without the NUL, and returns how many characters it
// copied. The plugin calls nothing in the C library (no strcpy), which keeps WASI out of its
// imports.
static int append_text(char *out, const char *text) {
    int count = 0;
    while (text[count] != '\0') {
        out[count] = text[count];
        count++;
    }
    return count;
}

// Writes VALUE (0 or more) in decimal at OUT and returns how many characters that took. No
// printf either: the digits come out least significant first and are turned around.
static int append_number(char *out, int value) {
    char digits[10];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0);
    for (int i = 0; i < count; i++) {
        out[i] = digits[count - 1 - i];
    }
    return count;
}

// Exported to the host: the sum of term(1) .. term(x), that is x(x+1)(2x+1)/6 + x. Before it
// returns it tells the host "sum(1..X) = TOTAL" through env.log, as a string in its own memory.
__attribute__((export_name("process")))
int process(int x) {
    int total = 0;
    for (int i = 1; i <= x; i++) {
        total += term(i); // @line plugin-loop
    }
    char message[40]; // "sum(1..X) = TOTAL" for any two ints fits
    int length = append_text(message, "sum(1..");
    length += append_number(message + length, x);
    length += append_text(message + length, ") = ");
    length += append_number(message + length, total);
    host_log(message, length); // @line plugin-log
    calls++;
    return total;
}
