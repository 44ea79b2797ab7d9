"""Roles: Zoom's three built-in roles, which every account has, plus the account's custom roles.

    role   id = "{account}/{role id}", parent = account, sort = role id (custom roles only)

Built-in roles keep Zoom's ids (``0`` Owner, ``1`` Admin, ``2`` Member) and are never stored
unless edited: an edit is a stored override under ``parent = "{account}/system"``. Membership
rows (``role_member``) are kept by ``save_user``: every user holds exactly one role.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.users.model import SYSTEM_ROLE_IDS
from zemu.store import Tx

KIND = "role"
NAME_KEY = "role_name"
# Privileges as the role editor names them. Configuration, not schema data: the documents list
# privileges only by example.
PRIVILEGES = (
    "Account:Read", "Account:Edit", "Billing:Read", "Billing:Edit", "User:Read", "User:Edit",
    "Group:Read", "Group:Edit", "Role:Read", "Role:Edit", "Report:Read", "Dashboard:Read",
    "Recording:Read", "Recording:Edit", "Meeting:Read", "Meeting:Edit", "Webinar:Read", "Webinar:Edit",
    "ZoomRooms:Read", "ZoomRooms:Edit", "PhoneAdmin:Read", "PhoneAdmin:Edit", "IMGroups:Read",
    "IMGroups:Edit", "SubAccount:Read", "SubAccount:Edit", "Marketplace:Read", "Marketplace:Edit",
)
# what the Owner holds that an Admin does not
OWNER_ONLY = ("Billing:Edit", "SubAccount:Edit", "Role:Edit")
SYSTEM_ROLES: dict[str, dict[str, Any]] = {
    "0": {"name": "Owner", "description": "Account owner, with every privilege.", "privileges": list(PRIVILEGES)},
    "1": {"name": "Admin", "description": "Manages users, groups, settings and reports.",
          "privileges": [p for p in PRIVILEGES if p not in OWNER_ONLY]},
    "2": {"name": "Member", "description": "A user of the account, with no administrative privilege.",
          "privileges": []},
}
ROLE_MISSING = ZoomError(1034, "Provided `role_id` does not exist.", 400)


def _key(account_id: str, role_id: str) -> str:
    return f"{account_id}/{role_id}"


def get_role(tx: Tx, account_id: str, role_id: str) -> dict[str, Any] | None:
    stored = tx.get(KIND, _key(account_id, role_id))
    if stored is not None:
        return stored
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
    system = role["id"] in SYSTEM_ROLES
    parent = f"{role['account_id']}/system" if system else role["account_id"]
    tx.put(KIND, _key(role["account_id"], role["id"]), role, account_id=role["account_id"], parent=parent,
           sort=role.get("created_at", role["id"]))


def create_role(tx: Tx, ids: Ids, *, account_id: str, name: str, description: str = "",
                privileges: list[str] | None = None, role_type: str = "common",
                created_at: str = "") -> dict[str, Any]:
    claim_name(tx, account_id, name, "")
    role = {"id": ids.uid(), "name": name, "description": description, "type": role_type,
            "privileges": list(privileges or []), "account_id": account_id, "created_at": created_at}
    tx.claim(NAME_KEY, name.lower(), role["id"], scope=account_id)
    save_role(tx, role)
    return role


def claim_name(tx: Tx, account_id: str, name: str, role_id: str) -> None:
    """Role names are unique in an account, the built-in ones included."""
    taken = {base["name"].lower() for rid, base in SYSTEM_ROLES.items() if rid != role_id}
    holder = tx.holder(NAME_KEY, name.lower(), scope=account_id)
    if name.lower() in taken or (holder is not None and holder != role_id):
        raise ZoomError(1224, f"Role name {name} has already been used.", 400)


def custom_roles(tx: Tx, account_id: str) -> list[dict[str, Any]]:
    return [row.body for row in tx.list(KIND, parent=account_id, limit=10_000)]


def system_role_id(name: str) -> str | None:
    return SYSTEM_ROLE_IDS.get(name)
