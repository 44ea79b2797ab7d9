"""How Zoom lets a caller name accounts and users in a path: ``me``, an id, or an email."""

from __future__ import annotations

from typing import Any

from zemu.services.users.model import find_user
from zemu.store import Tx


def resolve_path(tx: Tx, path: dict[str, str], account_id: str, user_id: str | None) -> dict[str, str]:
    """``accountId`` = ``me`` is the token's account; ``userId`` = ``me`` the token's user, and
    an email names the user who has it when the caller may see that user. Any other name passes
    through unchanged, so the handler refuses it with the name the caller sent (never another
    account's internal id)."""
    resolved = dict(path)
    if resolved.get("accountId") == "me":
        resolved["accountId"] = account_id
    user_ref = resolved.get("userId")
    if user_ref == "me" and user_id:
        resolved["userId"] = user_id
    elif user_ref and "@" in user_ref:
        user = find_user(tx, user_ref)
        if user is not None and _visible(tx, user, account_id):
            resolved["userId"] = user["id"]
    return resolved


def _visible(tx: Tx, user: dict[str, Any], account_id: str) -> bool:
    """A user of the caller's account, or of one of its sub-accounts (master-account paths)."""
    if user["account_id"] == account_id:
        return True
    account = tx.get("account", user["account_id"])
    return account is not None and account.get("master_account_id") == account_id
