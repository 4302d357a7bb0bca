"""plotTrace of 4 chains x 1000 draws x 10 parameters: SwiftBayes (release build) beside
ArviZ + matplotlib on the same draws (NumPy's RandomState(1), which SwiftBayes's
RandomState reproduces), in the same run. SwiftBayes time is the cell's wall time from
`swiftbayes run --timing` (figure + SVG text); ArviZ's is perf_counter around
az.plot_trace alone and around plot_trace + savefig to SVG in memory. Median of N runs.

usage: .build-plot/venv/bin/python Benchmarks/plotting/bench.py [path/to/swiftbayes] [runs]
"""
import io, os, platform, statistics, subprocess, sys, time

import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import arviz as az

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", ".build-plot", "release", "swiftbayes")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7

swift_times, size = [], None
for _ in range(runs):
    p = subprocess.run([binary, "run", "--timing", os.path.join(here, "trace.swift")], capture_output=True, text=True, check=True)
    cells = [float(l.split()[2]) for l in p.stderr.splitlines() if l.startswith("cell-time")]
    swift_times.append(cells[1])
    size = os.path.getsize("/tmp/swiftbayes-plot-bench.svg")

rng = np.random.RandomState(1)
posterior = {f"p{k}": rng.normal(0, 1, size=(4, 1000)) for k in range(10)}
idata = az.from_dict(posterior=posterior)
plot_times, svg_times, svg_size = [], [], None
for _ in range(runs):
    t = time.perf_counter()
    axes = az.plot_trace(idata)
    t1 = time.perf_counter()
    buf = io.BytesIO()
    axes.ravel()[0].figure.savefig(buf, format="svg")
    t2 = time.perf_counter()
    plt.close("all")
    plot_times.append(t1 - t)
    svg_times.append(t2 - t)
    svg_size = len(buf.getvalue())

ms = lambda xs: statistics.median(xs) * 1000
print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, ArviZ {az.__version__}, matplotlib {matplotlib.__version__}")
print(f"runs: {runs} (median)")
print(f"SwiftBayes plotTrace (figure + SVG):       {ms(swift_times):8.1f} ms   SVG {size / 1024:7.0f} KB")
print(f"ArviZ plot_trace (figure only):            {ms(plot_times):8.1f} ms")
print(f"ArviZ plot_trace + savefig(svg):           {ms(svg_times):8.1f} ms   SVG {svg_size / 1024:7.0f} KB")
