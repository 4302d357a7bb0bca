#!/usr/bin/env bash
# Creates the Python virtual environment `.venv` (ignored by git) with the Jupyter
# clients the kernel's tests drive: jupyter_client, the jupyter_kernel_test conformance
# suite, nbclient/nbconvert/nbformat for notebooks, pytest, jupyter-console, and ipykernel
# as the reference kernel for Benchmarks/kernel_latency.py, and Pillow to read the PNGs of
# the plot render test; ArviZ and cmdstanpy read the CmdStan CSV `writeCSV` writes
# (Tests/jupyter/test_notebooks_export.py), JupyterLab and selenium drive the browser tests; ipywidgets
# (whose Python models check the widget states the kernel sends, Tests/jupyter/test_widgets.py)
# and jupyterlab_widgets (JupyterLab's widget renderer) serve the widget tests.
# Idempotent: skips pip when every requirement is already satisfied.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"
requirements=(
  "jupyter_client"
  "jupyter-kernel-test==0.7.0"
  "nbclient"
  "nbconvert"
  "nbformat"
  "pytest"
  "jupyter-console"
  "ipykernel"
  "pillow"
  "arviz"
  "cmdstanpy"
  "jupyterlab"
  "selenium"
  "ipywidgets"
  "jupyterlab_widgets"
)

if [ ! -x "$venv/bin/python" ]; then
  echo "setup-python: creating $venv"
  python3 -m venv "$venv"
fi

if "$venv/bin/python" - "${requirements[@]}" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
import re
ok = True
for req in sys.argv[1:]:
    name, _, pinned = req.partition("==")
    try:
        v = version(name)
    except PackageNotFoundError:
        ok = False
        continue
    if pinned and v != pinned:
        ok = False
sys.exit(0 if ok else 1)
PY
then
  echo "setup-python: requirements already installed in $venv"
  exit 0
fi

echo "setup-python: installing ${requirements[*]}"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
echo "setup-python: done"
