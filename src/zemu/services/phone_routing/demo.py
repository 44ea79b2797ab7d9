"""The phone_routing part of the demo account."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.store import Tx


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    return {}
