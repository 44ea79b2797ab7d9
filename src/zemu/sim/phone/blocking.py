"""The account's blocked list as calls meet it: an inbound call from a blocked number, or an
outbound call to one, is refused by the system (history result ``system_blocked``)."""

from __future__ import annotations

from typing import Any

from zemu.services.phone import blocked_list
from zemu.store import Tx

Doc = dict[str, Any]


def _matches(entry: Doc, number: str) -> bool:
    listed = str(entry.get("phone_number") or "").lstrip("+")
    dialled = number.lstrip("+")
    if not listed or entry.get("status", "active") != "active":
        return False
    if entry.get("match_type") == "prefix":
        return dialled.startswith(listed) or dialled.startswith("1" + listed)
    return dialled == listed or dialled == "1" + listed


def blocked(tx: Tx, account_id: str, caller: Doc, callee: Doc) -> bool:
    """Whether the blocked list refuses a call between these parties."""
    if caller["internal"] == callee["internal"]:
        return False
    outside, direction = (caller, "inbound") if callee["internal"] else (callee, "outbound")
    entries = [row.body for row in tx.list(blocked_list.KIND, parent=account_id, limit=10_000)]
    return any(
        _matches(entry, outside["phone_number"])
        for entry in entries
        if entry.get("block_type", "inbound") in (direction, "both")
    )
