"""Hostile input through the kernel protocol (issue 14): interrupts inside long builtins,
an interrupt while readLine() waits, malformed execute_request content, readCSV on a FIFO,
and the session's memory budget (set through the kernelspec's env)."""
import json
import os
import tempfile
import time

import pytest
from kernel_helpers import plain_result, run
from samples import KERNEL_UNDER_TEST

pytestmark = pytest.mark.skipif(KERNEL_UNDER_TEST != "session", reason="needs the SwiftBayes language")

# Builtins that run for seconds (more than 2 s each on the 2-core machine, debug build);
# probe_interrupts.py interrupts the same programs and prints the times.
LONG_BUILTINS = {
    "Array(0..<200M)": "let xs = Array(0..<200_000_000)",
    "range.reduce closure": "(0..<100_000_000).reduce(0) { $0 + $1 }",
    "range.reduce(0, +)": "(0..<200_000_000).reduce(0, +)",
    "range.filter": "(0..<200_000_000).filter { $0 % 2 == 0 }.count",
    "range.map": "(0..<200_000_000).map { $0 * 2 }.count",
    "range.forEach": "(0..<200_000_000).forEach { _ in }",
    "range.contains(where:)": "(0..<1_000_000_000_000).contains { $0 < 0 }",
    "Dictionary(grouping:by:)": "Dictionary(grouping: 0..<100_000_000, by: { $0 % 7 }).count",
    "sorted()": "unsorted.sorted().count",
}
# Cells that must run first (not interrupted).
SETUP = {"sorted()": "let unsorted = (0..<1_000_000).map { ($0 * 7919) % 1_000_003 }"}


def big_csv(directory):
    """A 1.5 GB sparse file (no disk blocks): reading and parsing it takes many seconds."""
    path = os.path.join(directory, "big.csv")
    with open(path, "wb") as f:
        f.write(b"a,b\n")
        f.truncate(1536 << 20)
    return path


def interrupt_after(km, kc, code, delay=0.5, timeout=10):
    """Runs code, interrupts it `delay` s in; returns (reply, seconds from interrupt to idle)."""
    msg_id = kc.execute(code)
    time.sleep(delay)
    start = time.time()
    km.interrupt_kernel()
    reply = None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = time.time() - start
            break
    reply = kc.get_shell_msg(timeout=timeout)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply, idle


@pytest.mark.parametrize("name", list(LONG_BUILTINS))
def test_long_builtin_interrupted_within_a_second(kernel, name):
    km, kc = kernel
    if name in SETUP:
        assert run(kc, SETUP[name], timeout=60)[0]["content"]["status"] == "ok"
    reply, idle = interrupt_after(km, kc, LONG_BUILTINS[name])
    assert reply["content"]["status"] == "error", reply["content"]
    assert reply["content"]["ename"] == "KeyboardInterrupt", reply["content"]
    assert idle < 1.0, f"{name}: idle {idle:.2f} s after the interrupt"
    reply, outputs = run(kc, "1 + 1")
    assert plain_result(outputs) == ["2"]


def test_readcsv_interrupted_within_a_second(kernel):
    km, kc = kernel
    with tempfile.TemporaryDirectory() as d:
        reply, idle = interrupt_after(km, kc, f'let t = readCSV("{big_csv(d)}")')
    assert reply["content"]["ename"] == "KeyboardInterrupt", reply["content"]
    assert idle < 1.0, f"readCSV: idle {idle:.2f} s after the interrupt"
    assert plain_result(run(kc, "1 + 1")[1]) == ["2"]


def test_readcsv_on_a_fifo_is_an_error_not_a_hang(kernel):
    _, kc = kernel
    with tempfile.TemporaryDirectory() as d:
        fifo = os.path.join(d, "f.csv")
        os.mkfifo(fifo)
        try:
            reply, _ = run(kc, f'readCSV("{fifo}")', timeout=5)
        finally:
            try:  # wake a reader that blocked (the old behaviour)
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
    assert reply["content"]["ename"] == "IOError", reply["content"]
    assert "not a regular file" in reply["content"]["evalue"]


def test_interrupt_while_waiting_for_input_is_a_keyboard_interrupt(kernel):
    km, kc = kernel
    msg_id = kc.execute('let name = readLine(prompt: "name? ")', allow_stdin=True)
    assert kc.get_stdin_msg(timeout=10)["msg_type"] == "input_request"
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=5)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["ename"] == "KeyboardInterrupt", reply["content"]
    assert "KeyboardInterrupt" not in reply["content"]["evalue"], reply["content"]


@pytest.mark.parametrize("content", [{}, {"code": 7}, {"code": None}], ids=["missing", "int", "null"])
def test_execute_request_without_string_code_is_an_error(kernel, content):
    _, kc = kernel
    body = {"silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, **content}
    msg = kc.session.msg("execute_request", body)
    kc.shell_channel.send(msg)
    reply = kc.get_shell_msg(timeout=5)
    assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
    assert reply["content"]["status"] == "error", reply["content"]
    assert "'code'" in reply["content"]["evalue"], reply["content"]
    # busy … idle still bracket the request, and the kernel carries on.
    states = []
    while "idle" not in states:
        m = kc.get_iopub_msg(timeout=5)
        if m["parent_header"].get("msg_id") == msg["header"]["msg_id"] and m["msg_type"] == "status":
            states.append(m["content"]["execution_state"])
    assert states == ["busy", "idle"]
    assert plain_result(run(kc, "1 + 1")[1]) == ["2"]


@pytest.fixture
def budget_kernel():
    """A kernel whose kernelspec sets SWIFTBAYES_MEMORY_LIMIT (as a user would)."""
    from conftest import KERNEL_NAME
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import start_new_kernel

    spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    name = KERNEL_NAME + "-budget"
    spec_dir = os.path.join(os.environ["JUPYTER_PATH"], "kernels", name)
    os.makedirs(spec_dir, exist_ok=True)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump({"argv": spec.argv, "display_name": "budget", "language": "swift",
                   "interrupt_mode": "message", "env": {"SWIFTBAYES_MEMORY_LIMIT": "400M"}}, f)
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=30)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


@pytest.mark.parametrize("code", [
    "let a = Array(repeating: 1.0, count: 100_000_000)",
    "let z = zeros([20_000, 10_000])",
    "var xs: [Double] = []\nfor _ in 0..<100_000_000 { xs.append(1.0) }",
    "let r = (0..<100_000_000).map { $0 }",
    'let s1 = String(repeating: "x", count: 150_000_000)\nlet s2 = String(repeating: "y", count: 150_000_000)\n'
    'let s3 = String(repeating: "z", count: 150_000_000)',
    'func grow() -> Int {\n  var s = "x"\n  for _ in 0..<31 { s += s }\n  return s.count\n}\ngrow()',
], ids=["Array(repeating:)", "zeros", "append loop", "map", "string repeat", "string doubling (watchdog)"])
def test_allocation_past_the_budget_is_a_memory_error(budget_kernel, code):
    km, kc = budget_kernel
    reply, _ = run(kc, code, timeout=60)
    assert reply["content"]["status"] == "error", reply["content"]
    assert reply["content"]["ename"] == "MemoryError", reply["content"]
    assert "400 MB" in reply["content"]["evalue"], reply["content"]
    reply, outputs = run(kc, "let small = Array(0..<1000)\nsmall.count")
    assert plain_result(outputs) == ["1000"]
    with open(f"/proc/{km.provisioner.process.pid}/status") as f:
        rss_kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    assert rss_kib < 600 * 1024, f"the kernel uses {rss_kib // 1024} MiB"
