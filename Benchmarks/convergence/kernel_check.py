#!/usr/bin/env python3
"""The summary table through the real kernel, as a notebook front end sees it.

    .venv/bin/python Benchmarks/convergence/kernel_check.py [path/to/swiftbayes]

Starts `swiftbayes kernel` with a private kernelspec (jupyter_client, as the Tests/jupyter
suites do), runs cells that make draws and call `summary`, and checks that the
execute_result carries text/html (a table with flagged rows) and text/plain, that the
HTML equals the table's own `.html` printed by the same kernel, and that a bad call is an
error reply with a located traceback after which the session still has its variables.
Exits non-zero on any failure.
"""
import json
import os
import sys
import tempfile

from jupyter_client.manager import start_new_kernel

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-conv", "debug", "swiftbayes"))

state = tempfile.mkdtemp(prefix="swiftbayes-conv-")
spec = os.path.join(state, "kernels", "swiftbayes-conv")
os.makedirs(spec)
with open(os.path.join(spec, "kernel.json"), "w") as f:
    json.dump({"argv": [binary, "kernel", "--connection-file", "{connection_file}"],
               "display_name": "SwiftBayes (check)", "language": "swift", "interrupt_mode": "message"}, f)
os.environ["JUPYTER_PATH"] = state
os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(state, "runtime")


def run(kc, code):
    """Executes a cell; returns (reply content, outputs by type)."""
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "status" and msg["content"]["execution_state"] == "idle":
            break
        if t in ("execute_result", "display_data", "stream", "error"):
            outputs.append((t, msg["content"]))
    reply = kc.get_shell_msg(timeout=60)["content"]
    return reply, outputs


failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


km, kc = start_new_kernel(kernel_name="swiftbayes-conv")
try:
    reply, _ = run(kc, 'var rng = RandomState(seed: 3)\nlet mu = rng.normal(0, 1, size: [4, 50])\n'
                       'let theta = rng.normal(0, 1, size: [4, 50, 2])')
    check(reply["status"] == "ok", "draws made")
    reply, outs = run(kc, 'summary(["mu": mu, "theta": theta])')
    result = [c for t, c in outs if t == "execute_result"]
    check(reply["status"] == "ok" and len(result) == 1, "summary cell has one execute_result")
    data = result[0]["data"] if result else {}
    html = data.get("text/html", "")
    check("<table" in html and "<th>theta[1]</th>" in html, "text/html is the table with expanded rows")
    check('class="flagged"' in html, "rows with ESS < 400 are flagged (200 draws)")
    check(data.get("text/plain", "").splitlines()[0].split() == ["mean", "sd", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"],
          "text/plain has ArviZ's columns")
    reply, outs = run(kc, 'print(summary(["mu": mu, "theta": theta]).html)')
    printed = "".join(c["text"] for t, c in outs if t == "stream")
    check(printed == html + "\n", "the displayed HTML is the table's own .html")
    reply, outs = run(kc, 'let x = 1\nsummary(["mu": mu], varNames: ["nope"])')
    check(reply["status"] == "error" and reply["ename"] == "ValueError", "bad varNames is a ValueError reply")
    check(any(":2:" in line for line in reply.get("traceback", [])), "the traceback points at line 2")
    reply, outs = run(kc, 'mu.shape')
    check(reply["status"] == "ok" and any("[4, 50]" in c["data"]["text/plain"] for t, c in outs if t == "execute_result"),
          "the session kept its variables")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)

sys.exit(1 if failures else 0)
