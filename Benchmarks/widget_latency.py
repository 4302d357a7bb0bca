#!/usr/bin/env python3
"""Widget latency: from a slider `update` sent by the front end to the new output
published, for a posterior density plot of one group of the tutorial model, side by side
with ipywidgets + matplotlib (ArviZ's plot_posterior) on ipykernel in the same run.

SwiftBayes: fits the tutorial model (4 chains × 1000 draws), then
`interact(showGroup, group: 0..<30)` where showGroup draws `plotPosterior` of `a[group]`.
Each round sends `comm_msg {method: update, state: {value: g}}` to the slider, as
JupyterLab does when the slider moves, and times the arrival of the Output widget's
`outputs` update (the new SVG) and of the request's idle.

ipykernel: the same shape of draws (4 × 1000 × 30, random), `ipywidgets.interact` over
a function calling `az.plot_posterior` for one group with the inline matplotlib backend;
the round ends at the `display_data` (image/png) the Output widget captures, which is
when ipywidgets has published the new figure.

    SWIFTBAYES_BIN=.build/release/swiftbayes .venv/bin/python Benchmarks/widget_latency.py [--rounds 100] [--json out.json]
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))
from kernel_latency import percentile, write_kernelspec  # noqa: E402

SWIFT_SETUP = """
var rng = RandomState(seed: 42)
let nGroups = 30
let obsPerGroup = rng.randint(20, 51, size: nGroups)
let groupIntercepts = 2.0 + rng.normal(0, 0.3, size: nGroups)
let groupSlopes = 0.5 + rng.normal(0, 0.3, size: nGroups)
var X: [Double] = []
var Y: [Double] = []
var groupIdx: [Int] = []
for (i, n) in obsPerGroup.enumerated() {
    let x = linspace(0, 10, n)
    X.append(contentsOf: x)
    Y.append(contentsOf: groupIntercepts[i] + groupSlopes[i] * x + rng.normal(0, 0.2, size: n))
    groupIdx.append(contentsOf: repeatElement(i, count: n))
}
func model(X: [Double], groupIdx: [Int], Y: [Double]? = nil) {
    let muA = sample("mu_a", Normal(0, 5))
    let sigmaA = sample("sigma_a", HalfCauchy(5))
    let muB = sample("mu_b", Normal(0, 5))
    let sigmaB = sample("sigma_b", HalfCauchy(5))
    let a = sample("a", Normal(muA, sigmaA).expand([nGroups]).toEvent(1))
    let b = sample("b", Normal(muB, sigmaB).expand([nGroups]).toEvent(1))
    let sigmaY = sample("sigma_y", HalfCauchy(5))
    sample("obs", Normal(a[groupIdx] + b[groupIdx] * X, sigmaY), obs: Y)
}
let mcmc = MCMC(NUTS(model), numWarmup: 500, numSamples: 1000, numChains: 4, progressBar: false)
mcmc.run(PRNGKey(0), X: X, groupIdx: groupIdx, Y: Y)
let byChain = mcmc.getSamples(groupByChain: true)
func showGroup(group: Int) -> Plot {
    plotPosterior(["a[\\(group)]": byChain["a"][0..., 0..., group]], title: "Group \\(group)")
}
interact(showGroup, group: 0..<nGroups)
"""

PYTHON_SETUP = """
import numpy as np, arviz as az, matplotlib
matplotlib.use("module://matplotlib_inline.backend_inline")
import matplotlib.pyplot as plt
from ipywidgets import interact
draws = np.random.default_rng(0).normal(2.0, 0.1, size=(4, 1000, 30))
def show_group(group):
    az.plot_posterior({f"a[{group}]": draws[:, :, group]}, figsize=(4, 3.5))
    plt.title(f"Group {group}")
    plt.show()
interact(show_group, group=(0, 29));
"""


def start(kernel_name, cwd):
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def setup(kc, code):
    """Runs the setup cell; returns its iopub messages."""
    msgs = []
    reply = kc.execute_interactive(code, timeout=600, output_hook=msgs.append)
    if reply["content"]["status"] != "ok":
        raise SystemExit(f"setup failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
    return msgs


def slider_and_output(msgs):
    states = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in msgs if m["msg_type"] == "comm_open"}
    slider = next(i for i, s in states.items() if s.get("_model_name") == "IntSliderModel")
    output = next(i for i, s in states.items() if s.get("_model_name") == "OutputModel")
    return slider, output


def measure(kc, slider, done, rounds, warmup=5):
    """Sends `rounds` slider updates one after another; `done(msg, msg_id)` says when the
    new output has been published. Returns (to output, to idle) lists in ms."""
    to_output, to_idle = [], []
    for r in range(rounds + warmup):
        value = (r * 7 + 1) % 30
        msg = kc.session.msg("comm_msg", {"comm_id": slider, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})
        t0 = time.perf_counter()
        kc.shell_channel.send(msg)
        t_out = None
        while True:
            m = kc.get_iopub_msg(timeout=30)
            if m["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                continue
            if t_out is None and done(m, value):
                t_out = time.perf_counter()
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                t_idle = time.perf_counter()
                break
        if t_out is None:
            raise SystemExit(f"round {r}: no new output for value {value}")
        if r >= warmup:
            to_output.append((t_out - t0) * 1000)
            to_idle.append((t_idle - t0) * 1000)
    return to_output, to_idle


def stats(values):
    return {"median": statistics.median(values), "p90": percentile(values, 90), "p99": percentile(values, 99), "min": min(values)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--json")
    ap.add_argument("--skip-ipykernel", action="store_true")
    args = ap.parse_args()
    binary = os.environ.get("SWIFTBAYES_BIN") or os.path.join(ROOT, ".build", "release", "swiftbayes")
    name = write_kernelspec([os.path.abspath(binary), "kernel", "--connection-file", "{connection_file}"])
    results = {}
    cwd = tempfile.mkdtemp(prefix="widget-latency-")

    km, kc = start(name, cwd)
    try:
        slider, output = slider_and_output(setup(kc, SWIFT_SETUP))

        def swift_done(m, value):
            if m["msg_type"] != "comm_msg" or m["content"]["comm_id"] != output:
                return False
            outs = m["content"]["data"].get("state", {}).get("outputs")
            if not outs:
                return False
            svg = outs[-1].get("data", {}).get("image/svg+xml", "")
            # The new plot: the posterior density of a[value] (its hover title names it).
            return svg.startswith("<svg") and f">Group {value}<" in svg and f"density of a[{value}]" in svg

        out_ms, idle_ms = measure(kc, slider, swift_done, args.rounds)
        results["swiftbayes"] = {"to_output": stats(out_ms), "to_idle": stats(idle_ms), "binary": binary}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

    if not args.skip_ipykernel:
        km, kc = start("python3", cwd)
        try:
            slider, _ = slider_and_output(setup(kc, PYTHON_SETUP))

            def python_done(m, value):
                return m["msg_type"] == "display_data" and "image/png" in m["content"]["data"]

            out_ms, idle_ms = measure(kc, slider, python_done, max(10, args.rounds // 4))
            results["ipywidgets+matplotlib"] = {"to_output": stats(out_ms), "to_idle": stats(idle_ms)}
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    for k, v in results.items():
        o, i = v["to_output"], v["to_idle"]
        print(f"{k:24s} update → new output: median {o['median']:7.2f} ms, p90 {o['p90']:7.2f}, p99 {o['p99']:7.2f}, min {o['min']:6.2f} | → idle median {i['median']:7.2f} ms")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
