"""Body bytes checked by a receiver written in JavaScript, the way Zoom's sample verifies them,
and strict mode: an event body that does not match its schema is never delivered."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
from webhook_receivers import Receiver, change_settings, deliveries, emit_raw, subscribe, wait_settled

from zemu.testing import ZemuServer

EVENT = "account.settings_updated"
AWKWARD = [
    {"name": "Zoë Ñúñez-Øster 北京 😀", "path": "a/b\\c", "quote": 'say "hi"'},
    {"ratio": 0.1, "whole_float": 2.0, "tiny": 1e-7, "huge": 1e21, "neg_zero": -0.0, "pi": 3.141592653589793},
    {"ctl": "line\nbreak\ttab\r\x00\x01\x1f\x7f\u2028\u2029", "nested": {"a": [{"b": {"c": [1, [2, [3]]]}}]}},
    {"10": "ten", "2": "two", "z": "zed", "empty": {}, "list": [], "null": None, "t": True},
]


@pytest.fixture
def js_receiver(zemu: ZemuServer) -> Iterator[str]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    secret = zemu.credentials["webhook_secret_token"]
    proc = subprocess.Popen(["node", "tests/events/receiver.js", "0", secret], stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())  # type: ignore[union-attr]
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.kill()
        proc.wait()


def _awkward_body(zemu: ZemuServer, extra: dict[str, object], n: int) -> dict[str, object]:
    account = zemu.credentials["account_id"]
    return {
        "event": EVENT,
        "event_ts": 1_800_000_000_000 + n,
        "payload": {
            "account_id": account,
            "operator": "owner@zemu-demo.example",
            "operator_id": "op",
            "object": {"id": account, "settings": {"schedule_meeting": {"host_video": True}}},
            "zemu_extra": extra,
        },
    }


def test_a_javascript_receiver_verifies_every_body_over_json_stringify(zemu: ZemuServer, js_receiver: str) -> None:
    subscribe(zemu.control, f"{js_receiver}/hook", events=[EVENT])  # validated by the JavaScript receiver
    change_settings(zemu.api)
    for n, extra in enumerate(AWKWARD):
        emit_raw(zemu, EVENT, _awkward_body(zemu, extra, n))
    found = wait_settled(zemu.control, len(AWKWARD) + 1)
    seen = httpx.get(f"{js_receiver}/results").json()
    assert len(seen) == len(AWKWARD) + 2  # the validation request and every delivery
    assert all(r["ok"] and r["rawEqualsStringify"] for r in seen), seen
    assert {d["status"] for d in found} == {"delivered"}


def test_stored_body_is_what_javascript_writes_for_the_parsed_value(zemu: ZemuServer) -> None:
    receiver = Receiver(secret=zemu.credentials["webhook_secret_token"])
    try:
        subscribe(zemu.control, receiver.url, events=[EVENT])
        emit_raw(zemu, EVENT, _awkward_body(zemu, AWKWARD[1], 0))
        [got] = receiver.wait_for(1)
        assert b'"whole_float":2,' in got.body and b'"tiny":1e-7' in got.body and b'"neg_zero":0' in got.body
        assert b'"huge":1e+21' in got.body
    finally:
        receiver.close()


def test_strict_mode_never_delivers_a_body_that_breaks_its_schema(zemu: ZemuServer) -> None:
    receiver = Receiver(secret=zemu.credentials["webhook_secret_token"])
    try:
        subscribe(zemu.control, receiver.url, events=[EVENT])
        bad = _awkward_body(zemu, {}, 0)
        bad["payload"]["operator_id"] = 12345  # the schema says string
        emit_raw(zemu, EVENT, bad)
        deadline = time.monotonic() + 5
        while not deliveries(zemu.control) and time.monotonic() < deadline:
            time.sleep(0.02)
        [logged] = deliveries(zemu.control)
        assert logged["status"] == "failed" and logged["last_error"].startswith("strict mode")
        zemu.advance(3600)
        assert receiver.deliveries() == []
        change_settings(zemu.api)  # a real event passes the same check
        receiver.wait_for(1)
        assert json.loads(receiver.deliveries()[0].body)["event"] == EVENT
    finally:
        receiver.close()
