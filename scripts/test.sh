#!/usr/bin/env bash
# Runs every test: unit tests, raw-RSP session tests and the real LLDB 19 / GDB 13 suites.
# Installs the system packages the tests need first (see scripts/install-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
exec mvn -B verify "$@"
