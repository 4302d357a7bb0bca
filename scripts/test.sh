#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what the tests need (libzmq, a Python
# venv with Jupyter's test tools), builds everything (debug), runs the Swift tests, then
# the kernel's Python suites (jupyter_kernel_test conformance, protocol tests, notebooks)
# against the real `swiftbayes kernel`, and the sampling-heavy posterior checks
# (Tests/jupyter/test_posteriors.py), the tutorial notebooks and the JupyterLab browser test
# with a release build of the binary (a debug build samples about 20 times slower).
# Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift build --build-tests
swift test --skip-build
swift build -c release --product swiftbayes
SWIFTBAYES_RELEASE_BIN="$PWD/.build/release/swiftbayes" SWIFTBAYES_BIN="$PWD/.build/debug/swiftbayes" bash scripts/test-kernel.sh
