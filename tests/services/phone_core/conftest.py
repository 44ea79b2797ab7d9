"""Fixtures of the phone core tests: the demo's phone users and sites, read through the API."""

from __future__ import annotations

from typing import Any

import pytest

from zemu.testing import ZemuServer


@pytest.fixture
def phone_users(zemu: ZemuServer) -> list[dict[str, Any]]:
    return zemu.api.get("/phone/users", params={"page_size": 100}).json()["users"]


@pytest.fixture
def demo_sites(zemu: ZemuServer) -> list[dict[str, Any]]:
    return zemu.api.get("/phone/sites").json()["sites"]
