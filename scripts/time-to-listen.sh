#!/usr/bin/env bash
# Time to listen: from starting bin/chicory-gdbstub (jar built, class data archive present) to
# its "listening" line, idle and with two busy loops of this script's own on the cores, next to
# the start-up of `java -version` measured in the same run. Prints a Markdown table.
# Usage: scripts/time-to-listen.sh [RUNS]   (default 10 runs per figure; build the jar first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
module="$root/examples/fib.wasm"
launcher="$root/bin/chicory-gdbstub"
work="$(mktemp -d)"
busy=()
cleanup() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

now_ns() { date +%s%N; }

# One server start: milliseconds until the listening line reached its stderr.
listen_ms() {
  local fifo="$work/stderr" start end line pid
  mkfifo "$fifo"
  start=$(now_ns)
  "$launcher" -g 127.0.0.1:0 "$module" >/dev/null 2>"$fifo" &
  pid=$!
  end=""
  while IFS= read -r -t 30 line; do
    if [[ "$line" == *"listening on"* ]]; then
      end=$(now_ns)
      break
    fi
  done <"$fifo"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$fifo"
  [[ -n "$end" ]] || { echo "time-to-listen: the server did not listen within 30 s" >&2; exit 1; }
  echo $(((end - start) / 1000000))
}

java_ms() {
  local start end
  start=$(now_ns)
  java -version 2>/dev/null
  end=$(now_ns)
  echo $(((end - start) / 1000000))
}

# "median max" of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[NR] }'
}

measure() {
  local label="$1" i listen=() java=()
  for ((i = 0; i < runs; i++)); do
    listen+=("$(listen_ms)")
    java+=("$(java_ms)")
  done
  read -r listen_median listen_max < <(printf '%s\n' "${listen[@]}" | stats)
  read -r java_median java_max < <(printf '%s\n' "${java[@]}" | stats)
  printf '| %s | %s ms | %s ms | %s ms | %s ms | %.2f | %s |\n' "$label" "$listen_median" "$listen_max" \
    "$java_median" "$java_max" "$(echo "$listen_median / $java_median" | bc -l)" \
    "$( ((listen_max < 1000)) && echo "met (max < 1 s)" || echo "**not met**")"
}

# The first two runs after a build record the class data archive and adopt it (see the launcher).
listen_ms >/dev/null
listen_ms >/dev/null
jars=("$root"/gdbstub/target/gdbstub-*-cli.jar)
[[ -f "${jars[0]%.jar}.jsa" ]] || { echo "time-to-listen: no class data archive next to ${jars[0]}" >&2; exit 1; }

echo "| $runs runs each | listen, median | listen, max | java -version, median | java -version, max | ratio of medians | under 1 s |"
echo "|---|---|---|---|---|---|---|"
measure "idle"
# Two busy loops, one per core, each ending by itself after five minutes at the latest.
for _ in 1 2; do
  bash -c 'end=$((SECONDS + 300)); while ((SECONDS < end)); do :; done' &
  busy+=("$!")
done
measure "two busy loops"
