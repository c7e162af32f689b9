#!/usr/bin/env bash
# LLDB's own API test suite against chicory-gdbstub: a repeatable conformance run, not part of
# scripts/test.sh (it downloads a ~200 MB source package). See docs/clients.md, "LLDB's API
# test suite".
#
#   scripts/lldb-conformance.sh [TEST-DIR...]     (default: lang/c functionalities/breakpoint)
#
# TEST-DIRs are relative to lldb/test/API. Steps:
#  1. Fetch the orig tarball of Debian's llvm-toolchain-22 source package, the version of the
#     installed libllvm22 (the LLDB 22 of scripts/lldb-22), through a private apt source list of
#     deb-src lines for the same mirrors and suites as the system's deb lines. Only lldb/ is
#     extracted, into $CHICORY_GDBSTUB_LLVM22_CACHE (default /var/cache/chicory-gdbstub/llvm-22),
#     outside the repository; a second run reuses it.
#  2. Apply the run-time patches below to that copy of lldbsuite (from pristine copies, so
#     re-running is idempotent).
#  3. Run dotest.py with LLDB 22, clang-16 for wasm32-wasi with DWARF, --platform-name wasm and
#     the platform's runtime set to bin/chicory-gdbstub --lldb-platform, then print the counts.
#
# Environment: DOTEST_ARGS (extra dotest.py arguments, e.g. "-p TestBreakpointCommand.py"),
# CONFORMANCE_LOG (where the full dotest output goes; default $cache/last-run.log).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${CHICORY_GDBSTUB_LLVM22_CACHE:-/var/cache/chicory-gdbstub/llvm-22}"
package=llvm-toolchain-22
version="$(dpkg-query -W -f='${Version}' libllvm22 2>/dev/null || true)"   # 1:22.1.8-1~deb12u1
if [[ -z "$version" ]]; then
  echo "lldb-conformance: libllvm22 is not installed; run scripts/install-deps.sh" >&2
  exit 1
fi
upstream="${version#*:}"
upstream="${upstream%-*}"                                                 # 22.1.8
src="$cache/$upstream"
lldb_bin="${CHICORY_GDBSTUB_LLDB22_PREFIX:-/opt/chicory-gdbstub/lldb-22}/usr/lib/llvm-22/bin/lldb"
cc=/usr/lib/llvm-16/bin/clang   # wasm-ld (lld-16) sits beside it, where the driver looks first
# Makefile.rules links every test with the C++ driver, which adds -lc++ -lc++abi even for C.
for pkg in libc++-16-dev-wasm32 libc++abi-16-dev-wasm32; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    echo "lldb-conformance: $pkg is missing: apt-get install libc++-16-dev-wasm32 libc++abi-16-dev-wasm32" >&2
    exit 1
  fi
done

# --- 1. sources -------------------------------------------------------------------------------
fetch_sources() {
  local apt_dir="$cache/apt" orig uri name size hash
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$cache/download"
  rm -f "$apt_dir/sources.list.d/"*
  # deb-src twins of the system's Debian entries (one-line and deb822 formats).
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] && sed -n 's/^deb \(.*debian\.org.*\)/deb-src \1/p' "$f"
  done > "$apt_dir/sources.list.d/src.list"
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && grep -q '^URIs:.*debian' "$f" \
      && sed 's/^Types: deb$/Types: deb-src/' "$f" > "$apt_dir/sources.list.d/$(basename "$f")"
  done
  local apt=(apt-get -q -o Dir::Etc::SourceList=/dev/null
             -o Dir::Etc::SourceParts="$apt_dir/sources.list.d"
             -o Dir::State::Lists="$apt_dir/lists" -o APT::Sandbox::User=root)
  "${apt[@]}" update >/dev/null
  # The orig tarball's URI, size and SHA256 from the (signed) Sources index.
  read -r uri name size hash < <("${apt[@]}" source --download-only --print-uris \
    "$package=$version" | grep "^'.*\.orig\.tar\.[a-z]*' ")
  uri="${uri//\'/}"
  orig="$cache/download/$name"
  if [[ ! -f "$orig" ]] || [[ "$(sha256sum "$orig" | cut -d' ' -f1)" != "${hash#SHA256:}" ]]; then
    # debian-security does not always carry the orig tarball of a package it first shipped
    # (it 404s here); Debian requires one orig name to have one content across suites, so
    # fall back to the main archive's pool. apt-helper checks the hash either way.
    /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file "$uri" "$orig" "$hash" \
      || /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file \
           "${uri/debian-security\/pool\/updates\//debian/pool/}" "$orig" "$hash"
  fi
  echo "lldb-conformance: extracting lldb/ from $name"
  rm -rf "$src.new" && mkdir -p "$src.new"
  tar -xJf "$orig" -C "$src.new" --strip-components=1 "${name%.orig.tar.*}/lldb"
  rm -rf "$src" && mv "$src.new" "$src"
  touch "$src/.complete"
}
if [[ ! -f "$src/.complete" ]]; then
  fetch_sources
