"""Fixtures of the numbers tests: both Number Management path forms, and a few demo lookups."""

from __future__ import annotations

from typing import Any

import pytest

from zemu.testing import ZemuServer

NM_SCOPES = [
    "number_management_numbers:read:admin",
    "number_management_numbers:write:admin",
    "number_management_numbers:read:master",
    "number_management_numbers:write:master",
]


@pytest.fixture(params=["account", "master"])
def nm(request: pytest.FixtureRequest, zemu: ZemuServer) -> str:
    """The Number Management prefix: ``/number_management`` or the master form naming the caller."""
    if request.param == "account":
        return "/number_management"
    account_id = zemu.api.get("/users/me").json()["account_id"]
    return f"/accounts/{account_id}/number_management"


@pytest.fixture
def numbers(zemu: ZemuServer):
    """Every number of the demo account as Number Management lists it, by E.164."""

    def read() -> dict[str, dict[str, Any]]:
        body = zemu.api.get("/number_management/numbers", params={"page_size": 200}).json()
        return {n["number"]: n for n in body["numbers"]}

    return read


@pytest.fixture
def phone_numbers(zemu: ZemuServer):
    def read(**params: Any) -> dict[str, dict[str, Any]]:
        body = zemu.api.get("/phone/numbers", params={"page_size": 100, **params}).json()
        return {n["number"]: n for n in body["phone_numbers"]}

    return read


@pytest.fixture
def phone_user(zemu: ZemuServer) -> dict[str, Any]:
    """A phone user of the demo account (the first one listed)."""
    return zemu.api.get("/phone/users", params={"page_size": 1}).json()["users"][0]


@pytest.fixture
def sub_account(zemu: ZemuServer) -> dict[str, Any]:
    return zemu.api.get("/accounts").json()["accounts"][0]
