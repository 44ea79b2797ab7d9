"""What a user lets others do: scheduling assistants (and, seen from the other side, the users
they schedule for), the privileges their role grants, and their tokens.

    user_assistant  id = "{user}/{assistant}", parent = user, sort = assistant's email
    user_scheduler  id = "{assistant}/{user}", parent = assistant, sort = user's email
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.accounts.model import get_account, is_paid
from zemu.services.context import Context
from zemu.services.roles.model import get_role
from zemu.services.users.access import target_user
from zemu.services.users.model import account_user, find_user
from zemu.sim.clock import zulu

ASSISTANT = "user_assistant"
SCHEDULER = "user_scheduler"
MAX_ROWS = 10_000  # an assistant list is small by nature; read it at once


def list_assistants(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    rows = ctx.tx.list(ASSISTANT, parent=user["id"], limit=MAX_ROWS)
    return {"assistants": [_public(row.body) for row in rows]}


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "email": row["email"],
            "can_manage_host_private_event": row.get("can_manage_host_private_event", False)}


def add_assistants(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    account = get_account(ctx.tx, user["account_id"]) or {}
    if not is_paid(account):
        raise ZoomError(200, f"Current account must be paid account: {user['id']}", 400)
    wanted = (ctx.body or {}).get("assistants") or []
    if not wanted:
        raise ValidationFailed([{"field": "assistants", "message": "Invalid field."}])
    added = [add_assistant(ctx, user, entry) for entry in wanted]
    return {"ids": ",".join(a["id"] for a in added), "add_at": zulu(ctx.now)}


def add_assistant(ctx: Context, user: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    ref = entry.get("id") or entry.get("email") or ""
    assistant = account_user(ctx.tx, user["account_id"], ref)
    if assistant["id"] == user["id"]:
        raise ValidationFailed([{"field": "assistants", "message": "Invalid field."}])
    row = {"id": assistant["id"], "email": assistant["email"],
           "can_manage_host_private_event": bool(entry.get("can_manage_host_private_event", False))}
    ctx.tx.put(ASSISTANT, f"{user['id']}/{assistant['id']}", row, account_id=user["account_id"],
               parent=user["id"], sort=assistant["email"].lower())
    ctx.tx.put(SCHEDULER, f"{assistant['id']}/{user['id']}", {"id": user["id"], "email": user["email"]},
               account_id=user["account_id"], parent=assistant["id"], sort=user["email"].lower())
    return assistant


def _unlink(ctx: Context, user_id: str, assistant_id: str) -> bool:
    ctx.tx.delete(SCHEDULER, f"{assistant_id}/{user_id}")
    return ctx.tx.delete(ASSISTANT, f"{user_id}/{assistant_id}")


def delete_assistant(ctx: Context) -> None:
    user = target_user(ctx)
    ref = str(ctx.path["assistantId"])
    assistant = find_user(ctx.tx, ref)
    if assistant is None or not _unlink(ctx, user["id"], assistant["id"]):
        raise ZoomError(1001, f"User does not exist: {ref}.", 404)


def delete_assistants(ctx: Context) -> None:
    user = target_user(ctx)
    for row in ctx.tx.list(ASSISTANT, parent=user["id"], limit=MAX_ROWS):
        _unlink(ctx, user["id"], row.body["id"])


def list_schedulers(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    out = []
    for row in ctx.tx.list(SCHEDULER, parent=user["id"], limit=MAX_ROWS):
        owner = ctx.tx.get("user", row.body["id"])
        if owner is not None:
            out.append({"id": owner["id"], "email": owner["email"], "pmi": owner.get("pmi", 0)})
    return {"schedulers": out}


def delete_scheduler(ctx: Context) -> None:
    user = target_user(ctx)
    ref = str(ctx.path["schedulerId"])
    owner = find_user(ctx.tx, ref)
    if owner is None or not _unlink(ctx, owner["id"], user["id"]):
        raise ZoomError(1001, f"User does not exist: {ref}.", 404)


def delete_schedulers(ctx: Context) -> None:
    user = target_user(ctx)
    for row in ctx.tx.list(SCHEDULER, parent=user["id"], limit=MAX_ROWS):
        _unlink(ctx, row.body["id"], user["id"])


def permissions(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    role = get_role(ctx.tx, user["account_id"], user.get("role_id", "2")) or {}
    return {"permissions": list(role.get("privileges", []))}


def user_token(ctx: Context) -> dict[str, Any]:
    """A token of the asked type; ``zak`` and ``onbehalf`` tokens are opaque to clients."""
    target_user(ctx)
    return {"token": ctx.ids.secret(48)}
