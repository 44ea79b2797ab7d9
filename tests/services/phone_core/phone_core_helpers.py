"""Plain helpers of the phone core tests (a module of its own: conftest modules share one name)."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def events(zemu: ZemuServer, name: str, since: int = 0) -> list[dict[str, Any]]:
    return [e["payload"] for e in zemu.outbox()[since:] if e["event"] == name]
