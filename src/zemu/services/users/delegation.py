"""What a user lets others do: scheduling assistants (and, seen from the other side, the users
they schedule for), the privileges their role grants, and their tokens.

A user's assistants are kept on the user document (``assistants``, in email order); the users
an assistant schedules for are those filed under ``assisted_by`` = the assistant.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ValidationFailed
from zemu.services.accounts.model import get_account, is_paid
from zemu.services.context import Context
from zemu.services.roles.model import get_role
from zemu.services.users.access import target_user
from zemu.services.users.model import USERS, account_user, find_user, save_user, user_missing
from zemu.sim.clock import zulu


def list_assistants(ctx: Context) -> dict[str, Any]:
    return {"assistants": list(target_user(ctx).get("assistants") or [])}


def add_assistants(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    account = get_account(ctx.tx, user["account_id"]) or {}
    if not is_paid(account):
        raise ctx.fail(200, "Current account must be paid", userId=user["id"])
    wanted = (ctx.body or {}).get("assistants") or []
    if not wanted:
        raise ValidationFailed([{"field": "assistants", "message": "Invalid field."}])
    added = [add_assistant(ctx, user, entry) for entry in wanted]
    return {"ids": ",".join(a["id"] for a in added), "add_at": zulu(ctx.now)}


def add_assistant(ctx: Context, user: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """Held on the user (email order); the assistant finds who they schedule for by the
    ``assisted_by`` filter of the users collection."""
    ref = entry.get("id") or entry.get("email") or ""
    assistant = account_user(ctx.tx, user["account_id"], ref)
    if assistant["id"] == user["id"]:
        raise ValidationFailed([{"field": "assistants", "message": "Invalid field."}])
    row = {
        "id": assistant["id"],
        "email": assistant["email"],
        "can_manage_host_private_event": bool(entry.get("can_manage_host_private_event", False)),
    }
    others = [a for a in user.get("assistants") or [] if a["id"] != assistant["id"]]
    user["assistants"] = sorted([*others, row], key=lambda a: (a["email"].lower(), a["id"]))
    save_user(ctx.tx, user)
    return assistant


def _unlink(ctx: Context, user: dict[str, Any], assistant_id: str) -> bool:
    held = user.get("assistants") or []
    if not any(a["id"] == assistant_id for a in held):
        return False
    user["assistants"] = [a for a in held if a["id"] != assistant_id]
    save_user(ctx.tx, user)
    return True


def delete_assistant(ctx: Context) -> None:
    user = target_user(ctx)
    ref = str(ctx.path["assistantId"])
    assistant = find_user(ctx.tx, ref)
    if assistant is None or not _unlink(ctx, user, assistant["id"]):
        raise user_missing(ref)


def delete_assistants(ctx: Context) -> None:
    user = target_user(ctx)
    user["assistants"] = []
    save_user(ctx.tx, user)


def _scheduled_for(ctx: Context, assistant: dict[str, Any]) -> list[dict[str, Any]]:
    return list(USERS.each(ctx.tx, assistant["account_id"], {"assisted_by": assistant["id"]}))


def list_schedulers(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    return {
        "schedulers": [
            {"id": owner["id"], "email": owner["email"], "pmi": owner.get("pmi", 0)}
            for owner in _scheduled_for(ctx, user)
        ]
    }


def delete_scheduler(ctx: Context) -> None:
    user = target_user(ctx)
    ref = str(ctx.path["schedulerId"])
    owner = find_user(ctx.tx, ref)
    if owner is None or not _unlink(ctx, owner, user["id"]):
        raise user_missing(ref)


def delete_schedulers(ctx: Context) -> None:
    forget_assistant(ctx, target_user(ctx))


def forget_assistant(ctx: Context, assistant: dict[str, Any]) -> None:
    """Nobody keeps ``assistant`` as their scheduling assistant any more."""
    for owner in _scheduled_for(ctx, assistant):
        _unlink(ctx, owner, assistant["id"])


def permissions(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    role = get_role(ctx.tx, user["account_id"], user.get("role_id", "2")) or {}
    return {"permissions": list(role.get("privileges", []))}


def user_token(ctx: Context) -> dict[str, Any]:
    """A token of the asked type; ``zak`` and ``onbehalf`` tokens are opaque to clients."""
    target_user(ctx)
    return {"token": ctx.ids.secret(48)}
