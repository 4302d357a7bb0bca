#!/usr/bin/env bash
# examples/tutorial.swift's cells 1–3 (the MCMC cell) at 30, 300 and 3000 groups with the release binary: sampling
# wall time (from the progress line), process CPU time, peak memory, min ESS, gradients
# per draw. Usage: Benchmarks/mcmc/scaling.sh [groups ...]   (default: 30 300 3000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${SWIFTBAYES_BIN:-$root/.build/release/swiftbayes}"
[ -x "$bin" ] || (cd "$root" && swift build -c release --product swiftbayes)
groups=("$@"); [ ${#groups[@]} -gt 0 ] || groups=(30 300 3000)
for g in "${groups[@]}"; do
  script="$(mktemp --suffix=.swift)"
  # The tutorial's cells 1–3 as written (up to the MCMC run), with nGroups = $g.
  awk '{ print } /^mcmc\.run\(/ { exit }' "$root/examples/tutorial.swift" | sed "s/^let nGroups = 30$/let nGroups = $g/" > "$script"
  grep -q "^let nGroups = $g$" "$script" || { echo "scaling.sh: examples/tutorial.swift has no 'let nGroups = 30' line" >&2; exit 1; }
  cat "$root/Benchmarks/mcmc/tutorial_mcmc.swift" >> "$script"
  out="$( { /usr/bin/time -f "TIME wall=%e user=%U sys=%S maxrss_kb=%M" "$bin" run "$script"; } 2>&1 )"
  rm -f "$script"
  echo "$out" | grep -E "^Sampled|^RESULT|^TIME" | sed "s/^/[$g groups] /"
done
