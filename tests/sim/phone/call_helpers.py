"""Plain helpers of the phone simulator tests (a module of its own: conftest modules share one name)."""

from __future__ import annotations

import json
import time
from typing import Any

import miniaudio
from webhook_receivers import Received, Receiver, verify

from zemu.testing import ZemuServer

Doc = dict[str, Any]


def place(server: ZemuServer, caller: str, callee: str, **body: Any) -> Doc:
    answer = server.control.post("/zemu/phone/calls", json={"from": caller, "to": callee, **body})
    assert answer.status_code == 201, answer.text
    return answer.json()


def call_events(server: ZemuServer, call_id: str) -> list[Doc]:
    """The outbox's events that name the call, in the order they were emitted."""
    return [body for body in server.outbox() if call_id in json.dumps(body)]


def names(events: list[Doc]) -> list[str]:
    return [e["event"].removeprefix("phone.") for e in events]


def delivered(server: ZemuServer, receiver: Receiver, call_id: str, count: int) -> list[Received]:
    """Wait for ``count`` deliveries naming the call; each is signed with the app's secret."""
    secret = server.credentials["webhook_secret_token"]
    deadline = time.monotonic() + 15
    found: list[Received] = []
    while time.monotonic() < deadline:
        found = [r for r in receiver.deliveries() if call_id.encode() in r.body]
        if len(found) >= count:
            break
        time.sleep(0.02)
    assert len(found) == count, [r.event for r in found]
    assert all(verify(secret, r) for r in found)
    return found


def decoded(data: bytes) -> miniaudio.DecodedSoundFile:
    return miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16)


def seconds(sound: miniaudio.DecodedSoundFile) -> float:
    return float(sound.num_frames / sound.sample_rate)


def step(at: float, do: str, **more: Any) -> Doc:
    """One step of a call's script."""
    return {"at_seconds": at, "do": do, **more}


def billing_queue(server: ZemuServer, mode: str) -> Doc:
    """The demo's Billing queue, set to ring its members by ``mode`` (10 s each, 60 s at most)."""
    queue = next(q for q in server.api.get("/phone/call_queues").json()["call_queues"] if q["name"] == "Billing")
    changed = server.api.patch(
        f"/phone/call_queues/{queue['id']}/call_handling/settings/business_hours",
        json={
            "call_distribution_setting": {
                "ring_mode": mode,
                "max_wait_time": 60,
                "ring_mode_setting": {"ring_duration": 10},
            }
        },
    )
    assert changed.status_code == 204, changed.text
    return dict(queue)
