"""Which account and user a request addresses, who acts, and the shapes events carry.

Both path families reach the same handlers: ``/users/...`` acts on the token's account and
``/accounts/{accountId}/users/...`` (master-account API) on one of its sub-accounts.
"""

from __future__ import annotations

from typing import Any

from zemu.services.accounts.access import target_account
from zemu.services.context import Context
from zemu.services.users.model import account_user, find_user


def account_id_of(ctx: Context) -> str:
    if ctx.path.get("accountId"):
        return str(target_account(ctx)["id"])
    return ctx.account_id


def target_user(ctx: Context, key: str = "userId") -> dict[str, Any]:
    """The user in the path, who must belong to the addressed account (404/1001 otherwise)."""
    return account_user(ctx.tx, account_id_of(ctx), str(ctx.path[key]))


def operator(ctx: Context) -> dict[str, Any]:
    """``operator`` and ``operator_id``: the acting user (a server-to-server app's owner)."""
    user = find_user(ctx.tx, ctx.user_id) if ctx.user_id else None
    if user is None:
        return {}
    return {"operator": user["email"], "operator_id": user["id"]}


def webhook_type(user: dict[str, Any]) -> int:
    """Events know only Basic (1) and Licensed (2); Zoom's other types count as licensed seats."""
    return 1 if user.get("type") == 1 else 2


def event_user(user: dict[str, Any], *, names: bool = True) -> dict[str, Any]:
    """The ``object`` of the lifecycle events: id, email, type and the names."""
    out = {"id": user["id"], "email": user["email"], "type": webhook_type(user)}
    if names:
        out["first_name"] = user.get("first_name", "")
        out["last_name"] = user.get("last_name", "")
    return out


def emit_user_event(ctx: Context, event: str, user: dict[str, Any], **extra: Any) -> None:
    ctx.emit(event, {**operator(ctx), **extra, "object": event_user(user)}, account_id=user["account_id"])
