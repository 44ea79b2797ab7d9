"""Nothing blocks the server: a request that waits on the network (saving an event subscription
validates its URL, for up to 3 s) leaves every other request free to answer at once."""

from __future__ import annotations

import socket
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from zemu.testing import ZemuServer

CREATE = "/marketplace/app/event_subscription"


def _answer_times(client: httpx.Client, path: str, times: int = 5) -> list[float]:
    took = []
    for _ in range(times):
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        took.append(time.perf_counter() - started)
    return took


def test_reads_answer_within_50_ms_while_a_subscription_to_a_hanging_url_is_saved(zemu: ZemuServer) -> None:
    hanging = socket.socket()  # accepts connections and never answers
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(8)
    hanging.settimeout(10)
    url = f"http://127.0.0.1:{hanging.getsockname()[1]}/hook"
    api = zemu.api
    assert api.get("/users/me").status_code == 200  # token and routes warm
    saver = zemu.client(api.headers["Authorization"].removeprefix("Bearer "))
    body: dict[str, Any] = {
        "events": ["account.settings_updated"],
        "event_webhook_url": url,
        "subscription_scope": "account",
    }
    with ThreadPoolExecutor(1) as pool, saver:
        started = time.perf_counter()
        saving = pool.submit(saver.post, CREATE, json=body)
        held, _ = hanging.accept()  # the URL check is now in flight, and will hang
        try:
            health = _answer_times(zemu.control, "/zemu/health")
            reads = _answer_times(api, "/users/me")
            assert not saving.done()
            answer = saving.result(timeout=10)
        finally:
            held.close()
            hanging.close()
    took = time.perf_counter() - started
    assert statistics.median(health) < 0.05, health
    assert statistics.median(reads) < 0.05, reads
    assert answer.status_code == 404
    assert answer.json() == {"code": 1701, "message": f"The event webhook url validate failed: {url}."}
    assert took >= 2.9  # the check did wait its 3 s for the receiver
    assert zemu.control.get("/zemu/subscriptions").json()["subscriptions"] == []
