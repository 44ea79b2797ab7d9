"""The pytest plugin installed with zemu (entry point ``pytest11``): two fixtures.

``zemu_server_session`` is one in-process server for the whole session; ``zemu`` is that
server reset to the demo account before each test: the demo is built once and put back for
every later test, with the emulated clock where it was when the demo was built. The server itself is ``zemu.testing``,
which works without pytest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zemu.testing import ZemuServer, zemu_server

__all__ = ["zemu", "zemu_server_session"]


@pytest.fixture(scope="session")
def zemu_server_session() -> Iterator[ZemuServer]:
    with zemu_server() as server:
        yield server


@pytest.fixture
def zemu(zemu_server_session: ZemuServer) -> ZemuServer:
    zemu_server_session.reset(reuse=True)
    return zemu_server_session
