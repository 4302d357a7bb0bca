"""Helpers shared by the kernel tests."""


def run(kc, code, timeout=15, **kwargs):
    """Executes code; returns (reply, iopub messages of this request)."""
    outputs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=outputs.append, **kwargs)
    return reply, outputs


def plain_result(outputs):
    return [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
