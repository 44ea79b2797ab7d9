"""The group a request addresses, on either path family (``/groups`` or the master's
``/accounts/{accountId}/groups``), with the not-found wording the operation documents."""

from __future__ import annotations

from typing import Any

from zemu.services.accounts.model import get_account
from zemu.services.context import Context
from zemu.services.groups.model import account_group
from zemu.services.users.access import account_id_of


def _documents(ctx: Context, code: int) -> bool:
    return ctx.op is not None and any(e.code == code for e in ctx.op.errors)


def target_group(ctx: Context) -> dict[str, Any]:
    group_id = str(ctx.path["groupId"])
    error = ctx.fail(4130, groupId=group_id) if _documents(ctx, 4130) else None
    return account_group(ctx.tx, account_id_of(ctx), group_id, error)


def require_paid(ctx: Context) -> None:
    """Groups are a paid feature; the refusal uses the operation's own wording."""
    account = get_account(ctx.tx, account_id_of(ctx)) or {}
    if account.get("account_type") not in ("Free", None):
        return
    if _documents(ctx, 200):
        raise ctx.fail(200, "Only available for", accountId=account.get("id", ""))
    raise ctx.fail(200, "Only available for Paid account.")
