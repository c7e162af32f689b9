#!/usr/bin/env bash
# Runs the plugin-host example: a Java application (PluginHost.java) that calls a C WebAssembly
# plugin (plugin.c) from a pool of threads and prints "process(X) = Y" for x = 1 to 20.
# Usage: examples/plugin-host/run.sh [-g HOST:PORT]
#   -g HOST:PORT  serve the plugin to LLDB there, and wait for a debugger before the first call
#
# Builds what it needs on first use, and again when its inputs change: the server jar (through
# bin/chicory-gdbstub), plugin.wasm (committed, so clang-16 is only needed after editing
# plugin.c) and PluginHost's class (in target/, not committed). Build messages go to stderr:
# stdout is the host's own output.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

fail() {
  echo "plugin-host: $*" >&2
  exit 2
}

command -v javac >/dev/null 2>&1 || fail "javac not found: install a Java 17 or later JDK (Debian: apt-get install openjdk-17-jdk-headless)"

# The cli jar bundles Chicory, the runtime, the server and its logging; the launcher rebuilds it
# when it is missing or older than the sources, with the build's output in gdbstub/target/build.log.
jar="$(CHICORY_GDBSTUB_BUILD_ONLY=1 "$root/bin/chicory-gdbstub")"

# Compiled from this directory with the checkout's path mapped away, so the DWARF names
# plugin.c in examples/plugin-host (LLDB finds it from the repository root) and every checkout
# builds the same bytes as the committed file.
wasm="$here/plugin.wasm"
if [[ ! -e "$wasm" || "$here/plugin.c" -nt "$wasm" ]]; then
  if command -v clang-16 >/dev/null 2>&1; then
    echo "plugin-host: compiling plugin.c" >&2
    (cd "$here" && clang-16 --target=wasm32-wasi -mexec-model=reactor -g -O0 \
      -fdebug-prefix-map="$here"=examples/plugin-host plugin.c -o "plugin.wasm.$$")
    mv -f "$wasm.$$" "$wasm"
  elif [[ -e "$wasm" ]]; then
    # A checkout gives its files whatever times it likes: plugin.c may look newer unedited.
    echo "plugin-host: clang-16 not found; running plugin.wasm, which may predate plugin.c" >&2
  else
    fail "clang-16 not found: install clang-16, lld-16 and wasi-libc (scripts/install-deps.sh) to build plugin.wasm"
  fi
fi

# Into a directory of its own first and then moved into place, so that a run never sees half a
# compilation by another.
classes="$here/target/classes"
class="$classes/PluginHost.class"
if [[ ! -e "$class" || "$here/PluginHost.java" -nt "$class" || "$jar" -nt "$class" ]]; then
  mkdir -p "$here/target"
  fresh="$(mktemp -d "$here/target/classes.XXXXXX")"
  javac -d "$fresh" -cp "$jar" "$here/PluginHost.java"
  rm -rf "$classes"
  mv "$fresh" "$classes"
fi

# As bin/chicory-gdbstub runs the server: JVM messages on stderr, and only errors.
exec java -Xlog:disable -Xlog:all=error:stderr -XX:+DisplayVMOutputToStderr -XX:+UseSerialGC \
  -Dlogback.configurationFile="$here/logback.xml" -Dplugin.wasm="$wasm" -cp "$jar:$classes" PluginHost "$@"
