"""Finds the kernel under test without installing it: writes a kernelspec into a private
JUPYTER_PATH (jupyter_client searches it first) and keeps Jupyter's state out of $HOME.

* session (default): argv ``$SWIFTBAYES_BIN kernel --connection-file {connection_file}``,
  ``SWIFTBAYES_BIN`` defaulting to ``.build/debug/swiftbayes``;
* test-host: argv ``$KERNEL_TEST_HOST_BIN --connection-file {connection_file}``, defaulting
  to ``.build/debug/KernelTestHost``.
"""
import json
import os
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

from samples import KERNEL_UNDER_TEST  # noqa: E402

KERNEL_NAME = "swiftbayes-under-test"


def _argv():
    if KERNEL_UNDER_TEST == "test-host":
        binary = os.environ.get("KERNEL_TEST_HOST_BIN", os.path.join(ROOT, ".build", "debug", "KernelTestHost"))
        return [os.path.abspath(binary), "--connection-file", "{connection_file}"]
    binary = os.environ.get("SWIFTBAYES_BIN", os.path.join(ROOT, ".build", "debug", "swiftbayes"))
    return [os.path.abspath(binary), "kernel", "--connection-file", "{connection_file}"]


_state = tempfile.mkdtemp(prefix="swiftbayes-jupyter-")
_spec_dir = os.path.join(_state, "path", "kernels", KERNEL_NAME)
os.makedirs(_spec_dir)
with open(os.path.join(_spec_dir, "kernel.json"), "w") as f:
    json.dump(
        {"argv": _argv(), "display_name": "Swift (SwiftBayes, under test)", "language": "swift", "interrupt_mode": "message"},
        f,
    )
os.environ["JUPYTER_PATH"] = os.path.join(_state, "path")
for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
    os.environ[var] = os.path.join(_state, sub)
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"


def pytest_report_header(config):
    return f"kernel under test: {KERNEL_UNDER_TEST}: {' '.join(_argv())}"


@pytest.fixture
def kernel():
    """A started kernel and a ready blocking client; shut down afterwards."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=30)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