fi

# --- 2. run-time patches to lldbsuite 22.1.8 (which predates upstream's Wasm support) ---------
# Each patch replaces one exact snippet, from a pristine copy kept beside the file, and fails
# loudly if the snippet is gone (a different LLDB version needs the patches revisited).
suite="$src/lldb/packages/Python/lldbsuite/test"
python3 - "$suite" <<'EOF'
import os, shutil, sys
suite = sys.argv[1]
patches = [
    # P1. --setting values are passed as "setting set KEY VALUE"; ours begin with a dash
    #     (-g=127.0.0.1:, --lldb-platform), which `settings set` reads as its own options.
    ("lldbtest.py", 'commands.append("setting set %s %s" % (setting, value))',
     'commands.append("settings set -- %s %s" % (setting, value))'),
    # P2. The OS of the selected platform comes from its triple; the wasm platform has none,
    #     so getPlatform() was "" and every build failed on the OS lookup. Name it "wasi".
    ("lldbplatformutil.py", "    return \"\"\n\n\ndef getHostPlatform",
     "    if p.GetName() == \"wasm\":\n        return \"wasi\"\n    return \"\"\n\n\ndef getHostPlatform"),
    # P3. ...and give "wasi" a Makefile OS (Makefile.rules only needs it not to be Darwin,
    #     Android or Windows_NT).
    ("lldbplatformutil.py", '"darwin": "Darwin",\n    }',
     '"darwin": "Darwin",\n        "wasi": "WASI",\n    }'),
    # P4. Environment context: tests pass the shared-library search variable of the platform
    #     (PATH for unknown ones) to the inferior. WASI has no shared libraries, and LLDB 22's
    #     wasm platform forwards no environment; use a variable nobody reads.
    ("lldbplatformutil.py", '    else:\n        return _PlatformContext("PATH", ";", "", "dll")',
     '    elif getPlatform() == "wasi":\n        return _PlatformContext("WASI_NO_SHLIB_PATH", ":", "lib", "so")\n'
     '    else:\n        return _PlatformContext("PATH", ";", "", "dll")'),
    # P5. Makefile.rules turns ARCH into -m$(ARCH) (-mwasm32, which clang rejects); the target
    #     comes from --triple (ARCH_CFLAGS=-target wasm32-wasi), so drop the flag as for arm.
    ("make/Makefile.rules", '\tifeq "$(ARCH)" "s390x"\n',
     '\tifeq "$(ARCH)" "wasm32"\n\t\toverride ARCH :=\n\t\toverride ARCHFLAG :=\n\tendif\n'
     '\tifeq "$(ARCH)" "s390x"\n'),
]
for rel, old, new in patches:
    path = os.path.join(suite, rel)
    if not os.path.exists(path + ".pristine"):
        shutil.copy(path, path + ".pristine")
