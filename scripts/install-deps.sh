#!/usr/bin/env bash
# Installs the Debian packages the build and the real-client tests need:
# clang/lld/wasi-libc and wabt to build the test fixtures, lldb-19 and gdb to drive the stub,
# llvm-16 for llvm-dwarfdump, which the tests read DWARF facts with, and LLDB 22 (the
# reference client: the first Debian LLDB with the Wasm process plugin).
#
# LLDB 22 cannot be installed with apt beside LLDB 19: python3-lldb-22 and python3-lldb-19 both
# provide and conflict with python3-lldb-x.y, so installing one removes the other. Its libraries
# libllvm22 and libclang-cpp22 do install normally; lldb-22, liblldb-22 and python3-lldb-22 are
# unpacked (apt-get download + dpkg -x) into a private prefix instead, and scripts/lldb-22 and
# scripts/lldb-dap-22 run them from there.
#
# The prefix is /opt/chicory-gdbstub/lldb-22 (override: CHICORY_GDBSTUB_LLDB22_PREFIX, which
# the wrappers honour too). Under /opt rather than a home directory because the script runs as
# root or through sudo while the tests run as a user: /opt is the same path for both, and it sits
# outside the repository, so every worktree shares one copy and `git clean` cannot remove it.
#
# Safe to run repeatedly and fast when nothing is missing: apt-get runs only for missing
# packages, and the unpacking only when the prefix does not hold the libllvm22 version that is
# installed (lldb-22 needs exactly that version, so a security update of libllvm22 re-unpacks).
set -euo pipefail

packages=(
  lldb-19 python3-lldb-19 liblldb-19-dev
  gdb
  clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32
  llvm-16
  wabt
  # LLDB 22's libraries, and what its unpacked packages link against or run.
  libllvm22 libclang-cpp22
  libcurl4 libedit2 libipt2 libncurses6 libpython3.11 libtinfo6 libxml2 libz3-4 libzstd1 zlib1g python3
)
# The packages unpacked into the prefix (lldb-dap is part of lldb-22).
unpacked=(lldb-22 liblldb-22 python3-lldb-22)
prefix="${CHICORY_GDBSTUB_LLDB22_PREFIX:-/opt/chicory-gdbstub/lldb-22}"
stamp="$prefix/.installed-version"
lldb22="$prefix/usr/lib/llvm-22/bin/lldb"

installed_version() {
  local status
  status="$(dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null || true)"
  [[ "$status" == "install ok installed "* ]] && echo "${status#install ok installed }"
}

missing_packages() {
  local pkg
  for pkg in "${packages[@]}"; do
    if [[ -z "$(installed_version "$pkg")" ]]; then
      echo "$pkg"
    fi
  done
}

lldb22_is_current() {
  local want
  want="$(installed_version libllvm22)"
  [[ -n "$want" && -x "$lldb22" && -f "$stamp" && "$(<"$stamp")" == "$want" ]]
}

mapfile -t missing < <(missing_packages)
if (( ${#missing[@]} == 0 )) && lldb22_is_current; then
  exit 0
fi

# Through env, because sudo's default env_reset would drop an exported variable.
as_root=(env DEBIAN_FRONTEND=noninteractive)
if (( EUID != 0 )); then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo "${as_root[@]}")
  else
    echo "install-deps: not root and sudo is not available; run this script as root" >&2
    exit 1
  fi
fi
apt=("${as_root[@]}" apt-get)
updated=false

if (( ${#missing[@]} > 0 )); then
  echo "install-deps: installing ${missing[*]}"
  if ! "${apt[@]}" update || ! "${apt[@]}" install -y "${missing[@]}"; then
    echo "install-deps: apt-get failed" >&2
  fi
  updated=true
  mapfile -t still_missing < <(missing_packages)
  if (( ${#still_missing[@]} > 0 )); then
    echo "install-deps: still missing after apt-get: ${still_missing[*]}" >&2
    exit 1
  fi
fi

if ! lldb22_is_current; then
  version="$(installed_version libllvm22)"
  echo "install-deps: unpacking ${unpacked[*]} $version into $prefix"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # apt-get download needs no root; as root, tell apt not to drop to the _apt user, which
  # cannot write to a private temporary directory.
  download=(apt-get download)
  if (( EUID == 0 )); then
    download+=(-o APT::Sandbox::User=root)
  fi
  wanted=()
  for pkg in "${unpacked[@]}"; do
    wanted+=("$pkg=$version")
  done
  # The package lists may predate the version that is installed (or the pool may have moved
  # on): update them once and try again.
  if ! (cd "$work" && "${download[@]}" "${wanted[@]}"); then
    if $updated || ! "${apt[@]}" update || ! (cd "$work" && "${download[@]}" "${wanted[@]}"); then
      echo "install-deps: could not download ${wanted[*]}" >&2
      exit 1
    fi
  fi
  # Unpack beside the prefix and swap it in only once it runs, so an interrupted run never
  # leaves a half-filled prefix that the stamp would vouch for.
  staging="$prefix.new.$$"
  "${as_root[@]}" rm -rf "$staging"
  "${as_root[@]}" mkdir -p "$staging"
  for deb in "$work"/*.deb; do
    "${as_root[@]}" dpkg -x "$deb" "$staging"
  done
  if ! "$staging/usr/lib/llvm-22/bin/lldb" --no-lldbinit --version | grep -q "lldb version 22\."; then
    echo "install-deps: the unpacked lldb does not run:" >&2
    "$staging/usr/lib/llvm-22/bin/lldb" --version >&2 || true
    "${as_root[@]}" rm -rf "$staging"
    exit 1
  fi
  echo "$version" | "${as_root[@]}" tee "$staging/.installed-version" >/dev/null
  "${as_root[@]}" rm -rf "$prefix"
  "${as_root[@]}" mv "$staging" "$prefix"
fi

# LLDB 19 and GDB must have survived (nothing above may replace them).
for check in "lldb-19 --version" "gdb --version" "$lldb22 --no-lldbinit --version"; do
  if ! $check >/dev/null 2>&1; then
    echo "install-deps: '$check' failed after installing" >&2
    exit 1
  fi
done
