"""Interrupts each long builtin 0.5 s in and reports the time from the interrupt to idle.

    .venv/bin/python Tests/jupyter/probe_interrupts.py [path/to/swiftbayes]

The binary defaults to $SWIFTBAYES_BIN, then .build/debug/swiftbayes. Each program runs in a
fresh cell of one kernel; after each interrupt the kernel must answer `1 + 1`. Prints a
Markdown table and exits 1 if any builtin took 1 s or more to become idle, or finished
before the interrupt (so it measured nothing).
"""
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
os.environ.setdefault("SWIFTBAYES_KERNEL_UNDER_TEST", "session")

from test_hardening import LONG_BUILTINS, SETUP, big_csv  # noqa: E402

DELAY = 0.5


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "SWIFTBAYES_BIN", os.path.join(ROOT, ".build", "debug", "swiftbayes")))
    state = tempfile.mkdtemp(prefix="swiftbayes-probe-")
    spec_dir = os.path.join(state, "kernels", "swiftbayes-probe")
    os.makedirs(spec_dir)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump({"argv": [binary, "kernel", "--connection-file", "{connection_file}"],
                   "display_name": "probe", "language": "swift", "interrupt_mode": "message"}, f)
    os.environ["JUPYTER_PATH"] = state
    for var in ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"]:
        os.environ[var] = os.path.join(state, var.lower())

    from jupyter_client.manager import start_new_kernel

    programs = dict(LONG_BUILTINS)
    programs["readCSV (1.5 GB)"] = f'let t = readCSV("{big_csv(state)}")'
    programs["while loop (evaluator)"] = "var n = 0\nwhile true { n += 1 }"
    km, kc = start_new_kernel(kernel_name="swiftbayes-probe", startup_timeout=30)
    failures = 0
    print(f"binary: {binary}\n")
    print("| builtin | code | interrupt → idle | ename |")
    print("|---|---|---|---|")
    try:
        for name, code in programs.items():
            if name in SETUP:
                kc.execute_interactive(SETUP[name], timeout=60)
            msg_id = kc.execute(code)
            time.sleep(DELAY)
            start = time.time()
            km.interrupt_kernel()
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                        and msg["content"]["execution_state"] == "idle":
                    idle = time.time() - start
                    break
            reply = kc.get_shell_msg(timeout=10)["content"]
            ename = reply.get("ename", reply["status"])
            ok = idle < 1.0 and ename == "KeyboardInterrupt"
            failures += not ok
            shown = code.replace(state, "…").replace("\n", "; ").replace("|", "\\|")
            if len(shown) > 60:
                shown = shown[:57] + "…"
            print(f"| {name} | `{shown}` | {idle * 1000:.0f} ms{'' if ok else ' ✗'} | {ename} |", flush=True)
            kc.execute_interactive("1 + 1", timeout=10, output_hook=lambda msg: None)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        shutil.rmtree(state, ignore_errors=True)
    print(f"\n{len(programs) - failures} of {len(programs)} idle within 1 s of the interrupt")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
