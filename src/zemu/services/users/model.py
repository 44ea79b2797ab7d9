"""The user record and the lookups other services need (by id, by email, ``me``)."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.sim.clock import zulu
from zemu.store import Conflict, Tx

KIND = "user"
EMAIL_KEY = "user_email"

USER_TYPES = {"basic": 1, "licensed": 2}


def create_user(tx: Tx, ids: Ids, now: float, *, account_id: str, email: str, first_name: str,
                last_name: str, user_type: int = 2, role_name: str = "Member",
                status: str = "active", user_id: str | None = None) -> dict[str, Any]:
    user_id = user_id or ids.uid()
    try:
        tx.claim(EMAIL_KEY, email.lower(), user_id)
    except Conflict:
        raise ZoomError(1005, f'Email "{email}" has already been used.', 409) from None
    user = {
        "id": user_id,
        "first_name": first_name,
        "last_name": last_name,
        "display_name": f"{first_name} {last_name}".strip(),
        "email": email,
        "type": user_type,
        "role_name": role_name,
        "status": status,
        "account_id": account_id,
        "created_at": zulu(now),
        "timezone": "America/Los_Angeles",
        "language": "en-US",
        "verified": 1,
    }
    save_user(tx, user)
    return user


def save_user(tx: Tx, user: dict[str, Any]) -> None:
    tx.put(KIND, user["id"], user, account_id=user["account_id"], parent=user["account_id"],
           sort=user["email"].lower())


def find_user(tx: Tx, user_ref: str) -> dict[str, Any] | None:
    """A user by id or by email (case-insensitive), as Zoom accepts either."""
    if "@" in user_ref:
        owner = tx.holder(EMAIL_KEY, user_ref.lower())
        return tx.get(KIND, owner) if owner else None
    return tx.get(KIND, user_ref)
