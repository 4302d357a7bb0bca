"""JupyterLab (from pip) in Debian's headless Chromium, driven by selenium: open the
tutorial notebook with the SwiftBayes kernel, check that opening it does not mark it
modified, run all cells, wait for the summary table and the plots, save screenshots to
out/screenshots/, and fail on any error output. UI steps get one retry."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT
from samples import KERNEL_UNDER_TEST

pytestmark = pytest.mark.skipif(KERNEL_UNDER_TEST != "session", reason="the toy test host runs no models")

BIN = os.path.abspath(os.environ.get("SWIFTBAYES_RELEASE_BIN") or os.environ.get("SWIFTBAYES_BIN", os.path.join(ROOT, ".build", "debug", "swiftbayes")))
NOTEBOOK = "01-hierarchical-regression.ipynb"
SHOTS = os.path.join(ROOT, "out", "screenshots")
TOKEN = "swiftbayes-browser-test"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not shutil.which("chromedriver") and not os.path.exists("/usr/bin/chromedriver"):
        pytest.fail("chromedriver is missing: run scripts/setup-system.sh (installs Debian's chromium-driver)")
    work = tmp_path_factory.mktemp("lab")
    # A copy of the notebooks and data (cells read ../data and write ../out), so running
    # them in the browser leaves the repository as it is.
    shutil.copytree(os.path.join(ROOT, "notebooks"), work / "notebooks")
    shutil.copytree(os.path.join(ROOT, "data"), work / "data")
    # The kernelspec as `swiftbayes install` names it, so the notebook's metadata matches.
    spec = os.path.join(os.environ["JUPYTER_PATH"], "kernels", "swiftbayes")
    os.makedirs(spec, exist_ok=True)
    with open(os.path.join(spec, "kernel.json"), "w") as f:
        json.dump({"argv": [BIN, "kernel", "--connection-file", "{connection_file}"], "display_name": "Swift (SwiftBayes)",
                   "language": "swift", "interrupt_mode": "message"}, f)
    settings = os.path.join(os.environ["JUPYTER_CONFIG_DIR"], "lab", "user-settings", "@jupyterlab", "apputils-extension")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "notification.jupyterlab-settings"), "w") as f:
        json.dump({"fetchNews": "false", "checkForUpdates": False}, f)
    port = free_port()
    env = dict(os.environ, XDG_CONFIG_HOME=str(work / "xdg"), XDG_CACHE_HOME=str(work / "xdg"))
    log = open(work / "lab.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                             f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={work / 'notebooks'}", "--allow-root"],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start: " + (work / "lab.log").read_text()[-2000:])
    yield base, work
    try:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/shutdown?token={TOKEN}", method="POST"), timeout=10)
        proc.wait(timeout=20)
    except Exception:
        proc.kill()
        proc.wait()
    log.close()


def make_driver(profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
              f"--user-data-dir={profile}"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)


def run_tutorial_in_lab(base, work, attempt):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    os.makedirs(SHOTS, exist_ok=True)
    driver = make_driver(work / f"chromium-{attempt}")
    t0 = time.time()
    step = "start"

    def until(what, cond, timeout=90):
        nonlocal step
        step = what
        r = WebDriverWait(driver, timeout, poll_frequency=0.25).until(cond)
        print(f"[{time.time() - t0:6.1f}s] {what}", flush=True)
        return r

    def css(sel):
        return driver.find_elements(By.CSS_SELECTOR, sel)

    try:
        driver.get(f"{base}/lab/tree/{NOTEBOOK}?reset&token={TOKEN}")
        until("notebook open", EC.presence_of_element_located((By.CSS_SELECTOR, f"{PANEL} .jp-Cell")))
        until("kernel idle", EC.presence_of_element_located((By.CSS_SELECTOR, f'{PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]')), 120)
        kernel_name = driver.find_element(By.CSS_SELECTOR, f"{PANEL} .jp-KernelName").text
        assert "SwiftBayes" in kernel_name, kernel_name
        time.sleep(2)
        assert not css(".lm-TabBar-tab.jp-mod-dirty"), "opening the saved notebook marked it modified"
        driver.save_screenshot(os.path.join(SHOTS, "lab-opened.png"))
        # Run ▸ Run All Cells
        run_menu = until("Run menu", lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-itemLabel") if e.text == "Run"), False))
        run_menu.click()
        item = until("Run All Cells", lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, ".lm-Menu-itemLabel") if e.text == "Run All Cells"), False))
        item.click()
        until("cells running", lambda d: any("*" in e.text for e in d.find_elements(By.CSS_SELECTOR, f"{PANEL} .jp-InputPrompt")), 60)

        def finished(d):
            errors = d.find_elements(By.CSS_SELECTOR, f'{PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
            if errors:
                raise AssertionError("error output in the browser: " + errors[0].text[:2000])
            prompts = [e.text for e in d.find_elements(By.CSS_SELECTOR, f"{PANEL} .jp-CodeCell .jp-InputPrompt")]
            idle = d.find_elements(By.CSS_SELECTOR, f'{PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]')
            return idle and prompts and all(p.strip("[]: ").isdigit() for p in prompts)

        until("all cells ran", finished, 900)
        tables = [t for t in css(f"{PANEL} .jp-RenderedHTMLCommon table") if "r_hat" in t.text]
        assert tables, "no summary table with r_hat"
        # Plots come as image/svg+xml and as inline HTML; JupyterLab prefers the HTML (where
        # the marks' hover titles work), so count SVGs either way.
        svgs = css(f"{PANEL} .jp-RenderedSVG, {PANEL} .jp-RenderedHTMLCommon .swiftbayes-plot svg")
        assert all(s.is_displayed() for s in svgs), "a plot's inline HTML stayed hidden"
        assert len(svgs) >= 4, f"expected the scatter, trace, forest and PPC plots; found {len(svgs)} SVG outputs"
        errors = css(f'{PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert not errors, errors[0].text
        for name, element in [("lab-summary.png", tables[0]), ("lab-scatter.png", svgs[0]), ("lab-trace.png", svgs[1])]:
            driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", element)
            time.sleep(0.5)
            driver.save_screenshot(os.path.join(SHOTS, name))
        print(f"screenshots in {SHOTS}")
    except Exception as e:
        driver.save_screenshot(os.path.join(SHOTS, f"lab-failure-{attempt}.png"))
        raise AssertionError(f"failed at step {step!r}: {e}") from e
    finally:
        driver.quit()


def test_tutorial_runs_in_jupyterlab(lab):
    base, work = lab
    try:
        run_tutorial_in_lab(base, work, 1)
    except AssertionError as first:
        if "error output" in str(first) or "marked it modified" in str(first):
            raise
        print(f"retrying once after: {first}")
        run_tutorial_in_lab(base, work, 2)
