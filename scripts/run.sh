#!/usr/bin/env bash
# The main job, on a fresh machine: installs what is needed, builds the release binary,
# installs the Jupyter kernel into the project's venv, runs the language tour headless,
# and executes the notebooks through the kernel, writing the executed notebooks and
# HTML reports to out/.
# Usage: scripts/run.sh
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
for nb in notebooks/*.ipynb; do
  echo "== $nb (through the kernel)"
  .venv/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=swiftbayes \
    --output-dir out "$nb"
  .venv/bin/jupyter nbconvert --to html --execute --ExecutePreprocessor.kernel_name=swiftbayes \
    --output-dir out "$nb"
done
echo "Executed notebooks and HTML reports are in out/. Open the kernel in JupyterLab with:"
echo "  .venv/bin/pip install jupyterlab && .venv/bin/jupyter lab   (Launcher: Swift (SwiftBayes))"
