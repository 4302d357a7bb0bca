#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what the tests need (libzmq, a Python
# venv with Jupyter's test tools), builds everything (debug), runs the Swift tests, then
# the kernel's Python suites (jupyter_kernel_test conformance, protocol tests, notebooks)
# against the real `swiftbayes kernel`. The tutorial notebooks sample with NUTS, which a
# debug build does about 20 times slower, so they (and the JupyterLab browser test) run
# against a release binary built here.
# Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
swift build --build-tests
swift test --skip-build
swift build -c release --product swiftbayes
SWIFTBAYES_BIN="$PWD/.build/debug/swiftbayes" SWIFTBAYES_NOTEBOOK_BIN="$PWD/.build/release/swiftbayes" \
  bash scripts/test-kernel.sh
