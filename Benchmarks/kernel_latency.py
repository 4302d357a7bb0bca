#!/usr/bin/env python3
"""Kernel latency, side by side with ipykernel in the same run.

For each kernel: the time from starting the kernel process to the first kernel_info_reply
(median of --starts runs), and the round trip of `1 + 1` (time to execute_reply, and to the
idle status that ends the request on iopub; median and p99 of --rounds runs after a warm-up).

The SwiftBayes kernel is found like the tests find it: argv
`$SWIFTBAYES_BIN kernel --connection-file {connection_file}` (default .build/release/swiftbayes,
else .build/debug/swiftbayes), or `--test-host BIN` to measure the test-only KernelTestHost.
ipykernel's `python3` kernelspec comes from the virtual environment (scripts/setup-python.sh).

    .venv/bin/python Benchmarks/kernel_latency.py [--starts 10] [--rounds 500] [--json out.json]
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


def write_kernelspec(argv):
    state = tempfile.mkdtemp(prefix="swiftbayes-bench-")
    spec_dir = os.path.join(state, "kernels", "swiftbayes-bench")
    os.makedirs(spec_dir)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump({"argv": argv, "display_name": "bench", "language": "swift", "interrupt_mode": "message"}, f)
    os.environ["JUPYTER_PATH"] = state + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(state, "runtime"))
    return "swiftbayes-bench"


def percentile(values, p):
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[k]


def time_start(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - start
    # Not timed: make sure iopub is subscribed too (a SUB may connect a retry interval after
    # the shell DEALER; messages published before that are lost: the slow-joiner problem).
    kc.wait_for_ready(timeout=60)
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Exception:
            break
    return elapsed, km, kc


def time_round_trips(kc, code, rounds, warmup=20):
    to_reply, to_idle = [], []
    for i in range(warmup + rounds):
        start = time.perf_counter()
        msg_id = kc.execute(code)
        reply = kc.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok", reply
        replied = time.perf_counter()
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        idle = time.perf_counter()
        if i >= warmup:
            to_reply.append(replied - start)
            to_idle.append(idle - start)
    return to_reply, to_idle


def measure(label, kernel_name, starts, rounds):
    start_times = []
    for i in range(starts):
        elapsed, km, kc = time_start(kernel_name)
        start_times.append(elapsed)
        if i < starts - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    to_reply, to_idle = time_round_trips(kc, "1 + 1", rounds)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    ms = lambda s: round(s * 1000, 3)  # noqa: E731
    return {
        "kernel": label,
        "start_to_kernel_info_reply_ms_median": ms(statistics.median(start_times)),
        "round_trip_reply_ms_median": ms(statistics.median(to_reply)),
        "round_trip_reply_ms_p99": ms(percentile(to_reply, 99)),
        "round_trip_idle_ms_median": ms(statistics.median(to_idle)),
        "round_trip_idle_ms_p99": ms(percentile(to_idle, 99)),
        "starts": starts,
        "rounds": rounds,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--test-host", help="measure this KernelTestHost binary instead of swiftbayes")
    parser.add_argument("--no-ipykernel", action="store_true")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    if args.test_host:
        label = "KernelTestHost (toy interpreter)"
        argv = [os.path.abspath(args.test_host), "--connection-file", "{connection_file}"]
    else:
        binary = os.environ.get("SWIFTBAYES_BIN")
        if not binary:
            release = os.path.join(ROOT, ".build", "release", "swiftbayes")
            binary = release if os.path.exists(release) else os.path.join(ROOT, ".build", "debug", "swiftbayes")
        shown = os.path.relpath(binary, ROOT) if os.path.abspath(binary).startswith(ROOT + os.sep) else binary
        label = "SwiftBayes (" + shown + ")"
        argv = [os.path.abspath(binary), "kernel", "--connection-file", "{connection_file}"]
    results = [measure(label, write_kernelspec(argv), args.starts, args.rounds)]
    if not args.no_ipykernel:
        results.append(measure("ipykernel (python3)", "python3", args.starts, args.rounds))

    print("| kernel | start → kernel_info_reply (median) | `1 + 1` reply median | reply p99 | until idle median | idle p99 |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['kernel']} | {r['start_to_kernel_info_reply_ms_median']:.1f} ms | "
              f"{r['round_trip_reply_ms_median']:.3f} ms | {r['round_trip_reply_ms_p99']:.3f} ms | "
              f"{r['round_trip_idle_ms_median']:.3f} ms | {r['round_trip_idle_ms_p99']:.3f} ms |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
