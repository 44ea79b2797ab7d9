"""Fixtures of the accounts tests."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from zemu.ids import Ids
from zemu.services.users.model import create_user
from zemu.testing import ZemuServer

ALL = [
    "account:master",
    "account:read:admin",
    "account:write:admin",
    "billing:master",
    "sip_trunk:master",
    "user:master",
    "recording:read:admin",
]


@pytest.fixture
def demo_sub(zemu: ZemuServer) -> dict[str, Any]:
    accounts = zemu.api.get("/accounts").json()["accounts"]
    return next(a for a in accounts if a["account_name"] == "Zemu Demo East")


@pytest.fixture
def new_sub(zemu: ZemuServer):
    """Creates a sub-account through the API and answers its id."""

    def make(email: str = "new-owner@example.com") -> dict[str, Any]:
        answer = zemu.api.post(
            "/accounts",
            json={
                "email": email,
                "first_name": "Nia",
                "last_name": "Park",
                "password": "Str0ng!pass",
                "account_name": "New Sub",
            },
        )
        assert answer.status_code == 201, answer.text
        return answer.json()

    return make


@pytest.fixture
def client_of(zemu: ZemuServer):
    """A client holding a server-to-server token of the given account (a sub-account, say)."""
    clients: list[httpx.Client] = []

    def make(account_id: str, owner_id: str) -> httpx.Client:
        client = zemu.client_with_scopes(ALL, account_id=account_id)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def add_user(zemu: ZemuServer):
    """Files a member user straight in the store, on the server's thread."""

    def make(account_id: str, email: str, role_name: str = "Member") -> dict[str, Any]:
        return zemu.transaction(
            lambda tx: create_user(
                tx,
                Ids(),
                0.0,
                account_id=account_id,
                email=email,
                first_name="Sam",
                last_name="Lee",
                role_name=role_name,
            )
        )

    return make
