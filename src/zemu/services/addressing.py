"""How Zoom lets a caller name accounts and users in a path: ``me``, an id, or an email."""

from __future__ import annotations

from zemu.services.users.model import find_user
from zemu.store import Tx


def resolve_path(tx: Tx, path: dict[str, str], account_id: str, user_id: str | None) -> dict[str, str]:
    """``accountId`` = ``me`` is the token's account; ``userId`` = ``me`` the token's user, and
    an email names the user who has it. Unknown names pass through for the handler to refuse."""
    resolved = dict(path)
    if resolved.get("accountId") == "me":
        resolved["accountId"] = account_id
    user_ref = resolved.get("userId")
    if user_ref == "me" and user_id:
        resolved["userId"] = user_id
    elif user_ref and "@" in user_ref:
        user = find_user(tx, user_ref)
        if user is not None:
            resolved["userId"] = user["id"]
    return resolved
