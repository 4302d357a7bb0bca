#!/usr/bin/env bash
# The main job, on a fresh machine: installs what is needed (libzmq, Chromium, a Python venv
# with Jupyter), builds the release binary, installs the Jupyter kernel into the project's
# venv, runs the language tour headless, and runs the tutorial notebook end to end, leaving
#   out/01-hierarchical-regression.ipynb    the notebook executed through the installed kernel
#   out/01-hierarchical-regression.html     its standalone HTML report (`swiftbayes run --report`)
#   out/hierarchical-regression/            what its cells export (CmdStan CSV draws, report)
# With --all, every notebook in notebooks/ runs the same way (out/NN-name.ipynb and .html).
# Usage: scripts/run.sh [--all]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-python.sh
swift build -c release --product swiftbayes
bin="$PWD/.build/release/swiftbayes"
"$bin" install --prefix "$PWD/.venv" --display-name "Swift (SwiftBayes)"
echo "== examples/tour.swift (headless)"
"$bin" run examples/tour.swift
mkdir -p out
notebooks=(notebooks/01-hierarchical-regression.ipynb)
if [ "${1:-}" = "--all" ]; then notebooks=(notebooks/0[1-9]-*.ipynb); fi
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  echo "== $nb"
  start=$SECONDS
  .venv/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=swiftbayes \
    --ExecutePreprocessor.timeout=1200 --output-dir out "$nb" 2> "out/$name.log"
  echo "   $((SECONDS - start)) s: out/$name.ipynb (executed through the kernel)"
  start=$SECONDS
  "$bin" run "$nb" --report "out/$name.html" >> "out/$name.log" 2>&1
  echo "   $((SECONDS - start)) s: out/$name.html (HTML report, swiftbayes run)"
done
echo "Done. Open the kernel in JupyterLab with: .venv/bin/jupyter lab notebooks/   (kernel: Swift (SwiftBayes))"
