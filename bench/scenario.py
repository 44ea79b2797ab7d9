"""Preparing zemu for the measured requests: a real token, a full list page, a readable account.

Everything goes through a ``Send`` function so the same steps serve the network run (``http_sender``)
and the in-process run (``inproc.asgi_sender``). Each step checks the answer it needs, so the load
generator is only ever pointed at requests known to answer 200.
"""

from __future__ import annotations

import base64
import http.client
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import orjson

# (method, target with query, headers, body) -> (status, body)
Send = Callable[[str, str, dict[str, str], bytes | None], tuple[int, bytes]]

PAGE_SIZE = 30
SUB_ACCOUNTS = PAGE_SIZE + 1  # one more than a page, so the page is full and has a next page


class Unavailable(Exception):
    """An operation zemu does not answer yet (501) or answers wrongly: the figure is skipped."""


@dataclass(slots=True)
class Targets:
    account_id: str
    headers: dict[str, str]
    point_path: str | None = None
    list_path: str | None = None
    notes: list[str] = field(default_factory=list)


def http_sender(port: int, timeout: float = 10.0) -> Send:
    def send(method: str, target: str, headers: dict[str, str], body: bytes | None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    return send


def _json(status: int, body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return {"status": status, "body": body[:200].decode(errors="replace")}


def _describe(status: int, body: bytes) -> str:
    answer = _json(status, body)
    message = answer.get("message") if isinstance(answer, dict) else None
    return f"{status} {message or body[:120]!r}"


def authorize(send: Send) -> Targets:
    status, body = send("GET", "/zemu/credentials", {}, None)
    if status != 200:
        raise RuntimeError(f"GET /zemu/credentials answered {_describe(status, body)}")
    creds = orjson.loads(body)
    basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode()).decode()
    query = urlencode({"grant_type": "account_credentials", "account_id": creds["account_id"]})
    status, body = send("POST", f"/oauth/token?{query}", {"Authorization": f"Basic {basic}"}, None)
    if status != 200:
        raise RuntimeError(f"POST /oauth/token answered {_describe(status, body)}")
    token = orjson.loads(body)["access_token"]
    return Targets(creds["account_id"], {"Authorization": f"Bearer {token}"})


def fill_list_page(send: Send, targets: Targets) -> list[dict[str, Any]]:
    """Create the sub-accounts, then check the first page is full and points to a next one."""
    headers = {**targets.headers, "Content-Type": "application/json"}
    for i in range(SUB_ACCOUNTS):
        body = orjson.dumps(
            {
                "first_name": "F",
                "last_name": "L",
                "email": f"bench{i}@example.com",
                "password": "Passw0rd!x",
                "account_name": f"Bench {i}",
            }
        )
        status, answer = send("POST", "/v2/accounts", headers, body)
        if status == 501:
            raise Unavailable(f"POST /v2/accounts is not implemented yet (501): {_describe(status, answer)}")
        if status != 201:
            raise Unavailable(f"POST /v2/accounts answered {_describe(status, answer)}")
    path = f"/v2/accounts?page_size={PAGE_SIZE}"
    status, answer = send("GET", path, targets.headers, None)
    if status != 200:
        raise Unavailable(f"GET {path} answered {_describe(status, answer)}")
    page = orjson.loads(answer)
    items = page.get("accounts") or []
    if len(items) != PAGE_SIZE or not page.get("next_page_token"):
        raise Unavailable(
            f"GET {path} gave {len(items)} items, next_page_token="
            f"{page.get('next_page_token')!r}; expected a full page of {PAGE_SIZE} and a token"
        )
    targets.list_path = path
    return items


def pick_point_read(send: Send, targets: Targets, sub_accounts: list[dict[str, Any]]) -> None:
    """The master's own account if zemu serves it, else a sub-account: the same GET operation."""
    candidates = [targets.account_id] + [a["id"] for a in sub_accounts[:1]]
    failures: list[str] = []
    for account_id in candidates:
        path = f"/v2/accounts/{account_id}"
        status, answer = send("GET", path, targets.headers, None)
        if status == 200:
            targets.point_path = path
            if failures:
                targets.notes.append(
                    f"point read: GET /v2/accounts/<master id> answered {failures[0]}; "
                    f"measured a sub-account instead ({path})"
                )
            return
        failures.append(_describe(status, answer))
    targets.notes.append(f"point read skipped: GET /v2/accounts/<id> answered {'; '.join(failures)}")


def prepare(send: Send) -> Targets:
    targets = authorize(send)
    sub_accounts: list[dict[str, Any]] = []
    try:
        sub_accounts = fill_list_page(send, targets)
    except Unavailable as problem:
        targets.notes.append(f"list page skipped: {problem}")
    pick_point_read(send, targets, sub_accounts)
    return targets
