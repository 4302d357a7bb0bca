#!/usr/bin/env bash
# Runs the kernel's Python test suites (Tests/jupyter: jupyter_kernel_test conformance,
# protocol tests, notebooks) against a kernel binary.
#
#   scripts/test-kernel.sh                 # the real kernel: $SWIFTBAYES_BIN or .build/debug/swiftbayes
#   scripts/test-kernel.sh --test-host     # the test-only KernelTestHost (toy interpreter)
#
# Installs what it needs first (scripts/setup-system.sh, scripts/setup-python.sh) and builds
# the binary with `swift build` unless SWIFTBAYES_BIN / KERNEL_TEST_HOST_BIN is given.
# Extra arguments go to pytest. Exits with pytest's status.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mode=session
if [ "${1:-}" = "--test-host" ]; then mode=test-host; shift; fi

bash scripts/setup-system.sh
bash scripts/setup-python.sh
scratch="${SWIFT_SCRATCH_PATH:-.build}"

if [ "$mode" = test-host ]; then
  if [ -z "${KERNEL_TEST_HOST_BIN:-}" ]; then
    swift build --scratch-path "$scratch" --product KernelTestHost
    export KERNEL_TEST_HOST_BIN="$root/$scratch/debug/KernelTestHost"
  fi
else
  if [ -z "${SWIFTBAYES_BIN:-}" ]; then
    swift build --scratch-path "$scratch" --product swiftbayes
    export SWIFTBAYES_BIN="$root/$scratch/debug/swiftbayes"
  fi
fi

export SWIFTBAYES_KERNEL_UNDER_TEST="$mode"
exec "$root/.venv/bin/python" -m pytest Tests/jupyter -q -rs "$@"
