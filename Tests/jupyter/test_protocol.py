"""Protocol behaviour beyond the conformance suite, through jupyter_client: interrupt,
stop_on_error, live output, restart, stdin, memory, orphaned kernels, ipc."""
import os
import time

from kernel_helpers import plain_result, run
from samples import SAMPLES


def test_interrupt_endless_loop_within_a_second(kernel):
    km, kc = kernel
    reply, _ = run(kc, SAMPLES["bind_before"])
    assert reply["content"]["status"] == "ok", reply["content"]
    msg_id = kc.execute(SAMPLES["endless_loop"])
    time.sleep(0.5)
    start = time.time()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=5)
    elapsed = time.time() - start
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert elapsed < 1.0, f"interrupt took {elapsed:.3f} s"
    reply, outputs = run(kc, SAMPLES["use_before"])
    assert reply["content"]["status"] == "ok", reply["content"]
    assert plain_result(outputs) == ["42"]


def test_stop_on_error_aborts_queued_cells(kernel):
    _, kc = kernel
    failing = kc.execute(SAMPLES["slow_failure"])
    queued = [kc.execute(SAMPLES["one_plus_one"]) for _ in range(2)]
    replies = {}
    while len(replies) < 3:
        reply = kc.get_shell_msg(timeout=15)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]
    assert replies[failing]["status"] == "error"
    for msg_id in queued:
        assert replies[msg_id]["status"] == "error"
        assert replies[msg_id]["ename"] == "ExecutionAborted"
        assert "evalue" in replies[msg_id] and "traceback" in replies[msg_id]
    assert run(kc, SAMPLES["one_plus_one"])[0]["content"]["status"] == "ok"


def test_print_in_long_loop_arrives_before_cell_ends(kernel):
    _, kc = kernel
    start = time.time()
    msg_id = kc.execute(SAMPLES["ticking_loop"])
    first_stream = None
    while True:
        msg = kc.get_iopub_msg(timeout=15)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and first_stream is None:
            first_stream = time.time() - start
            assert "tick 0" in msg["content"]["text"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    total = time.time() - start
    assert first_stream is not None
    assert total >= 2.5, f"the loop should take about 3 s, took {total:.2f} s"
    assert first_stream < 1.0, f"first print arrived after {first_stream:.2f} s of {total:.2f} s"


def test_restart_resets_the_session(kernel):
    km, kc = kernel
    assert run(kc, SAMPLES["bind_kept"])[0]["content"]["status"] == "ok"
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=30)
    reply, _ = run(kc, SAMPLES["use_kept"])
    assert reply["content"]["status"] == "error"
    assert run(kc, SAMPLES["one_plus_one"])[0]["content"]["status"] == "ok"


def test_input_request_round_trip(kernel):
    _, kc = kernel
    msg_id = kc.execute(SAMPLES["read_line"], allow_stdin=True)
    request = kc.get_stdin_msg(timeout=10)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    kc.input("Ada")
    reply = kc.get_shell_msg(timeout=10)
    assert reply["content"]["status"] == "ok"
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=10)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            seen.append(msg["content"]["text"])
        if msg["msg_type"] == "execute_result":
            seen.append(msg["content"]["data"]["text/plain"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    assert any("Ada" in s for s in seen), seen


def test_input_without_allow_stdin_is_a_clear_error(kernel):
    _, kc = kernel
    reply, _ = run(kc, SAMPLES["read_line"], allow_stdin=False)
    assert reply["content"]["status"] == "error"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def test_thousand_executes_memory_growth(kernel):
    km, kc = kernel
    pid = km.provisioner.process.pid
    for _ in range(50):
        run(kc, SAMPLES["one_plus_one"])
    before = rss_kib(pid)
    for _ in range(1000):
        reply, _ = run(kc, SAMPLES["one_plus_one"])
        assert reply["content"]["status"] == "ok"
    growth_mib = (rss_kib(pid) - before) / 1024
    print(f"RSS growth over 1000 executes: {growth_mib:.2f} MiB")
    assert growth_mib < 20


def test_kernel_exits_when_its_parent_dies():
    """A kernel whose client process is killed must not stay behind (JPY_PARENT_PID)."""
    import subprocess
    import sys

    from conftest import KERNEL_NAME

    script = (
        "import time\n"
        "from jupyter_client.manager import start_new_kernel\n"
        f"km, kc = start_new_kernel(kernel_name={KERNEL_NAME!r}, startup_timeout=30)\n"
        "print(km.provisioner.process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pid = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.time() + 5
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, 9)
    raise AssertionError("the kernel outlived its parent by more than 5 s")


def test_ipc_transport(tmp_path):
    """The connection file's `transport: ipc` (Unix domain sockets named `<ip>-<port>`)."""
    from jupyter_client.manager import KernelManager

    from conftest import KERNEL_NAME

    km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(tmp_path / "kernel-ipc"))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=30)
        assert km.get_connection_info()["transport"] == "ipc"
        reply, outputs = run(kc, SAMPLES["one_plus_one"])
        assert reply["content"]["status"] == "ok" and plain_result(outputs) == ["2"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
