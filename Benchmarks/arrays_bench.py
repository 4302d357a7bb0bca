#!/usr/bin/env python3
"""Side-by-side benchmark of the Swift Arrays target against NumPy and pandas.

Builds the Swift benchmark in release, writes a ~10 MB CSV, runs the same work with
NumPy/pandas and the Swift binary in the same run, and prints a table. Each side runs
three times, alternating, and reports the best of its three medians (of 21 timings;
5 for sort and CSV), which keeps a busy neighbour on a shared machine from deciding
the comparison. The data are identical: both draw them from RandomState(0).

    python3 Benchmarks/arrays_bench.py [--no-build]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRATCH = os.path.join(ROOT, ".build-arrays")
N = 1_000_000


def measure(fn, repeat=21):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def write_csv(path):
    rs = np.random.RandomState(1)
    rows = 170_000
    df = pd.DataFrame({
        "id": np.arange(rows),
        "group": rs.randint(0, 85, rows),
        "county": np.array(["AITKIN", "ANOKA", "BECKER", "BELTRAMI", "BENTON", "BIG STONE"])[rs.randint(0, 6, rows)],
        "x": rs.normal(0, 1, rows),
        "y": rs.normal(5, 2, rows),
        "flag": rs.rand(rows) < 0.5,
    })
    df.to_csv(path, index=False)
    return os.path.getsize(path)


def numpy_results(csv_path):
    rs = np.random.RandomState(0)
    a = rs.standard_normal(N)
    b = rs.standard_normal(N)
    positive = np.abs(a)
    idx = rs.randint(0, N, N)
    m = a.reshape(1000, 1000)
    return {
        "add": measure(lambda: a + b), "multiply": measure(lambda: a * b),
        "divide": measure(lambda: a / b), "add scalar": measure(lambda: a + 1.5),
        "greater": measure(lambda: a > b), "exp": measure(lambda: np.exp(a)),
        "log": measure(lambda: np.log(positive)), "sqrt": measure(lambda: np.sqrt(positive)),
        "sum": measure(lambda: a.sum()), "mean": measure(lambda: a.mean()),
        "std": measure(lambda: a.std()), "max": measure(lambda: a.max()),
        "sum axis 0 (1000x1000)": measure(lambda: m.sum(axis=0)),
        "sum axis 1 (1000x1000)": measure(lambda: m.sum(axis=1)),
        "gather 1e6 indices": measure(lambda: a[idx]),
        "sort": measure(lambda: np.sort(a), repeat=5),
        "read 10 MB CSV": measure(lambda: pd.read_csv(csv_path), repeat=5),
    }


def main():
    if "--no-build" not in sys.argv:
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH,
                        "--product", "ArraysBenchmarks"], cwd=ROOT, check=True)
    binary = os.path.join(SCRATCH, "release", "ArraysBenchmarks")
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "bench.csv")
        size = write_csv(csv_path)
        swift, reference = {}, {}
        for _ in range(3):
            out = subprocess.run([binary, csv_path], check=True, capture_output=True, text=True).stdout
            for r in map(json.loads, out.strip().splitlines()):
                swift[r["name"]] = min(swift.get(r["name"], float("inf")), r["seconds"])
            for name, seconds in numpy_results(csv_path).items():
                reference[name] = min(reference.get(name, float("inf")), seconds)
    print(f"numpy {np.__version__}, pandas {pd.__version__}; CSV {size / 1e6:.1f} MB; "
          f"best of 3 medians, wall time in milliseconds; ratio = Swift / NumPy (or pandas)")
    print(f"| {'operation (1e6 doubles)':28} | {'Swift Arrays':>12} | {'NumPy/pandas':>12} | {'ratio':>6} |")
    print(f"|{'-' * 30}|{'-' * 14}|{'-' * 14}|{'-' * 8}|")
    for name, s in swift.items():
        r = reference[name]
        print(f"| {name:28} | {s * 1e3:12.2f} | {r * 1e3:12.2f} | {s / r:6.2f} |")


if __name__ == "__main__":
    main()
