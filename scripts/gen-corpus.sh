#!/usr/bin/env bash
# Regenerate the differential corpus expectations.
#
# Every Tests/SwiftBayesTests/Corpus/NNN-name.swift is compiled with the real Swift
# toolchain (`swiftc -Onone`) into a temporary directory and run. Its stdout is written
# to NNN-name.out. If the program ends in a runtime trap (nonzero exit status or a
# signal), NNN-name.exit is written with the single line `trap`; otherwise any stale
# .exit file is removed. Compiler diagnostics (warnings) are echoed to stderr.
#
# Usage: scripts/gen-corpus.sh [-j N] [FILE.swift ...]   (default: all programs, -j 2)
set -euo pipefail

jobs=2
if [[ "${1:-}" == "-j" ]]; then jobs="$2"; shift 2; fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/Tests/SwiftBayesTests/Corpus"
swiftc="${SWIFTC:-swiftc}"
work="$(mktemp -d "${TMPDIR:-/tmp}/gen-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ $# -gt 0 ]]; then files=("$@"); else files=("$corpus"/*.swift); fi

export work swiftc
one() {
  src="$1"
  base="${src%.swift}"
  name="$(basename "$base")"
  if ! "$swiftc" -Onone -o "$work/$name" "$src" 2>"$work/$name.diag"; then
    echo "COMPILE ERROR: $src" >&2
    cat "$work/$name.diag" >&2
    return 1
  fi
  if [[ -s "$work/$name.diag" ]]; then
    echo "diagnostics for $src:" >&2
    cat "$work/$name.diag" >&2
  fi
  status=0
  # stdbuf -o0: a trapping program dies without flushing stdio buffers, so run it
  # unbuffered to keep everything it printed before the trap.
  (cd "$work" && timeout 10 stdbuf -o0 "./$name" >"$work/$name.stdout" 2>/dev/null) || status=$?
  cp "$work/$name.stdout" "$base.out"
  if [[ $status -ne 0 ]]; then
    printf 'trap\n' >"$base.exit"
    echo "trap ($status): $name"
  else
    rm -f "$base.exit"
    echo "ok: $name"
  fi
}
export -f one

printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P "$jobs" bash -c 'one "$1"' _
