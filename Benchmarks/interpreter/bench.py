"""Interpreter benchmark: SwiftBayes (release build) beside CPython on the same programs,
in the same run. Times are in-process (cell wall time for SwiftBayes via `run --timing`,
perf_counter around runpy for CPython), median of N runs.

usage: python3 Benchmarks/interpreter/bench.py [path/to/swiftbayes] [runs]
"""
import contextlib, io, os, platform, runpy, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", ".build", "release", "swiftbayes")
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
programs = [("fib", "recursive fib(25)"), ("loop", "10^6-iteration arithmetic loop"), ("array", "build a 10^5-element array, then sum it"),
            ("structs", "10^5 structs in an array, updated 5 times (CPython: dataclasses)")]

def swift_time(name):
    times = []
    for _ in range(runs):
        p = subprocess.run([binary, "run", "--timing", os.path.join(here, name + ".swift")], capture_output=True, text=True, check=True)
        times.append(sum(float(l.split()[2]) for l in p.stderr.splitlines() if l.startswith("cell-time")))
        out = p.stdout
    return statistics.median(times), out

def python_time(name):
    times = []
    for _ in range(runs):
        buf = io.StringIO()
        t = time.perf_counter()
        with contextlib.redirect_stdout(buf):
            runpy.run_path(os.path.join(here, name + ".py"))
        times.append(time.perf_counter() - t)
    return statistics.median(times), buf.getvalue()

print(f"| program | SwiftBayes (s) | CPython {platform.python_version()} (s) | ratio (CPython / SwiftBayes) |")
print("|---|---|---|---|")
for name, label in programs:
    s, sout = swift_time(name)
    p, pout = python_time(name)
    assert sout.split()[0] == pout.split()[0], (sout, pout)
    print(f"| {label} | {s:.4f} | {p:.4f} | {p / s:.2f}× |")
