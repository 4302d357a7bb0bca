"""Time from spawning `swiftbayes kernel` to its shell port accepting connections
(no jupyter_client involved), 5 runs.

usage: python3 Benchmarks/kernel_bind_time.py   (after `swift build -c release`)
"""
import json, socket, subprocess, time, os, tempfile
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
ports = {k: free_port() for k in ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"]}
cf = tempfile.mktemp(suffix=".json")
json.dump(dict(ports, ip="127.0.0.1", transport="tcp", key="abc", signature_scheme="hmac-sha256"), open(cf, "w"))
times = []
for _ in range(5):
    t0 = time.perf_counter()
    p = subprocess.Popen([os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "swiftbayes"), "kernel", "--connection-file", cf], stderr=subprocess.DEVNULL)
    while True:
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", ports["shell_port"])); s.close(); break
        except OSError:
            s.close(); time.sleep(0.0005)
    times.append((time.perf_counter() - t0) * 1000)
    p.kill(); p.wait()
print("spawn -> shell port accepting (ms):", [round(t, 1) for t in times])
