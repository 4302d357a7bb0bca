#!/usr/bin/env bash
# The whole test suite: builds everything (debug), then runs the Swift tests.
# Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
