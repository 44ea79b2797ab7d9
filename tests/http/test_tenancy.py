"""Tenants stay apart: names another account owns, page tokens another account made, and tokens
sent where they would be recorded."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from zemu.http.redact import RedactSecrets, redact_query
from zemu.testing import ZemuServer

MASTER_OWNER = "owner@zemu-demo.example"
SUB_OWNER = "sub-owner@zemu-demo-east.example"
SCOPES = ["user:read:admin", "user:write:admin", "user:master", "phone:read:admin"]


@pytest.fixture
def sub_account(zemu: ZemuServer) -> dict[str, Any]:
    accounts = zemu.api.get("/accounts").json()["accounts"]
    return next(a for a in accounts if a["account_name"] == "Zemu Demo East")


@pytest.fixture
def sub_client(zemu: ZemuServer, sub_account: dict[str, Any]) -> Iterator[httpx.Client]:
    client = zemu.client_with_scopes(SCOPES, account_id=sub_account["id"])
    yield client
    client.close()


def test_a_sub_account_naming_a_master_user_by_email_hears_the_email_back(
    zemu: ZemuServer, sub_client: httpx.Client
) -> None:
    for path in (f"/users/{MASTER_OWNER}", f"/users/{MASTER_OWNER}/settings", f"/users/{MASTER_OWNER.upper()}"):
        answer = sub_client.get(path)
        ref = path.split("/")[2]
        assert answer.status_code == 404, path
        assert answer.json() == {"code": 1001, "message": f"User does not exist: {ref}."}
    master_owner_id = zemu.api.get("/users/me").json()["id"]
    assert master_owner_id not in sub_client.get(f"/users/{MASTER_OWNER}").text
    # its own users by email, and the master reaching a sub-account's user by email, still work
    assert sub_client.get(f"/users/{SUB_OWNER}").json()["email"] == SUB_OWNER


def test_a_master_still_names_its_sub_accounts_users_by_email(zemu: ZemuServer, sub_account: dict[str, Any]) -> None:
    answer = zemu.api.get(f"/accounts/{sub_account['id']}/users/{SUB_OWNER}")
    assert answer.status_code == 200 and answer.json()["email"] == SUB_OWNER


def test_a_page_token_is_bound_to_the_account_that_listed(zemu: ZemuServer, sub_client: httpx.Client) -> None:
    first = zemu.api.get("/users", params={"page_size": 1}).json()
    token = first["next_page_token"]
    assert token
    stolen = sub_client.get("/users", params={"next_page_token": token})
    assert stolen.status_code == 400
    assert stolen.json() == {"code": 300, "message": "The next page token is invalid or expired."}
    # the account that made it still pages with it
    second = zemu.api.get("/users", params={"next_page_token": token})
    assert second.status_code == 200 and second.json()["users"][0]["id"] != first["users"][0]["id"]


def test_an_access_token_in_a_query_string_is_redacted_in_the_request_log(zemu: ZemuServer) -> None:
    secret = zemu.token()
    answer = httpx.get(f"{zemu.base_url}/users/me", params={"page_size": "5", "access_token": secret})
    assert answer.status_code == 401
    logged = next(r for r in zemu.requests() if r["path"] == "/v2/users/me")
    assert logged["query"] == "page_size=5&access_token=REDACTED"
    assert secret not in zemu.control.get("/zemu/requests").text


def test_secrets_are_redacted_wherever_a_query_is_written() -> None:
    assert redact_query("a=1&access_token=abc&b=2") == "a=1&access_token=REDACTED&b=2"
    assert redact_query("refresh_token=r&client_secret=s&access%5Ftoken=t") == (
        "refresh_token=REDACTED&client_secret=REDACTED&access%5Ftoken=REDACTED"
    )
    assert redact_query("next_page_token=keep") == "next_page_token=keep"
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/v2/users?access_token=abc", "1.1", 401),
        None,
    )
    assert RedactSecrets().filter(record)
    assert "abc" not in record.getMessage() and "access_token=REDACTED" in record.getMessage()
