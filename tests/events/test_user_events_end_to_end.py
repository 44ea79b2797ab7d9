"""The identity issue's promise end to end: a receiver subscribed to everything gets all 21 user
and group events, each caused for real, schema-valid (strict mode refuses any other) and signed
so that a JavaScript receiver verifying as Zoom's sample does accepts it."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
from webhook_receivers import subscribe

from user_group_events import USER_AND_GROUP_EVENTS
from zemu.testing import ZemuServer


@pytest.fixture
def js_receiver(zemu: ZemuServer) -> Iterator[str]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    proc = subprocess.Popen(
        ["node", "tests/events/receiver.js", "0", zemu.credentials["webhook_secret_token"]],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{int(proc.stdout.readline())}"  # type: ignore[union-attr]
    finally:
        proc.kill()
        proc.wait()


def test_a_receiver_subscribed_to_everything_gets_all_21_user_and_group_events(
    zemu: ZemuServer, js_receiver: str
) -> None:
    subscribe(zemu.control, f"{js_receiver}/zoom")  # every event, URL validated by the receiver
    for event in sorted(USER_AND_GROUP_EVENTS):
        assert zemu.control.post(f"/zemu/trigger/{event}", json={}).status_code == 200, event
    deadline = time.monotonic() + 15
    seen: list[dict[str, object]] = []
    while time.monotonic() < deadline:
        seen = httpx.get(f"{js_receiver}/results").json()
        if set(USER_AND_GROUP_EVENTS) <= {r["event"] for r in seen}:
            break
        time.sleep(0.05)
    assert set(USER_AND_GROUP_EVENTS) <= {r["event"] for r in seen}
    assert all(r["ok"] and r["rawEqualsStringify"] for r in seen), [r for r in seen if not r["ok"]]
    request_ids = [r["requestId"] for r in seen if r["event"] != "endpoint.url_validation"]
    assert len(request_ids) == len(set(request_ids))  # no delivery arrived twice
