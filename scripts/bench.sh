#!/usr/bin/env bash
# Runs the performance benchmarks and prints the table that docs/performance.md records.
# Usage: scripts/bench.sh [all|lldb,tax,throughput,step,cycle,memory]
# Takes a few minutes; every figure is a ratio between two things measured in this run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks exec:exec -Dbench.args="${1:-all}"
