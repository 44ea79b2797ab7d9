"""Who may address which account: a master reaches itself and its own sub-accounts, nothing else.

The wire has already turned ``me`` into the token's account id. Any account outside the
caller's reach answers exactly like one that does not exist, so ids of other tenants never leak.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.accounts.model import get_account, is_paid
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.users.model import find_user


def account_missing(ctx: Context, account_id: str) -> ZoomError:
    """Zoom's 2001 in this operation's words, with the status it documents for it (404 unless it
    says 400: a few documents give 200, which no client would read as a refusal)."""
    documented_here = [e for e in ctx.op.errors if e.code == 2001] if ctx.op else []
    statuses = [e.http_status for e in documented_here if e.http_status >= 400]
    status = 404 if not statuses or 404 in statuses else statuses[0]
    if not documented_here:
        return ZoomError(2001, f"Account does not exist: {account_id}.", status)
    return documented(2001, op=ctx.op, status=status, accountId=account_id, subAccountId=account_id)


def caller_account(ctx: Context) -> dict[str, Any]:
    account = get_account(ctx.tx, ctx.account_id)
    if account is None:
        raise account_missing(ctx, ctx.account_id)
    return account


def master_account(ctx: Context) -> dict[str, Any]:
    """The caller's account, which must be a master: sub-accounts have no sub-account API."""
    account = caller_account(ctx)
    if account.get("master_account_id"):
        raise ZoomError(200, "No permission.", 400)
    return account


def target_account(ctx: Context, key: str = "accountId") -> dict[str, Any]:
    """The account in the path: the caller itself (``me``) or one of its sub-accounts."""
    account_id = ctx.path[key]
    account = get_account(ctx.tx, account_id)
    reachable = account_id == ctx.account_id or (account or {}).get("master_account_id") == ctx.account_id
    if account is None or not reachable:
        raise account_missing(ctx, account_id)
    return account


def sub_account(ctx: Context, account_id: str | None = None) -> dict[str, Any]:
    """A sub-account of the calling master, addressed by the path or by ``account_id``."""
    master_account(ctx)
    wanted = account_id or ctx.path["accountId"]
    account = get_account(ctx.tx, wanted)
    if account is None or account.get("master_account_id") != ctx.account_id:
        raise account_missing(ctx, wanted)
    return account


def paid_account(ctx: Context, message: str = "Only available for paid accounts.") -> dict[str, Any]:
    account = target_account(ctx)
    if not is_paid(account):
        raise ZoomError(200, message.replace("{accountId}", account["id"]), 400)
    return account


def operator(ctx: Context) -> dict[str, Any]:
    """The ``operator`` and ``operator_id`` fields of an event caused by this request."""
    user = find_user(ctx.tx, ctx.user_id) if ctx.user_id else None
    if user is None:
        return {}
    return {"operator": user["email"], "operator_id": user["id"]}
