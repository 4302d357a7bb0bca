"""A small notebook executed through the kernel, headless: with nbclient and with
`jupyter nbconvert --to html --execute`."""
import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from conftest import KERNEL_NAME, ROOT
from samples import KERNEL_UNDER_TEST

NOTEBOOK = os.path.join(ROOT, "notebooks", "00-kernel-smoke.ipynb")

# What each code cell of the notebook must show (by output type), for the kernel under test.
SESSION_EXPECTED = [
    None,
    ("stream", "hello from SwiftBayes"),
    ("execute_result", "[10, 20, 30]"),
    ("display_data", "<b>bold</b>"),
    ("execute_result", "6"),
]


def notebook_under_test(tmp_path):
    """The smoke notebook; for the test host, the same shape in its toy language."""
    if KERNEL_UNDER_TEST != "test-host":
        return NOTEBOOK, SESSION_EXPECTED
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("let x = 10"),
        nbformat.v4.new_code_cell('print("hello from SwiftBayes")'),
        nbformat.v4.new_code_cell("x + 20"),
        nbformat.v4.new_code_cell('html("<b>bold</b>")'),
        nbformat.v4.new_code_cell("1 + 2 + 3"),
    ]
    nb.metadata = nbformat.read(NOTEBOOK, as_version=4).metadata  # kernelspec and language_info
    path = tmp_path / "toy.ipynb"
    nbformat.write(nb, path)
    return str(path), [None, ("stream", "hello from SwiftBayes"), ("execute_result", "30"), ("display_data", "<b>bold</b>"), ("execute_result", "6")]


def text_of(output):
    if output["output_type"] == "stream":
        return output["text"]
    data = output.get("data", {})
    return data.get("text/html") or data.get("text/plain", "")


def check_outputs(nb, expected):
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code_cells) == len(expected)
    for cell, want in zip(code_cells, expected):
        assert not any(o["output_type"] == "error" for o in cell.outputs), cell.outputs
        if want is None:
            continue
        kind, text = want
        assert any(o["output_type"] == kind and text in text_of(o) for o in cell.outputs), (cell.source, cell.outputs)


def test_notebook_with_nbclient(tmp_path):
    path, expected = notebook_under_test(tmp_path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60).execute()
    check_outputs(nb, expected)


def test_notebook_with_nbconvert_html(tmp_path):
    path, expected = notebook_under_test(tmp_path)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
         f"--ExecutePreprocessor.kernel_name={KERNEL_NAME}", "--output-dir", str(out), path],
        check=True, capture_output=True, timeout=120,
    )
    html = (out / (os.path.splitext(os.path.basename(path))[0] + ".html")).read_text()
    assert "hello from SwiftBayes" in html
    assert "<b>bold</b>" in html
    # language_info "swift" makes nbconvert highlight cells with Pygments' Swift lexer, which
    # marks `let` as a declaration keyword (a Python lexer would make it a plain name).
    assert '<span class="kd">let</span>' in html
