"""Roles: Zoom's three built-in roles, which every account has, plus the account's custom roles.

A role is a document of ``ROLES`` stored as ``{account}/{role id}`` (its ``role_id`` beside),
listed in its account in creation order, its name unique there. Built-in roles keep Zoom's ids
(``0`` Owner, ``1`` Admin, ``2`` Member) and are never stored unless edited: an edit is a stored
override, not filed as ``custom``. A role's members are the users filed under its ``role_id``.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.store import Tx

KIND = "role"
# Privileges as the role editor names them. Configuration, not schema data: the documents list
# privileges only by example.
PRIVILEGES = (
    "Account:Read",
    "Account:Edit",
    "Billing:Read",
    "Billing:Edit",
    "User:Read",
    "User:Edit",
    "Group:Read",
    "Group:Edit",
    "Role:Read",
    "Role:Edit",
    "Report:Read",
    "Dashboard:Read",
    "Recording:Read",
    "Recording:Edit",
    "Meeting:Read",
    "Meeting:Edit",
    "Webinar:Read",
    "Webinar:Edit",
    "ZoomRooms:Read",
    "ZoomRooms:Edit",
    "PhoneAdmin:Read",
    "PhoneAdmin:Edit",
    "IMGroups:Read",
    "IMGroups:Edit",
    "SubAccount:Read",
    "SubAccount:Edit",
    "Marketplace:Read",
    "Marketplace:Edit",
)
# what the Owner holds that an Admin does not
OWNER_ONLY = ("Billing:Edit", "SubAccount:Edit", "Role:Edit")
SYSTEM_ROLES: dict[str, dict[str, Any]] = {
    "0": {"name": "Owner", "description": "Account owner, with every privilege.", "privileges": list(PRIVILEGES)},
    "1": {
        "name": "Admin",
        "description": "Manages users, groups, settings and reports.",
        "privileges": [p for p in PRIVILEGES if p not in OWNER_ONLY],
    },
    "2": {
        "name": "Member",
        "description": "A user of the account, with no administrative privilege.",
        "privileges": [],
    },
}
ROLE_MISSING = documented(1034)
ROLES = Collection(
    KIND,
    sort=lambda r: str(r.get("created_at") or r["role_id"]),
    filters={"custom": lambda r: r["role_id"] not in SYSTEM_ROLES, "type": lambda r: r.get("type", "common")},
    uniques=(
        Unique(
            "name",
            lambda r: None if r["role_id"] in SYSTEM_ROLES else r["name"],
            documented(1224, roleName=""),
            scope=lambda r: r["account_id"],
        ),
    ),
)


def _key(account_id: str, role_id: str) -> str:
    return f"{account_id}/{role_id}"


def _shown(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in {**stored, "id": stored["role_id"]}.items() if k != "role_id"}


def get_role(tx: Tx, account_id: str, role_id: str) -> dict[str, Any] | None:
    """A role of the account: a stored custom role or override of a built-in one, else the built-in."""
    stored = ROLES.get(tx, _key(account_id, role_id))
    if stored is not None:
        return _shown(stored)
    base = SYSTEM_ROLES.get(role_id)
    if base is None:
        return None
    return {"id": role_id, "type": "common", "account_id": account_id, **base, "privileges": list(base["privileges"])}


def role_or_error(tx: Tx, account_id: str, role_id: str) -> dict[str, Any]:
    role = get_role(tx, account_id, role_id)
    if role is None:
        raise ROLE_MISSING
    return role


def save_role(tx: Tx, role: dict[str, Any]) -> None:
    """Stored under ``{account}/{role id}``: built-in roles share their ids across accounts."""
    ROLES.save(tx, {**role, "id": _key(role["account_id"], role["id"]), "role_id": role["id"]})


def delete_role(tx: Tx, role: dict[str, Any]) -> None:
    ROLES.delete(tx, _key(role["account_id"], role["id"]))


def create_role(
    tx: Tx,
    ids: Ids,
    *,
    account_id: str,
    name: str,
    description: str = "",
    privileges: list[str] | None = None,
    role_type: str = "common",
    created_at: str = "",
) -> dict[str, Any]:
    role: dict[str, Any] = {
        "id": ids.uid(),
        "name": name,
        "description": description,
        "type": role_type,
        "privileges": list(privileges or []),
        "account_id": account_id,
        "created_at": created_at,
    }
    check_name(tx, account_id, name, role["id"])
    save_role(tx, role)
    return role


def check_name(tx: Tx, account_id: str, name: str, role_id: str) -> None:
    """Role names are unique in an account, the built-in ones included."""
    taken = {base["name"].lower() for rid, base in SYSTEM_ROLES.items() if rid != role_id}
    holder = ROLES.find(tx, "name", name, scope=account_id)
    if name.lower() in taken or (holder is not None and holder["role_id"] != role_id):
        raise documented(1224, roleName=name)


def custom_roles(tx: Tx, account_id: str, role_type: str | None = None) -> list[dict[str, Any]]:
    """An account's custom roles (a handful: Zoom lists them whole, without paging)."""
    where = {"custom": True, "type": role_type}
    return [_shown(r) for r in ROLES.each(tx, account_id, where)]
