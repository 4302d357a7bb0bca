"""The wire, through raw ZeroMQ sockets: forged, unsigned, replayed and malformed messages
are dropped (and logged) while the kernel keeps answering; the heartbeat echoes."""
import time

import pytest
import zmq
from jupyter_client.session import Session

from samples import SAMPLES
from kernel_helpers import plain_result, run


class RawClient:
    """A DEALER on shell and a SUB on iopub, speaking bytes, so tests can forge frames."""

    def __init__(self, km):
        info = km.get_connection_info()
        self.session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
        self.context = zmq.Context()
        self.shell = self.context.socket(zmq.DEALER)
        self.shell.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
        self.iopub = self.context.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(f"{info['transport']}://{info['ip']}:{info['iopub_port']}")
        time.sleep(0.3)  # let the subscription reach the XPUB

    def frames(self, msg_type, content):
        msg = self.session.msg(msg_type, content)
        return msg, self.session.serialize(msg)

    def reply_to(self, msg_id, timeout=1.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.shell.poll(50):
                _, msg = self.session.feed_identities(self.shell.recv_multipart())
                msg = self.session.deserialize(msg)
                if msg["parent_header"].get("msg_id") == msg_id:
                    return msg
        return None

    def iopub_parents(self, timeout=0.3):
        parents = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.iopub.poll(50):
                _, msg = self.session.feed_identities(self.iopub.recv_multipart())
                parents.append(self.session.deserialize(msg)["parent_header"].get("msg_id"))
        return parents

    def close(self):
        self.context.destroy(linger=0)


@pytest.fixture
def raw(kernel):
    km, _ = kernel
    client = RawClient(km)
    yield client
    client.close()


def test_forged_signature_dropped(raw):
    msg, frames = raw.frames("execute_request", {"code": SAMPLES["one_plus_one"], "silent": False})
    frames[1] = b"0" * 64
    raw.shell.send_multipart(frames)
    assert raw.reply_to(msg["header"]["msg_id"]) is None
    assert msg["header"]["msg_id"] not in raw.iopub_parents()
    good, frames = raw.frames("kernel_info_request", {})
    raw.shell.send_multipart(frames)
    assert raw.reply_to(good["header"]["msg_id"], timeout=5)["msg_type"] == "kernel_info_reply"


def test_unsigned_message_dropped(raw):
    msg, frames = raw.frames("kernel_info_request", {})
    frames[1] = b""
    raw.shell.send_multipart(frames)
    assert raw.reply_to(msg["header"]["msg_id"]) is None
    good, frames = raw.frames("kernel_info_request", {})
    raw.shell.send_multipart(frames)
    assert raw.reply_to(good["header"]["msg_id"], timeout=5) is not None


def test_replayed_message_dropped(raw):
    msg, frames = raw.frames("execute_request", {"code": SAMPLES["one_plus_one"], "silent": False})
    raw.shell.send_multipart(frames)
    assert raw.reply_to(msg["header"]["msg_id"], timeout=5)["content"]["status"] == "ok"
    raw.shell.send_multipart(frames)
    assert raw.reply_to(msg["header"]["msg_id"]) is None
    good, frames = raw.frames("kernel_info_request", {})
    raw.shell.send_multipart(frames)
    assert raw.reply_to(good["header"]["msg_id"], timeout=5) is not None


def test_malformed_frames_do_not_crash(raw, kernel):
    km, kc = kernel
    for frames in [[b"garbage"], [b"<IDS|MSG>"], [b"<IDS|MSG>", b"", b"{", b"{}", b"{}", b"{}"]]:
        raw.shell.send_multipart(frames)
    time.sleep(0.3)
    assert km.is_alive()
    reply, outputs = run(kc, SAMPLES["one_plus_one"])
    assert reply["content"]["status"] == "ok" and plain_result(outputs) == ["2"]


def test_heartbeat_echoes(kernel):
    km, _ = kernel
    info = km.get_connection_info()
    context = zmq.Context()
    try:
        hb = context.socket(zmq.REQ)
        hb.linger = 0
        hb.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
        hb.send(b"ping")
        assert hb.poll(3000), "no heartbeat echo"
        assert hb.recv() == b"ping"
    finally:
        context.destroy(linger=0)
