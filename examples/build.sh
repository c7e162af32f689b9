#!/usr/bin/env bash
# Rebuilds the bundled example (needs clang-16 and wasi-libc: scripts/install-deps.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clang-16 --target=wasm32-wasi -g -O0 -o "$here/fib.wasm" "$here/fib.c"
echo "built $here/fib.wasm"