for rel in sorted({p[0] for p in patches}):
    path = os.path.join(suite, rel)
    text = open(path + ".pristine").read()
    for r, old, new in patches:
        if r != rel:
            continue
        if text.count(old) != 1:
            sys.exit("lldb-conformance: patch target not found once in %s: %r" % (rel, old))
        text = text.replace(old, new)
    open(path, "w").write(text)
EOF

# --- 3. run -------------------------------------------------------------------------------------
# One dotest.py per test file, as lit runs the suite: an LLDB crash (lang/c/modules aborts the
# process) then costs one file, not the run. A file that crashes or exceeds
# $CONFORMANCE_FILE_TIMEOUT seconds (default 600) is counted under "crashed".
dirs=("$@")
(( ${#dirs[@]} )) || dirs=(lang/c functionalities/breakpoint)
log="${CONFORMANCE_LOG:-$cache/last-run.log}"
build="$cache/build"
mkdir -p "$build"
: > "$log"
"$repo/bin/chicory-gdbstub" --help >/dev/null   # builds the jar now rather than in the first test
pythonpath="$("$repo/scripts/lldb-22" -P)"
# clang-16's WebAssembly driver looks for libc++'s headers under $sysroot/include/wasm32-wasi/c++/v1
# with an empty sysroot, so C++ tests found no <cstdlib>; Debian puts them under /usr. Make
# reads CXXFLAGS from the environment and Makefile.rules only appends to it.
export CXXFLAGS="-isystem /usr/include/wasm32-wasi/c++/v1"
crashed=()
while IFS= read -r file; do
  echo "=== $file" >> "$log"
  rc=0
  # shellcheck disable=SC2086
  PYTHONPATH="$pythonpath" timeout "${CONFORMANCE_FILE_TIMEOUT:-600}" \
    python3 "$src/lldb/test/API/dotest.py" \
    --executable "$lldb_bin" \
    --compiler "$cc" --arch wasm32 --triple wasm32-wasi \
    --platform-name wasm \
    --setting "platform.plugin.wasm.runtime-path=$repo/bin/chicory-gdbstub" \
    --setting "platform.plugin.wasm.port-arg=-g=127.0.0.1:" \
    --setting "platform.plugin.wasm.runtime-args=--lldb-platform" \
    --cmake-build-type Release --llvm-tools-dir /usr/lib/llvm-16/bin --make "$(command -v make)" \
    --build-dir "$build" \
    --lldb-module-cache-dir "$cache/module-cache-lldb" \
    --clang-module-cache-dir "$cache/module-cache-clang" \
    ${DOTEST_ARGS:-} -p "$(basename "$file")" "$(dirname "$file")" >> "$log" 2>&1 || rc=$?
  # dotest exits 1 when a test failed; anything else means it did not finish.
  if (( rc != 0 && rc != 1 )); then
    crashed+=("${file#"$src/lldb/test/API/"} (exit $rc)")
  fi
done < <(for d in "${dirs[@]}"; do find "$src/lldb/test/API/$d" -name 'Test*.py'; done | sort)

# Result lines: PASS/FAIL/XFAIL/UNSUPPORTED/XPASS ": LLDB (config) :: test"; failures and errors
# both print FAIL there, so those two are told apart by unittest's "FAIL: test_x" and
# "ERROR: test_x" report headers.
count() { grep -cE "^$1" "$log" || true; }
echo "lldb-conformance: full output in $log"
grep -E "^(FAIL|ERROR): test" "$log" || true
for c in "${crashed[@]}"; do echo "CRASHED: $c"; done
echo "pass=$(count "PASS: LLDB") fail=$(count "FAIL: test") error=$(count "ERROR: test")" \
     "skip=$(count "UNSUPPORTED: LLDB") xfail=$(count "XFAIL: LLDB") xpass=$(count "XPASS: LLDB")" \
     "crashed=${#crashed[@]}"
