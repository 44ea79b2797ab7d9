"""The user record, its index rows, and the lookups other services need (by id, by email, ``me``).

A user is one document (kind ``user``) filed under its account and sorted by lower-case email.
Beside it live small index rows, each sorted by the same email so that every list of users
(by status, by role, a group's members) is an indexed range read in Zoom's order:

    user_status   id = user id, parent = "{account}/{status}"
    role_member   id = user id, parent = "{account}/{role id}"

``save_user`` keeps them in step with the document; group rows are kept by the groups service.
"""

from __future__ import annotations

import hashlib
from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.ids import Ids
from zemu.sim.clock import parse_zulu, zulu
from zemu.store import Conflict, Tx

KIND = "user"
EMAIL_KEY = "user_email"
STATUS_INDEX = "user_status"
ROLE_INDEX = "role_member"

USER_TYPES = {"basic": 1, "licensed": 2}
# Zoom's three built-in roles keep these ids in every account.
SYSTEM_ROLE_IDS = {"Owner": "0", "Admin": "1", "Member": "2"}
MEMBER_ROLE_ID = "2"
# An invitation (``action=create``) lapses after 30 days on the emulated clock.
INVITATION_LIFETIME = 30 * 86400


def create_user(tx: Tx, ids: Ids, now: float, *, account_id: str, email: str, first_name: str,
                last_name: str, user_type: int = 2, role_name: str = "Member",
                status: str = "active", user_id: str | None = None, display_name: str | None = None,
                creation_type: str = "custCreate", password: str | None = None,
                role_id: str | None = None) -> dict[str, Any]:
    user_id = user_id or ids.uid()
    claim_email(tx, email, user_id)
    pmi = int(ids.digits(10))
    user = {
        "id": user_id,
        "first_name": first_name,
        "last_name": last_name,
        "display_name": display_name or f"{first_name} {last_name}".strip(),
        "email": email,
        "type": user_type,
        "role_name": role_name,
        "role_id": role_id or SYSTEM_ROLE_IDS.get(role_name, MEMBER_ROLE_ID),
        "status": status,
        "account_id": account_id,
        "created_at": zulu(now),
        "timezone": "America/Los_Angeles",
        "language": "en-US",
        "verified": 1 if status == "active" else 0,
        "pmi": pmi,
        "use_pmi": False,
        "personal_meeting_url": f"https://zoom.us/j/{pmi}",
        "host_key": ids.digits(6),
        "dept": "",
        "company": "",
        "job_title": "",
        "location": "",
        "login_types": [100],
        "creation_type": creation_type,
        "password_hash": hash_password(password) if password else "",
        "presence_status": "Available",
        "personal_notes": "",
    }
    save_user(tx, user)
    return user


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def claim_email(tx: Tx, email: str, user_id: str) -> None:
    try:
        tx.claim(EMAIL_KEY, email.lower(), user_id)
    except Conflict:
        raise ZoomError(1005, f'Email "{email}" has already been used.', 409) from None


def save_user(tx: Tx, user: dict[str, Any]) -> None:
    account, sort = user["account_id"], user["email"].lower()
    tx.put(KIND, user["id"], user, account_id=account, parent=account, sort=sort)
    tx.put(STATUS_INDEX, user["id"], {}, account_id=account, parent=f"{account}/{user['status']}", sort=sort)
    # other services change ``role_name`` alone (an owner change): a built-in name decides the id
    role_id = SYSTEM_ROLE_IDS.get(user.get("role_name", "")) or user.get("role_id") or MEMBER_ROLE_ID
    user["role_id"] = role_id
    tx.put(ROLE_INDEX, user["id"], {}, account_id=account, parent=f"{account}/{role_id}", sort=sort)


def remove_user(tx: Tx, user: dict[str, Any]) -> None:
    """Forget a user and every index row that names them (groups clean up their own rows)."""
    for kind in (KIND, STATUS_INDEX, ROLE_INDEX):
        tx.delete(kind, user["id"])
    tx.release_owner(EMAIL_KEY, user["id"])


def find_user(tx: Tx, user_ref: str) -> dict[str, Any] | None:
    """A user by id or by email (case-insensitive), as Zoom accepts either."""
    if "@" in user_ref:
        owner = tx.holder(EMAIL_KEY, user_ref.lower())
        return tx.get(KIND, owner) if owner else None
    return tx.get(KIND, user_ref)


def invitation_expired(user: dict[str, Any], now: float) -> bool:
    """A pending user whose invitation has lapsed: Zoom's 1120 is for them, not for one still pending."""
    return user["status"] == "pending" and now - parse_zulu(user["created_at"]) > INVITATION_LIFETIME


def user_missing(ref: str) -> NotFound:
    return NotFound(1001, f"User does not exist: {ref}.")


def account_user(tx: Tx, account_id: str, ref: str) -> dict[str, Any]:
    """A user of ``account_id``; anyone else's answers exactly like a user that does not exist."""
    user = find_user(tx, ref)
    if user is None or user["account_id"] != account_id:
        raise user_missing(ref)
    return user


def users_by_email_sort(tx: Tx, kind: str, parent: str, *, after: tuple[str, str] | None, offset: int,
                        limit: int) -> list[tuple[tuple[str, str], dict[str, Any]]]:
    """Users named by index rows (a status, a role, a group), as paging rows in email order."""
    rows = tx.list(kind, parent=parent, after=after, offset=offset, limit=limit)
    out = []
    for row in rows:
        user = tx.get(KIND, row.body.get("user_id", row.id))
        if user is not None:
            out.append(((row.sort, row.id), user))
    return out
