"""The user record and the lookups other services need (by id, by email, ``me``).

A user is one document of the ``USERS`` collection, listed in its account by lower-case email
and filed by what Zoom lists users by: status, role, the groups it belongs to and the groups it
administers (``group_ids`` and ``admin_group_ids`` are kept on the document by the groups
service), so every list of users is an index range in Zoom's order. Its email is unique across
all accounts, its vanity name too.
"""

from __future__ import annotations

import hashlib
from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.sim.clock import parse_zulu, zulu
from zemu.store import Tx

KIND = "user"
USER_TYPES = {"basic": 1, "licensed": 2}
# Zoom's three built-in roles keep these ids in every account.
SYSTEM_ROLE_IDS = {"Owner": "0", "Admin": "1", "Member": "2"}
MEMBER_ROLE_ID = "2"
# An invitation (``action=create``) lapses after 30 days on the emulated clock.
INVITATION_LIFETIME = 30 * 86400


# what a list of users shows of each (``listUsers``)
LIST_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "display_name",
    "email",
    "type",
    "pmi",
    "timezone",
    "verified",
    "dept",
    "language",
    "status",
    "role_id",
    "employee_unique_id",
    "last_login_time",
    "last_client_version",
    "phone_number",
)


def present(user: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The named fields the user has (an empty ``dept`` is shown, other empty fields are not)."""
    return {k: user[k] for k in names if user.get(k) is not None and (user[k] != "" or k == "dept")}


def picture_path(user: dict[str, Any]) -> str:
    """Where the control plane serves the user's picture; the version busts clients' caches."""
    return f"/zemu/users/{user['id']}/picture?v={user.get('pic_version', 0)}"


def list_view(user: dict[str, Any]) -> dict[str, Any]:
    """The list item saved with the user. Its ``pic_url`` is the picture's path alone: the URL
    names the origin each request reached, which ``pictures.with_origin`` puts in front."""
    out = present(user, LIST_FIELDS)
    out["created_at"] = out["user_created_at"] = user["created_at"]
    out["group_ids"] = list(user.get("group_ids") or [])
    if user.get("pic_version"):
        out["pic_url"] = picture_path(user)
    return out


USERS = Collection(
    KIND,
    sort=lambda u: u["email"].lower(),
    filters={
        "status": lambda u: u["status"],
        "role_id": lambda u: u["role_id"],
        "group": lambda u: u.get("group_ids"),
        "admin_of": lambda u: u.get("admin_group_ids"),
        "assisted_by": lambda u: [a["id"] for a in u.get("assistants") or []],
        "licensed": lambda u: u.get("type") == 2 and u["status"] == "active",
        "listed": lambda u: u["status"] != "pending",
    },
    keywords=lambda u: (u.get("first_name"), u.get("last_name"), u.get("display_name"), u["email"]),
    uniques=(
        Unique("email", lambda u: u["email"], documented(1005, email="")),
        Unique("vanity", lambda u: u.get("vanity_name"), documented(4100, "Personal Link Name")),
    ),
    view=list_view,
)


# personal audio conference accounts, under their user
PACS = Collection("user_pac", sort=lambda p: str(p["conference_id"]), scope=lambda p: p["user_id"])


def create_user(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    email: str,
    first_name: str,
    last_name: str,
    user_type: int = 2,
    role_name: str = "Member",
    status: str = "active",
    user_id: str | None = None,
    display_name: str | None = None,
    creation_type: str = "custCreate",
    password: str | None = None,
    role_id: str | None = None,
) -> dict[str, Any]:
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
        "group_ids": [],
        "admin_group_ids": [],
    }
    save_user(tx, user)
    return user


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def claim_email(tx: Tx, email: str, user_id: str) -> None:
    """Refuse an email another user holds, naming it (the save then claims it)."""
    holder = USERS.find(tx, "email", email)
    if holder is not None and holder["id"] != user_id:
        raise documented(1005, email=email)


def save_user(tx: Tx, user: dict[str, Any]) -> None:
    # other services change ``role_name`` alone (an owner change): a built-in name decides the id
    user["role_id"] = SYSTEM_ROLE_IDS.get(user.get("role_name", "")) or user.get("role_id") or MEMBER_ROLE_ID
    USERS.save(tx, user)


def remove_user(tx: Tx, user: dict[str, Any]) -> None:
    """Forget a user with its email and vanity name (groups forget them first)."""
    USERS.delete(tx, user)


def find_user(tx: Tx, user_ref: str) -> dict[str, Any] | None:
    """A user by id or by email (case-insensitive), as Zoom accepts either."""
    if "@" in user_ref:
        return USERS.find(tx, "email", user_ref)
    return USERS.get(tx, user_ref)


def invitation_expired(user: dict[str, Any], now: float) -> bool:
    """A pending user whose invitation has lapsed: Zoom's 1120 is for them, not for one still pending."""
    return user["status"] == "pending" and now - parse_zulu(user["created_at"]) > INVITATION_LIFETIME


def user_missing(ref: str) -> ZoomError:
    return documented(1001, "User does not exist: $", userId=ref)


def account_user(tx: Tx, account_id: str, ref: str) -> dict[str, Any]:
    """A user of ``account_id``; anyone else's answers exactly like a user that does not exist."""
    user = find_user(tx, ref)
    if user is None or user["account_id"] != account_id:
        raise user_missing(ref)
    return user
