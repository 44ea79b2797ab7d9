"""Fixtures of the phone history tests: history written through ``records`` (as the simulator
does), between requests, while the server thread is idle, on a demo account whose own week of
history is taken away first, so that each test reads exactly what it wrote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from phone_history_state import forget_history
from zemu.sim.clock import parse_zulu
from zemu.store import Tx
from zemu.testing import ZemuServer

Doc = dict[str, Any]


@pytest.fixture
def zemu(zemu_server_session: ZemuServer) -> ZemuServer:
    zemu_server_session.reset()
    zemu_server_session.transaction(forget_history)
    return zemu_server_session


@pytest.fixture
def write(zemu: ZemuServer) -> Callable[[Callable[[Tx, str], None]], None]:
    """Run ``fn(tx, account_id)`` in one store transaction of the running server."""
    account_id = zemu.credentials["account_id"]

    def run(fn: Callable[[Tx, str], None]) -> None:
        zemu.transaction(lambda tx: fn(tx, account_id))

    return run


@pytest.fixture
def now(zemu: ZemuServer) -> float:
    return parse_zulu(zemu.now())


@pytest.fixture
def member(zemu: ZemuServer) -> Doc:
    """A user of the demo account (not the owner)."""
    users = zemu.api.get("/users", params={"page_size": 300}).json()["users"]
    return users[-1]
