#!/usr/bin/env python3
"""summary() of 4 chains x 1000 draws x 1000 parameters: SwiftBayes against ArviZ, same
draws, same run.

    swift build -c release --scratch-path .build-conv --product ConvergenceBenchmarks
    .build-conv/venv/bin/python Benchmarks/convergence/bench.py [binary] [repeats]

Needs arviz 0.23 (scripts/fixtures/make_convergence_fixtures.py makes the venv). The
draws are AR(1) chains (phi from 0 to 0.9 across parameters) written once to a temporary
file; the Swift binary reads the same bytes. Both sides compute the unrounded table
(round_to="none"); the script checks the first rows agree to 1e-8 and prints medians.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
import arviz as az  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-conv", "release", "ConvergenceBenchmarks")
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
chains, draws, params = 4, 1000, 1000

rng = np.random.default_rng(2026)
phi = np.linspace(0.0, 0.9, params)
x = np.empty((chains, draws, params))
e = rng.normal(size=(chains, draws, params))
x[:, 0, :] = e[:, 0, :] / np.sqrt(1 - phi**2)
for t in range(1, draws):
    x[:, t, :] = phi * x[:, t - 1, :] + e[:, t, :]
x += np.linspace(-3, 3, params)

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "draws.f64")
    np.ascontiguousarray(x, dtype="<f8").tofile(path)
    swift = json.loads(subprocess.check_output([binary, path, str(chains), str(draws), str(params), str(repeats)]))

arviz_times, arviz_cpu = [], []
for _ in range(repeats):
    start, cpu_start = time.perf_counter(), time.process_time()
    df = az.summary({"theta": x}, round_to="none")
    arviz_times.append((time.perf_counter() - start) * 1e3)
    arviz_cpu.append((time.process_time() - cpu_start) * 1e3)

worst = 0.0
for i, row in enumerate(swift["first_rows"]):
    for j, v in enumerate(row):
        a = df.iloc[i, j]
        worst = max(worst, abs(float(v) - a) / max(abs(a), 1e-300))
arviz_median = sorted(arviz_times)[len(arviz_times) // 2]
print(json.dumps({
    "shape": [chains, draws, params], "repeats": repeats, "threads": swift["threads"],
    "swiftbayes_median_ms": round(swift["median_ms"], 1), "swiftbayes_min_ms": round(swift["min_ms"], 1),
    "arviz_median_ms": round(arviz_median, 1), "arviz_min_ms": round(min(arviz_times), 1),
    "speedup_median": round(arviz_median / swift["median_ms"], 1),
    "swiftbayes_cpu_median_ms": round(swift["cpu_median_ms"], 1),
    "arviz_cpu_median_ms": round(sorted(arviz_cpu)[len(arviz_cpu) // 2], 1),
    "load_average": os.getloadavg(),
    "max_rel_diff_first_rows": worst, "arviz": az.__version__,
}, indent=1))
