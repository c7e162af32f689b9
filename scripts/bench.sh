#!/usr/bin/env bash
# Runs the performance benchmarks and prints the table that docs/performance.md records; the
# table is also written to benchmarks/target/results.md.
# Usage: scripts/bench.sh [all|lldb,tax,watch,throughput,step,cycle,memory,compiled]
# Takes about fifteen minutes; every figure is a ratio between two things measured in this run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
mvn -B -q -Dstyle.color=never -DskipTests install
names="${1:-all}"
[[ "$names" == all ]] && names="lldb,tax,watch,throughput,step,cycle,memory,compiled"
mkdir -p benchmarks/target
results=benchmarks/target/results.md
: > "$results"
prefix=""
# One JVM per benchmark: none runs on a heap or JIT state another one left behind.
for name in ${names//,/ }; do
  # Maven still prints colour resets around exec's output; the table must be plain text.
  encoders=auto
  # The module read once more with the scalar hex encoder, as a JVM without jdk.incubator.vector runs it.
  [[ "$name" == throughput ]] && encoders="auto scalar"
  for encoder in $encoders; do
    mvn -B -q -Dstyle.color=never -pl benchmarks exec:exec -Dbench.args="$prefix$name" -Dbench.hex="$encoder" \
      | sed 's/\x1b\[[0-9;]*m//g' | tee -a "$results"
    prefix="rows:"
  done
done
