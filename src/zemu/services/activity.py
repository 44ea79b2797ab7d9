"""What the account's people did: the admin operation log (written for every change made through
``/v2``, whatever the product) and the sign-in/sign-out activity log, both written by their real
causes and read by the meetings reports ``/report/operationlogs`` and ``/report/activities``.

    operation_log   id = uid, scope = account, sort = time + id, filed by category. One row per
                    change made through ``/v2`` (a POST, PATCH, PUT or DELETE in a category the
                    report knows), written in the change's own transaction: it rolls back with it.
    sign_in_event   id = uid, scope = account, sort = time + id. A user's browser signs in when
                    they approve an app (an authorization-code grant) and out when that app's
                    token is revoked; the simulator's host client signs in to start a meeting and
                    out when it ends.
"""

from __future__ import annotations

import hashlib
from typing import Any

from zemu.services.context import Context
from zemu.services.resource import Collection, Doc
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu
from zemu.store import Tx

SIGN_IN, SIGN_OUT = "Sign in", "Sign out"
BROWSER_CLIENT = ("Browser", "")
DESKTOP_CLIENT = ("Windows", "5.17.11.34827")
ACTIONS = {"POST": "add", "PATCH": "update", "PUT": "update", "DELETE": "delete"}

OPERATION_LOGS = Collection(
    "operation_log",
    sort=lambda d: f"{d['time']}{d['id']}",
    filters={"category": lambda d: d["category_type"]},
)
SIGN_INS = Collection("sign_in_event", sort=lambda d: f"{d['time']}{d['id']}")


def category_of(path: str) -> str | None:
    """The report's category of an operation, from its path; ``None`` for what the operation log
    does not cover (phone calls and numbers, marketplace apps and the like)."""
    parts = path.strip("/").split("/")
    head = parts[0] if parts else ""
    if "recordings" in parts:
        return "recording"
    if head == "users" and "settings" in parts:
        return "user_settings"
    if "webinars" in parts:
        return "webinar"
    if "meetings" in parts:
        return "meeting"
    if head == "users":
        return "user"
    if head == "accounts":
        return "sub_account" if len(parts) > 1 and parts[1] == "{accountId}" else "account"
    if head == "roles":
        return "role"
    if head == "rooms":
        return "zoom_rooms"
    if head in ("im", "chat"):
        return "im"
    if head == "contacts" or parts[:2] == ["phone", "external_contacts"]:
        return "phone_contacts"
    return None


def log_operation(ctx: Context) -> None:
    """Write the operation log's row for the change ``ctx`` is about to make. Called before the
    handler in the same transaction: if the handler refuses, the row rolls back with it."""
    op = ctx.op
    if op is None or op.method not in ACTIONS:
        return
    category = category_of(op.path)
    if category is None:
        return
    operator = find_user(ctx.tx, ctx.user_id) if ctx.user_id else None
    OPERATION_LOGS.save(
        ctx.tx,
        {
            "id": ctx.ids.uid(),
            "account_id": ctx.account_id,
            "time": zulu(ctx.now),
            "operator": operator["email"] if operator else "",
            "category_type": category,
            "action": ACTIONS[op.method],
            "operation_detail": _detail(ctx, op.summary),
        },
    )


def _detail(ctx: Context, summary: str) -> str:
    """``Delete a user - user2@example.com``: what was done, to what (a user by their email; what
    a create names, such as the new user's email or the meeting's topic)."""
    targets = []
    for name, value in ctx.path.items():
        user = find_user(ctx.tx, str(value)) if name == "userId" else None
        targets.append(user["email"] if user else str(value))
    body: dict[str, Any] = ctx.body if isinstance(ctx.body, dict) else {}
    inner = body.get("user_info")
    info: dict[str, Any] = inner if isinstance(inner, dict) else body
    named = next((info[k] for k in ("email", "name", "topic") if isinstance(info.get(k), str) and info[k]), None)
    if named:
        targets.append(named)
    return f"{summary} - {', '.join(targets)}" if targets else summary


def record_sign_in(ctx: Context, account_id: str, email: str, what: str, client: tuple[str, str]) -> None:
    sign_in(ctx.tx, ctx.ids.uid(), ctx.now, account_id, email, what, client)


def sign_in(tx: Tx, row_id: str, now: float, account_id: str, email: str, what: str, client: tuple[str, str]) -> None:
    """One sign-in or sign-out of ``email`` from ``client`` (its type and version)."""
    SIGN_INS.save(
        tx,
        {
            "id": row_id,
            "account_id": account_id,
            "time": zulu(now),
            "email": email,
            "type": what,
            "client_type": client[0],
            "version": client[1],
            "ip_address": ip_of(email),
        },
    )


def ip_of(email: str) -> str:
    """The documentation address a user signs in from, the same each time for one user."""
    return f"192.0.2.{hashlib.sha256(email.lower().encode()).digest()[0] % 254 + 1}"


def user_signed_in(tx: Tx, row_id: str, now: float, user_id: str, what: str) -> None:
    """An authorization-code login (or its revocation) of ``user_id``, from the browser."""
    user = find_user(tx, user_id)
    if user is not None:
        sign_in(tx, row_id, now, user["account_id"], user["email"], what, BROWSER_CLIENT)


# the reports ------------------------------------------------------------------------------------
def _bounds(start: str, end: str) -> tuple[str, str]:
    return f"{start}T00:00:00Z", f"{end}T24"  # "T24" sorts after every time of the last day


def _fields(*names: str) -> Any:
    return lambda doc: {name: doc[name] for name in names}


def operation_logs(ctx: Context, start: str, end: str) -> Doc:
    category = ctx.query.get("category_type")
    lo, hi = _bounds(start, end)
    page = OPERATION_LOGS.page(
        ctx,
        where={"category": None if category in (None, "", "all") else category},
        lo=lo,
        hi=hi,
        shape=_fields("time", "operator", "category_type", "action", "operation_detail"),
        total=False,
    )
    return {**page.fields(), "operation_logs": page.items}


def activities(ctx: Context, start: str, end: str) -> Doc:
    lo, hi = _bounds(start, end)
    shape = _fields("email", "time", "type", "ip_address", "client_type", "version")
    page = SIGN_INS.page(ctx, lo=lo, hi=hi, shape=shape, total=False)
    return {"from": start, "to": end, **page.fields(), "activity_logs": page.items}
