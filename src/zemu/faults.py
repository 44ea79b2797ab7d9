"""Fault rules: make chosen /v2 requests fail the way Zoom fails, on purpose.

A rule matches requests by product, operationId, method, path pattern (a glob over the path
after ``/v2``) and account, then fires with a probability drawn from its seed: the n-th request
that passes its filters fires when ``draw(seed, n) < probability``, so a seed gives the same
sequence on every run and in every process. It applies one effect (an error status with
Zoom's body, added real latency, a dropped connection, or a 429 storm with Zoom's rate-limit
headers) and expires after ``times`` firings or ``duration_seconds`` of emulated time.

Rules live in the store (``store/faults.py``). ``FaultBook`` caches them in process and checks
the store's version of them at most once per ``FRESH_SECONDS`` of real time, so a /v2 request
pays nothing for fault rules when there are none.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from zemu.catalog import Catalog, Operation
from zemu.errors import bad_request
from zemu.sim.clock import real_seconds, zulu
from zemu.store import Store
from zemu.store import faults as rows

EFFECTS = ("error", "latency", "drop", "rate_limit")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
LIMIT_TYPES = ("QPS", "Daily-limit")
FRESH_SECONDS = 1.0  # how stale another process's change to the rules may be seen here
MOST_LATENCY_MS = 300_000
MOST_SECONDS = 10 * 365 * 86400
MOST_TIMES = 1_000_000_000
LARGEST_CODE = 2**53  # Zoom's codes reach nine digits; JSON readers keep integers exact below 2**53
KEYS = (
    "effect",
    "status",
    "code",
    "message",
    "latency_ms",
    "limit_type",
    "product",
    "operation",
    "method",
    "path",
    "account_id",
    "probability",
    "seed",
    "times",
    "duration_seconds",
)


@dataclass(frozen=True, slots=True)
class FaultRule:
    id: str
    effect: str
    status: int | None
    code: int | None
    message: str | None
    latency_ms: float
    limit_type: str
    product: str | None
    operation: str | None
    method: str | None
    path: str | None
    account_id: str | None
    probability: float
    seed: int
    times: int | None
    expires_at: float | None

    @classmethod
    def of(cls, row: rows.RuleRow) -> FaultRule:
        b = row.body
        return cls(
            row.id,
            b["effect"],
            b.get("status"),
            b.get("code"),
            b.get("message"),
            b.get("latency_ms", 0),
            b.get("limit_type", "QPS"),
            b.get("product"),
            b.get("operation"),
            b.get("method"),
            b.get("path"),
            b.get("account_id"),
            b.get("probability", 1.0),
            b["seed"],
            b.get("times"),
            row.expires_at,
        )

    def passes(self, op: Operation, path: str, account: Callable[[], str | None]) -> bool:
        """Whether a request passes the rule's filters (the account is looked up only if asked)."""
        if self.product is not None and op.product != self.product:
            return False
        if self.operation is not None and op.operation_id != self.operation:
            return False
        if self.method is not None and op.method != self.method:
            return False
        if self.path is not None and not fnmatchcase(path, self.path):
            return False
        return self.account_id is None or account() == self.account_id


