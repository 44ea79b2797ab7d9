"""The phone simulator's tests: one demo account per module with a real webhook receiver on
loopback subscribed to the phone events (the receivers are the webhook tests' own)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "events"))

from webhook_receivers import Receiver  # noqa: E402

from zemu.sim.phone.engine import EMITS  # noqa: E402
from zemu.testing import ZemuServer  # noqa: E402


@pytest.fixture(scope="module")
def phone(zemu_server_session: ZemuServer) -> Iterator[tuple[ZemuServer, Receiver]]:
    """The shared server, reset once for the module, with the simulator's events delivered to a receiver."""
    server = zemu_server_session
    server.reset()
    receiver = Receiver(secret=server.credentials["webhook_secret_token"])
    # the demo app holds no phone_e911 scope, which phone.emergency_alert needs (the outbox shows it)
    server.subscribe(receiver.url, events=sorted(EMITS - {"phone.emergency_alert"}))
    yield server, receiver
    receiver.close()
