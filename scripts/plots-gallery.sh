#!/usr/bin/env bash
# Rebuilds the gallery of docs/PLOTS.md: renders the golden SVGs (Tests/PlottingTests/Golden,
# made from Golden/draws.json by the Plotting tests) to docs/plots/swiftbayes/*.png with
# headless Chromium, and ArviZ's versions of the same plots from the same draws to
# docs/plots/arviz/*.png (ArviZ 0.23 + matplotlib in the ignored venv .build-plot/venv).
#
#   scripts/plots-gallery.sh            # both
#   scripts/plots-gallery.sh --swift    # only the SwiftBayes PNGs (no Python needed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
golden=Tests/PlottingTests/Golden
out=docs/plots/swiftbayes
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for svg in "$golden"/*.svg; do
  name="$(basename "$svg" .svg)"
  w=$(grep -o 'width="[0-9.]*"' "$svg" | head -1 | tr -dc 0-9.)
  h=$(grep -o 'height="[0-9.]*"' "$svg" | head -1 | tr -dc 0-9.)
  XDG_CONFIG_HOME="$profile" XDG_CACHE_HOME="$profile" timeout 60 chromium --headless --no-sandbox --disable-gpu \
    --hide-scrollbars --no-first-run --force-device-scale-factor=1 --user-data-dir="$profile/chromium" \
    --window-size="${w%.*},${h%.*}" --screenshot="$out/$name.png" "file://$root/$svg" >/dev/null 2>&1
done
echo "plots-gallery: $(ls "$out" | wc -l) SwiftBayes PNGs in $out"
if [ "${1:-}" != "--swift" ]; then
  venv=.build-plot/venv
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "arviz==0.23.*" matplotlib
  fi
  "$venv/bin/python" scripts/plots-arviz.py
fi
