"""The tutorial notebooks (notebooks/01-… to 06-…) execute end to end, through the kernel
(nbclient) and through `swiftbayes run NB.ipynb --output --report`, with no error outputs,
summary tables whose r_hat column is under 1.01 (except cells tagged
`diagnostics-expected-to-fail`, the centred eight schools), and SVG plots. The table shows
r_hat to two decimals, so a shown 1.01 (1.005 ≤ r_hat < 1.015) is allowed there, and the
tutorial's exact r_hat, from its exported CmdStan CSV through ArviZ, must be under 1.01.

Sampling in a debug build is slow, so these run against `$SWIFTBAYES_RELEASE_BIN` (the
release binary scripts/test.sh builds) when it is set, else the kernel under test."""
import glob
import json
import os
import re
import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from samples import KERNEL_UNDER_TEST

pytestmark = pytest.mark.skipif(KERNEL_UNDER_TEST != "session", reason="the toy test host runs no models")

BIN = os.path.abspath(os.environ.get("SWIFTBAYES_RELEASE_BIN") or os.environ.get("SWIFTBAYES_BIN", os.path.join(ROOT, ".build", "debug", "swiftbayes")))
NOTEBOOKS = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "notebooks", "0[1-9]-*.ipynb")))
KERNEL = "swiftbayes-notebooks-under-test"

# A kernelspec for the notebook binary, beside conftest's in the private JUPYTER_PATH.
_spec = os.path.join(os.environ["JUPYTER_PATH"], "kernels", KERNEL)
os.makedirs(_spec, exist_ok=True)
with open(os.path.join(_spec, "kernel.json"), "w") as f:
    json.dump({"argv": [BIN, "kernel", "--connection-file", "{connection_file}"], "display_name": "Swift (SwiftBayes)",
               "language": "swift", "interrupt_mode": "message"}, f)


def r_hats(text):
    """The r_hat column of a summary's plain-text table."""
    lines = text.splitlines()
    header = next(i for i, l in enumerate(lines) if l.split() and l.split()[-1] == "r_hat")
    values = []
    for line in lines[header + 1:]:
        if not line.strip():
            break
        values.append(float(line.split()[-1]))
    return values


def check(nb, name):
    """No errors, summaries converged, at least one SVG plot; returns the number of summaries."""
    svgs = summaries = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        for out in cell.outputs:
            assert out["output_type"] != "error", f"{name}: error in cell:\n{cell.source}\n{out.get('ename')}: {out.get('evalue')}"
            data = out.get("data", {})
            if "image/svg+xml" in data:
                svg = data["image/svg+xml"]
                assert "<svg" in svg and "</svg>" in svg
                svgs += 1
            plain = data.get("text/plain", "")
            if "text/html" in data and "r_hat" in plain:
                summaries += 1
                rh = r_hats(plain)
                assert rh, plain
                if "diagnostics-expected-to-fail" not in tags:
                    assert max(rh) <= 1.01, f"{name}: r_hat {max(rh)} in\n{cell.source}\n{plain}"
    assert svgs > 0, f"{name}: no SVG plot"
    return summaries


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_through_the_kernel(name, tmp_path):
    nb = nbformat.read(os.path.join(ROOT, "notebooks", name), as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=900, resources={"metadata": {"path": os.path.join(ROOT, "notebooks")}}).execute()
    summaries = check(nb, name)
    if name != "03-data.ipynb":
        assert summaries > 0, f"{name}: no summary table"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_with_swiftbayes_run(name, tmp_path):
    out, report = tmp_path / "out.ipynb", tmp_path / "report.html"
    r = subprocess.run([BIN, "run", os.path.join(ROOT, "notebooks", name), "--output", str(out), "--report", str(report)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    nb = nbformat.read(str(out), as_version=4)
    nbformat.validate(nb)
    check(nb, name)
    codes = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in codes] == list(range(1, len(codes) + 1))
    html = report.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<script" not in html
    assert "SwiftBayes</th><td>" in html and "wall time" in html and "random keys" in html
    if name.startswith("01-"):
        import arviz as az
        import numpy as np
        files = sorted(glob.glob(os.path.join(ROOT, "out", "hierarchical-regression", "draws_*.csv")))
        assert len(files) == 4
        rhat = az.rhat(az.from_cmdstan(posterior=files))
        worst = max(float(np.max(np.asarray(rhat[v]))) for v in rhat.data_vars)
        assert worst < 1.01, f"exact r_hat {worst}"
    title = next(l[2:] for c in nb.cells if c.cell_type == "markdown" for l in c.source.splitlines() if l.startswith("# "))
    assert f"<h1>{title}</h1>" in html


def test_saved_notebooks_have_outputs_and_the_kernels_language_info(kernel):
    """Saved with their outputs, and with exactly the language_info the kernel reports, so
    JupyterLab does not mark them modified when it opens them."""
    _, kc = kernel
    kc.kernel_info()
    info = kc.get_shell_msg(timeout=10)["content"]["language_info"]
    for name in NOTEBOOKS:
        nb = nbformat.read(os.path.join(ROOT, "notebooks", name), as_version=4)
        assert nb.metadata["language_info"] == info, name
        assert nb.metadata["kernelspec"]["name"] == "swiftbayes", name
        assert all("id" in c for c in nb.cells), name
        assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{name} is saved without outputs"


def test_failing_notebook_exits_1_naming_the_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell('print("first")'),
                nbformat.v4.new_code_cell("let x = undefinedName + 1"), nbformat.v4.new_code_cell('print("never")')]
    path, out, report = tmp_path / "broken.ipynb", tmp_path / "out.ipynb", tmp_path / "out.html"
    nbformat.write(nb, str(path))
    r = subprocess.run([BIN, "run", str(path), "--output", str(out), "--report", str(report)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert re.search(r"cell 3 of .*broken\.ipynb \(code cell 2\) failed", r.stderr), r.stderr
    done = nbformat.read(str(out), as_version=4)
    assert done.cells[1].outputs[0]["text"] == "first\n"
    assert done.cells[2].outputs[-1]["output_type"] == "error"
    assert done.cells[3].outputs == [] and done.cells[3].execution_count is None
    assert "undefinedName" in report.read_text()


def test_display_updates_are_applied_like_jupyter(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('let h = display(HTML("<b>0%</b>"))\nprint("a")\nprint("b")'),
                nbformat.v4.new_code_cell('h.update(HTML("<b>100%</b>"))\n1 + 1')]
    path, out = tmp_path / "updates.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, str(path))
    r = subprocess.run([BIN, "run", str(path), "--output", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    done = nbformat.read(str(out), as_version=4)
    first = done.cells[0].outputs
    assert [o["output_type"] for o in first] == ["display_data", "stream"]
    assert first[0]["data"]["text/html"] == "<b>100%</b>", "the update from the next cell replaced the display in place"
    assert first[1]["text"] == "a\nb\n", "consecutive stream writes merge"
    assert done.cells[1].outputs[-1]["output_type"] == "execute_result" and done.cells[1].outputs[-1]["data"]["text/plain"] == "2"
