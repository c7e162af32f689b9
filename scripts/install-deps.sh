#!/usr/bin/env bash
# Installs the Debian packages the build and the real-client tests need:
# clang/lld/wasi-libc and wabt to build the test fixtures, lldb and gdb to drive the stub,
# llvm-16 for llvm-dwarfdump, which the tests read DWARF facts with.
# Safe to run repeatedly: it only calls apt-get when something is missing.
set -euo pipefail

packages=(
  lldb-19 python3-lldb-19 liblldb-19-dev
  gdb
  clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32
  llvm-16
  wabt
)

missing_packages() {
  local pkg
  for pkg in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
      echo "$pkg"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if (( ${#missing[@]} == 0 )); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"

# Through env, because sudo's default env_reset would drop an exported variable.
apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
if (( EUID != 0 )); then
  if command -v sudo >/dev/null 2>&1; then
    apt=(sudo "${apt[@]}")
  else
    echo "install-deps: not root and sudo is not available; as root, run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! "${apt[@]}" update || ! "${apt[@]}" install -y "${missing[@]}"; then
  echo "install-deps: apt-get failed" >&2
fi

mapfile -t still_missing < <(missing_packages)
if (( ${#still_missing[@]} > 0 )); then
  echo "install-deps: still missing after apt-get: ${still_missing[*]}" >&2
  exit 1
fi
