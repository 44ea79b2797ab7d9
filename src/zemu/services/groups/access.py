"""The group a request addresses, on either path family (``/groups`` or the master's
``/accounts/{accountId}/groups``), with the not-found wording the operation documents."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.groups.model import account_group
from zemu.services.users.access import account_id_of


def _missing_message(ctx: Context) -> str | None:
    if ctx.op is None:
        return None
    return next((e.message for e in ctx.op.errors if e.code == 4130), None)


def target_group(ctx: Context) -> dict[str, Any]:
    return account_group(ctx.tx, account_id_of(ctx), str(ctx.path["groupId"]), _missing_message(ctx))


def require_paid(ctx: Context) -> None:
    """Groups are a paid feature; the refusal uses the operation's own wording."""
    account = ctx.tx.get("account", account_id_of(ctx)) or {}
    if account.get("account_type") not in ("Free", None):
        return
    spec = next((e for e in ctx.op.errors if e.code == 200), None) if ctx.op else None
    message = spec.message if spec else "Only available for Paid account."
    raise ZoomError(200, message.replace("{accountId}", account.get("id", "")), 400)
