#!/usr/bin/env bash
# Builds the Wasm test fixtures into OUTDIR (NAME.wasm) and copies their sources to
# OUTDIR/src. Run by Maven in generate-resources; also usable by hand.
# A fixture is rebuilt only when one of its inputs (including this script, which holds
# the flags) is newer than its output, so repeated builds cost almost nothing.
set -euo pipefail

if (( $# != 1 )); then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

missing=()
for tool in clang-16 wasm-ld-16 wat2wasm python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if command -v clang-16 >/dev/null 2>&1; then
  # clang-16 alone cannot link for WASI; without these the error would come much later
  # as an obscure linker failure.
  [[ -e "$(clang-16 --target=wasm32-wasi -print-file-name=libc.a)" ]] || missing+=("wasi-libc")
  [[ -e "$(clang-16 --target=wasm32-wasi -print-libgcc-file-name)" ]] \
    || missing+=("libclang-rt-16-dev-wasm32")
fi
if (( ${#missing[@]} > 0 )); then
  echo "build-fixtures: missing ${missing[*]}; run scripts/install-deps.sh (from the repository root) first" >&2
  exit 1
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"
c_dir="$here/src/main/c"
wat_dir="$here/src/main/wat"
mkdir -p "$1/src"
out="$(cd "$1" && pwd)"

# 9600 functions give about 11.6 MB; the margin keeps big.wasm above the 10 MiB bar
# if a toolchain update shrinks the output a little.
big_functions=9600
big_min_bytes=10485760

# Two-module C program: the library owns the memory and lives below 64 KiB (data from
# 1024, an 8 KiB stack); main's data and 64 KiB stack start at 64 KiB, its heap above.
# Main imports the memory with a minimum of 4 pages, so the library must export at least 4.
twomod_pages_bytes=262144

# up_to_date OUTPUT INPUT...: true if OUTPUT exists and is newer than every INPUT.
up_to_date() {
  local target="$1" input
  shift
  [[ -e "$target" ]] || return 1
  for input in "$@"; do
    [[ "$target" -nt "$input" ]] || return 1
  done
}

# Outputs are written under a temporary name and moved into place, so an interrupted
# build never leaves a truncated file that looks up to date.
clang_wasm() {
  local name="$1" src="$2"
  shift 2
  local target="$out/$name.wasm"
  up_to_date "$target" "$src" "$self" && return 0
  echo "build-fixtures: $name.wasm"
  # From the source's directory, so DW_AT_name is the bare file name ("fib.c") and
  # DW_AT_comp_dir is where a debugger finds it.
  (cd "$(dirname "$src")" && clang-16 --target=wasm32-wasi -g -O0 "$@" \
    "$(basename "$src")" -o "$target.tmp")
  mv -f "$target.tmp" "$target"
}

wat_wasm() {
  local name="$1" src="$2"
  local target="$out/$name.wasm"
  up_to_date "$target" "$src" "$self" && return 0
  echo "build-fixtures: $name.wasm"
  wat2wasm --debug-names "$src" -o "$target.tmp"
  mv -f "$target.tmp" "$target"
}

copy_source() {
  local src="$1" target="$out/src/$(basename "$1")"
  up_to_date "$target" "$src" || cp "$src" "$target"
}

for src in "$c_dir"/*.c "$wat_dir"/*.wat; do
  copy_source "$src"
done

for prog in fib heap fnptr trap spin exitcode exit42 compute types inlined; do
  clang_wasm "$prog" "$c_dir/$prog.c"
done

# fib.c once more in DWARF 5 (clang-16 writes DWARF 4 for Wasm unless told): the other
# line-table header format, with file names in .debug_line_str. wasi-libc's units stay DWARF 4.
clang_wasm fib_dwarf5 "$c_dir/fib.c" -gdwarf-5

# Optimized: a local struct kept in Wasm locals, described with DW_OP_piece (a later -O wins).
clang_wasm optimized "$c_dir/optimized.c" -O2

clang_wasm twomod_lib "$c_dir/twomod_lib.c" \
  -nostdlib -Wl,--no-entry \
  -Wl,--export=lib_scale -Wl,--export=lib_fill -Wl,--export=lib_calls \
  -Wl,--global-base=1024 -z stack-size=8192 \
  -Wl,--initial-memory=$twomod_pages_bytes

# -Xlinker, not -Wl: the clang driver would split "lib,memory" at the comma.
clang_wasm twomod_main "$c_dir/twomod_main.c" \
  -Xlinker --import-memory=lib,memory -Wl,--export-memory \
  -Wl,--global-base=65536 -z stack-size=65536 \
  -Wl,--initial-memory=$twomod_pages_bytes

# A reactor: no main; wasi-libc's crt1-reactor.o supplies the _initialize export. plugin.c is a
# link to examples/plugin-host's plugin, which the example host runs.
clang_wasm plugin "$c_dir/plugin.c" -mexec-model=reactor
# The same plugin rebuilt with other flags: what a stale compiled artifact embeds when the .wasm
# changed after compilation (the compiled-artifact tests).
clang_wasm plugin_rebuilt "$c_dir/plugin.c" -mexec-model=reactor -O1

# WAT outputs carry a _wat suffix: trap and spin exist in both languages.
for prog in loop spin trap exit lib main steps echo watch hostwrite reactor hostmem; do
  wat_wasm "${prog}_wat" "$wat_dir/$prog.wat"
done

big_src="$out/src/big.c"
if ! up_to_date "$big_src" "$here/gen-big.py" "$self"; then
  python3 "$here/gen-big.py" "$big_functions" "$big_src.tmp"
  mv -f "$big_src.tmp" "$big_src"
fi
if ! up_to_date "$out/big.wasm" "$big_src" "$self"; then
  started=$SECONDS
  clang_wasm big "$big_src"
  echo "build-fixtures: big.wasm took $((SECONDS - started)) s"
fi
big_bytes=$(stat -c %s "$out/big.wasm")
if (( big_bytes < big_min_bytes )); then
  echo "build-fixtures: big.wasm is $big_bytes bytes, below $big_min_bytes;" \
    "raise big_functions in $self" >&2
  exit 1
fi
