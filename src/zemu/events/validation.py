"""Endpoint URL validation: Zoom's challenge-response check (zoom-conventions §8.4).

zemu POSTs a signed ``endpoint.url_validation`` event with a random ``plainToken``; the receiver
must answer 200/204 within 3 s with ``{"plainToken", "encryptedToken"}``, the latter the hex
HMAC-SHA256 of the plainToken under the app's secret token. It runs when a subscription is
saved and every 72 emulated hours; 6 failures in a row disable the subscription.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from zemu.events import body as json_body
from zemu.events.schedule import MAX_VALIDATION_FAILURES, REVALIDATE_EVERY
from zemu.events.sender import Client, post
from zemu.events.signing import delivery_headers, encrypted_token
from zemu.events.subscriptions import DISABLED, Subscription
from zemu.ids import Ids

EVENT = "endpoint.url_validation"


@dataclass(slots=True)
class Check:
    """One validation request and what came back."""

    url: str
    at: float
    request_headers: dict[str, str]
    request_body: bytes
    plain_token: str
    secret: str
    status: int = -1
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    error: str | None = None
    failed_reason_type: int | None = None
    latency_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def judge(self) -> None:
        """Set ``error`` unless the answer is a correct challenge response."""
        if self.error is not None:
            return
        if self.status not in (200, 204):
            self.error = f"answered HTTP {self.status}"
            return
        try:
            answer = orjson.loads(self.response_body)
        except orjson.JSONDecodeError:
            answer = None
        if not isinstance(answer, dict):
            self.error = "the answer is not a JSON object"
        elif answer.get("plainToken") != self.plain_token:
            self.error = "the answer's plainToken differs from the one sent"
        elif answer.get("encryptedToken") != encrypted_token(self.secret, self.plain_token):
            self.error = "the answer's encryptedToken is wrong"


def challenge(ids: Ids, now: float, url: str, secret: str) -> Check:
    plain = ids.secret(16)
    body = json_body.encode({"payload": {"plainToken": plain}, "event_ts": int(now * 1000), "event": EVENT})
    request_id = ids.uuid().replace("-", "_")
    headers = delivery_headers(secret, str(int(now)), body, request_id=request_id, tracking_id=ids.hex32())
    return Check(url=url, at=now, request_headers=headers, request_body=body, plain_token=plain, secret=secret)


async def run(client: Client, check: Check) -> Check:
    """Send the challenge and judge the answer; awaited, never inside a transaction."""
    result = await post(client, check.url, check.request_body, check.request_headers)
    check.status, check.response_headers, check.response_body = result.status, result.headers, result.body
    check.error, check.failed_reason_type, check.latency_ms = result.error, result.failed_reason_type, result.latency_ms
    check.judge()
    return check


def apply(sub: Subscription, check: Check, *, scheduled: float | None) -> Subscription:
    """Record a check on the subscription: reset or count failures, schedule the next check, and
    disable it after 6 failures in a row. ``scheduled`` is the check's due time (None: on demand)."""
    state = sub["validation"]
    state["last_at"] = check.at
    state["last_ok"] = check.ok
    state["last_error"] = check.error
    base = scheduled if scheduled is not None else check.at
    state["next_at"] = base + REVALIDATE_EVERY if state["enabled"] else None
    if check.ok:
        state["failures"] = 0
    else:
        state["failures"] += 1
        if state["failures"] >= MAX_VALIDATION_FAILURES:
            sub["status"] = DISABLED
            state["next_at"] = None
    return sub


def attempt_row(ids: Ids, sub: Subscription, check: Check) -> dict[str, Any]:
    """The attempt-log row of a validation request."""
    return {
        "id": ids.uid(),
        "delivery_id": "",
        "kind": "validation",
        "account_id": sub["account_id"],
        "app_id": sub["app_id"],
        "subscription_id": sub["id"],
        "event": EVENT,
        "url": check.url,
        "retry_num": 0,
        "at": check.at,
        "scheduled_at": check.at,
        "ok": 1 if check.ok else 0,
        "status": check.status,
        "failed_reason_type": check.failed_reason_type,
        "error": check.error,
        "latency_ms": check.latency_ms,
        "request_headers": orjson.dumps(check.request_headers).decode(),
        "request_body": check.request_body.decode(),
        "response_headers": orjson.dumps(check.response_headers).decode(),
        "response_body": check.response_body.decode("utf-8", "replace"),
    }