def draw(seed: int, n: int) -> float:
    """The n-th number in [0, 1) of a seed's sequence: a pure function, so any process that
    counts the same request n draws the same number."""
    digest = hashlib.sha256(f"{seed}:{n}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def public(row: rows.RuleRow, now: float) -> dict[str, Any]:
    """A rule as the control plane shows it: what was asked, and how it has fared."""
    spent = row.body.get("times") is not None and row.hits >= row.body["times"]
    lapsed = row.expires_at is not None and row.expires_at <= now
    return {
        "id": row.id,
        **row.body,
        "matches": row.hits,
        "seen": row.seen,
        "created_at": zulu(row.created_at),
        "expires_at": None if row.expires_at is None else zulu(row.expires_at),
        "active": not (spent or lapsed),
    }


# validation ----------------------------------------------------------------------------------
def _integer(body: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise bad_request(f"{key} must be a whole number from {low} to {high}")
    return value


def _number(body: dict[str, Any], key: str, low: float, high: float, *, above: bool = False) -> float | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise bad_request(f"{key} must be a finite number")
    if (value <= low if above else value < low) or value > high:
        bound = "greater than" if above else "at least"
        raise bad_request(f"{key} must be {bound} {low:g} and at most {high:g}")
    return float(value)


def _text(body: dict[str, Any], key: str, most: int) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= most or any(ord(c) < 32 for c in value):
        raise bad_request(f"{key} must be a string of 1 to {most} printable characters")
    return value


def _choice(body: dict[str, Any], key: str, choices: Sequence[str]) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        shown = ", ".join(choices) if len(choices) <= 10 else "one of the catalogue's"
        raise bad_request(f"{key} must be one of: {shown}")
    return value


def parse_rule(body: dict[str, Any], catalog: Catalog, new_seed: Callable[[], int]) -> dict[str, Any]:
    """The rule a control-plane body asks for, checked field by field (Zoom's 400, code 300, naming
    the field); the answer is what the store keeps."""
    unknown = sorted(set(body) - set(KEYS))
    if unknown:
        raise bad_request(f"unknown field(s): {', '.join(unknown)}; a rule takes {', '.join(KEYS)}")
    effect = _choice(body, "effect", EFFECTS)
    if effect is None:
        raise bad_request(f"effect is required: one of {', '.join(EFFECTS)}")
    rule: dict[str, Any] = {"effect": effect, **_effect(body, effect), **_filters(body, catalog)}
    rule["probability"] = _number(body, "probability", 0, 1, above=True) or 1.0
    seed = _integer(body, "seed", 0, 2**63 - 1)
    rule["seed"] = new_seed() if seed is None else seed
    times = _integer(body, "times", 1, MOST_TIMES)
    duration = _number(body, "duration_seconds", 0, MOST_SECONDS, above=True)
    rule.update({k: v for k, v in (("times", times), ("duration_seconds", duration)) if v is not None})
    return rule


def _effect(body: dict[str, Any], effect: str) -> dict[str, Any]:
    status = _integer(body, "status", 400, 599)
    if (status is None) == (effect == "error"):
        raise bad_request("status (400 to 599) is required with effect error, and only with it")
    if effect != "error" and ("code" in body or "message" in body):
        raise bad_request("code and message go with effect error")
    if effect != "rate_limit" and "limit_type" in body:
        raise bad_request("limit_type goes with effect rate_limit")
    latency = _number(body, "latency_ms", 0, MOST_LATENCY_MS)
    if effect == "latency" and not latency:
        raise bad_request(f"latency_ms (more than 0, at most {MOST_LATENCY_MS}) is required with effect latency")
    found = {
        "status": status,
        "code": _integer(body, "code", 0, LARGEST_CODE),
        "message": _text(body, "message", 2000),
        "latency_ms": latency,
        "limit_type": _choice(body, "limit_type", LIMIT_TYPES),
    }
    if effect == "rate_limit" and found["limit_type"] is None:
        found["limit_type"] = "QPS"
    return {k: v for k, v in found.items() if v is not None}


def _filters(body: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    products = sorted({op.product for op in catalog.operations})
    product = _choice(body, "product", products)
    operation = _text(body, "operation", 200)
    if operation is not None:
        known = catalog.by_operation_id.get(operation)
        if not known:
            raise bad_request(f"operation {operation!r} is not an operationId of the catalogue")
        if product is not None and all(op.product != product for op in known):
            raise bad_request(f"operation {operation} is not of product {product}: the rule would never match")
    method = body.get("method")
    if method is not None:
        method = _choice({"method": method.upper() if isinstance(method, str) else method}, "method", METHODS)
    path = _text(body, "path", 1000)
    if path is not None:
        if not path.startswith("/"):
            raise bad_request("path must be a pattern that starts with / (for example /phone/users/*)")
        path = path[len("/v2") :] if path.startswith("/v2/") else path  # rules match the path after /v2
    found = {
        "product": product,
        "operation": operation,
        "method": method,
        "path": path,
        "account_id": _text(body, "account_id", 200),
    }
    return {k: v for k, v in found.items() if v is not None}


# the in-process view -------------------------------------------------------------------------
class FaultBook:
    """The active rules, cached; ``pick`` finds the rule that fires for a request, if any."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._rules: tuple[FaultRule, ...] = ()
        self._version: str | None = None
        self._checked = -math.inf

    def rules(self) -> tuple[FaultRule, ...]:
        """The active rules; the store is asked whether they changed at most once per FRESH_SECONDS."""
        if real_seconds() - self._checked >= FRESH_SECONDS:
            self._refresh()
        return self._rules

    def forget(self) -> None:
        """Read the rules again at the next request (this process changed them, or the store)."""
        self._checked = -math.inf
        self._version = None

    def _refresh(self) -> None:
        with self.store.transaction(write=False) as tx:
            version = rows.version(tx)
            if version != self._version or version is None:
                found = [r for r in rows.every(tx) if "times" not in r.body or r.hits < r.body["times"]]
                self._rules = tuple(FaultRule.of(r) for r in found)
                self._version = version
        self._checked = real_seconds()

    def pick(self, op: Operation, path: str, account: Callable[[], str | None], now: float) -> FaultRule | None:
        for rule in self.rules():
            if rule.expires_at is not None and rule.expires_at <= now:
                continue
            if rule.passes(op, path, account) and self._fires(rule):
                return rule
        return None

    def _fires(self, rule: FaultRule) -> bool:
        """Count the request against the rule in the store and draw; True when the fault applies."""
        with self.store.transaction() as tx:
            counted = rows.count_seen(tx, rule.id)
            if counted is None:  # deleted by another process
                fires, spent = False, True
            else:
                seen, hits = counted
                spent = rule.times is not None and hits >= rule.times
                fires = not spent and draw(rule.seed, seen) < rule.probability
                if fires:
                    hits = rows.count_hit(tx, rule.id)
                    if rule.times is not None and hits >= rule.times:
                        rows.bump(tx)  # spent: every process drops it
                        spent = True
        if spent:
            self.forget()
        return fires
