"""The reads users make most cost the same few store round trips however many documents the
account holds: a list page is an index range and a count, a detail one read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from zemu import runtime
from zemu.store import base
from zemu.testing import ZemuServer

READS = ("get", "get_row", "list", "list_views", "count", "holder", "query")


@pytest.fixture
def round_trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts the store reads of every transaction (the server runs in this process). The access
    token stays cached for the whole test: on a loaded machine its 50 ms would lapse between
    requests and add a read to any of them."""
    monkeypatch.setattr(runtime, "TOKEN_CACHE_SECONDS", 3600.0)
    counts: Counter[str] = Counter()
    for name in READS:
        original = getattr(base.Tx, name)

        def counted(self: Any, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            counts[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(base.Tx, name, counted)
    yield counts


def cost(zemu: ZemuServer, counts: Counter[str], path: str, **params: Any) -> int:
    """The store reads of one request (the fewest of three: the first may read the token)."""
    seen = []
    for _ in range(3):
        counts.clear()
        assert zemu.api.get(path, params=params).status_code == 200
        seen.append(sum(counts.values()))
    return min(seen)


def add_devices(zemu: ZemuServer, start: int, n: int, extension_id: str) -> None:
    for i in range(start, start + n):
        made = zemu.api.post(
            "/phone/devices",
            json={
                "display_name": f"Desk {i:03d}",
                "type": "poly",
                "mac_address": f"02:00:00:00:01:{i:02x}",
                "assignee_extension_ids": [extension_id],
            },
        )
        assert made.status_code == 201, made.text


def test_list_pages_and_details_cost_the_same_with_more_documents(
    zemu: ZemuServer, round_trips: Counter[str], phone_users: list[dict[str, Any]]
) -> None:
    user = phone_users[0]
    queue = zemu.api.get("/phone/call_queues").json()["call_queues"][0]
    reads = [
        ("/phone/users", {"page_size": 30}),
        (f"/phone/users/{user['id']}", {}),
        ("/phone/devices", {"type": "assigned", "page_size": 30}),
        ("/phone/call_queues", {"page_size": 30}),
        (f"/phone/call_queues/{queue['id']}", {}),
        ("/phone/account_settings", {}),
    ]
    add_devices(zemu, 0, 3, user["extension_id"])
    before = {path: cost(zemu, round_trips, path, **params) for path, params in reads}
    add_devices(zemu, 3, 40, user["extension_id"])
    after = {path: cost(zemu, round_trips, path, **params) for path, params in reads}
    assert after == before
    assert before["/phone/users"] <= 3 and before["/phone/devices"] <= 3 and before["/phone/call_queues"] <= 3
    assert before[f"/phone/users/{user['id']}"] <= 2 and before[f"/phone/call_queues/{queue['id']}"] <= 2
