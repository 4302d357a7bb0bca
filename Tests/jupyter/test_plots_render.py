"""Every plot type, made in cells by the real kernel, comes back as image/svg+xml that
parses as XML and that headless Chromium renders to a PNG of the figure's size which is
not blank. (Chromium is installed by scripts/setup-system.sh, Pillow by setup-python.sh.)"""
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest

from kernel_helpers import run
from samples import KERNEL_UNDER_TEST

pytestmark = pytest.mark.skipif(KERNEL_UNDER_TEST != "session", reason="the toy test host has no plots")

SETUP = """
var rng = RandomState(seed: 11)
let mu = rng.normal(4, 3, size: [4, 300])
let tau = exp(rng.normal(1, 0.7, size: [4, 300]))
let theta = rng.normal(4, 5, size: [4, 300, 4])
let div = tau < 1.2
let post = ["mu": mu, "tau": tau, "theta": theta]
let run = ["mu": mu, "tau": tau, "energy": rng.normal(30, 4, size: [4, 300])]
let Y = rng.normal(0, 1, size: 60)
let yRep = rng.normal(0, 1.1, size: [200, 60])
"""

PLOTS = {
    "scatter": 'scatter(Y, yRep.mean(axis: 0), alpha: 0.5, xlabel: "Observed Y", ylabel: "Predicted Mean Y", title: "Posterior Predictive Check", diagonal: true)',
    "plot": 'plot(linspace(0, 10, 100), exp(linspace(0, 10, 100)), yscale: "log", title: "log scale")',
    "hist": 'hist(mu, title: "mu")',
    "plotTrace": 'plotTrace(post, varNames: ["mu", "tau"], divergences: div)',
    "plotRank": 'plotRank(post, varNames: ["mu", "tau"])',
    "plotPosterior": 'plotPosterior(post, varNames: ["mu", "tau"])',
    "plotForest": 'plotForest(post)',
    "plotPair": 'plotPair(post, varNames: ["mu", "tau"], divergences: div)',
    "plotPPC": 'plotPPC(["obs": yRep], observed: Y)',
    "plotAutocorr": 'plotAutocorr(post, varNames: ["mu"])',
    "plotEnergy": 'plotEnergy(run)',
}


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("headless Chromium is missing: run scripts/setup-system.sh (installs Debian's chromium)")


def render_png(svg_path, png_path, width, height, profile):
    env = dict(os.environ, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile, HOME=profile)
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--force-device-scale-factor=1", f"--user-data-dir={profile}/chromium", f"--window-size={width},{height}",
         f"--screenshot={png_path}", "file://" + svg_path],
        check=True, capture_output=True, timeout=60, env=env)


@pytest.fixture(scope="module")
def svgs():
    """The SVG of every plot, from one kernel."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="swiftbayes-under-test", startup_timeout=30)
    try:
        reply, _ = run(kc, SETUP, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        out = {}
        for name, code in PLOTS.items():
            reply, outputs = run(kc, code, timeout=60)
            assert reply["content"]["status"] == "ok", (name, reply["content"])
            results = [m["content"]["data"] for m in outputs if m["msg_type"] == "execute_result"]
            assert len(results) == 1, name
            assert results[0]["text/plain"].startswith("<"), results[0]["text/plain"]
            out[name] = results[0]["image/svg+xml"]
        return out
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("name", list(PLOTS))
def test_plot_renders_in_chromium(svgs, name):
    from PIL import Image

    svg = svgs[name]
    assert len(svg.encode()) < 1_000_000
    root = ET.fromstring(svg)  # parses as XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("version") == "1.1"
    assert root.find("{http://www.w3.org/2000/svg}title").text
    width, height = int(float(root.get("width"))), int(float(root.get("height")))
    assert root.get("viewBox") == f"0 0 {width} {height}"
    with tempfile.TemporaryDirectory(prefix="swiftbayes-plot-") as tmp:
        svg_path, png_path = os.path.join(tmp, name + ".svg"), os.path.join(tmp, name + ".png")
        with open(svg_path, "w") as f:
            f.write(svg)
        render_png(svg_path, png_path, width, height, tmp)
        image = Image.open(png_path).convert("RGB")
        assert image.size == (width, height)
        counts = {colour: n for n, colour in image.getcolors(maxcolors=1 << 24)}
        ink = width * height - counts.get((255, 255, 255), 0)
        assert ink > 0.01 * width * height, f"{name}: only {ink} non-white pixels"
        assert len(counts) > 8, f"{name}: {len(counts)} colours"
        # The drawing spans most of the image, not a stray corner.
        bbox = Image.eval(image, lambda v: 255 - v).getbbox()
        assert bbox and bbox[2] - bbox[0] > width * 0.6 and bbox[3] - bbox[1] > height * 0.6, bbox
