"""Fixtures of the call-routing tests, which stand on the phone and numbers demos."""

from __future__ import annotations

from typing import Any

import pytest

from zemu.services.phone import model as phone
from zemu.services.phone_routing import demo
from zemu.store import Tx
from zemu.testing import ZemuServer


@pytest.fixture
def world(zemu: ZemuServer) -> dict[str, Any]:
    """The demo's phone users, free numbers, common areas and main site."""
    account_id = zemu.credentials["account_id"]

    def read(tx: Tx) -> dict[str, Any]:
        users = sorted(phone.list_phone_users(tx, account_id), key=lambda u: u["extension_number"])
        free = [{"id": n["id"], "number": n["number"]} for n in demo.free_numbers(tx, account_id)]
        return {
            "account_id": account_id,
            "users": users,
            "free_numbers": free,
            "common_areas": phone.list_common_areas(tx, account_id),
            "site": phone.main_site(tx, account_id),
        }

    return zemu.transaction(read)


@pytest.fixture
def queues(zemu: ZemuServer, world: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The demo queues by name."""
    listed = zemu.api.get("/phone/call_queues").json()["call_queues"]
    return {q["name"]: q for q in listed}
