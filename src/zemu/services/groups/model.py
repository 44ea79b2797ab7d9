"""Groups and their rows: the group document, members, admins, and each user's groups.

    group         id = group id, parent = account, sort = lower-case name
    group_member  id = "{group}/{user}", parent = group, sort = member's lower-case email
    group_admin   id = "{group}/{user}", parent = group, sort = admin's lower-case email
    user_group    id = "{user}/{group}", parent = user, sort = group id

Member and admin rows are sorted by email so that a group's member list is an indexed read in
Zoom's order; ``user_group`` answers a user's ``group_ids`` without scanning groups.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.ids import Ids
from zemu.sim.clock import zulu
from zemu.store import Conflict, Tx

KIND = "group"
MEMBER = "group_member"
ADMIN = "group_admin"
USER_GROUP = "user_group"
NAME_KEY = "group_name"


def create_group(tx: Tx, ids: Ids, now: float, *, account_id: str, name: str) -> dict[str, Any]:
    group = {"id": ids.uid(), "name": name, "account_id": account_id, "created_at": zulu(now)}
    claim_name(tx, account_id, name, group["id"])
    save_group(tx, group)
    return group


def claim_name(tx: Tx, account_id: str, name: str, group_id: str) -> None:
    try:
        tx.claim(NAME_KEY, name.lower(), group_id, scope=account_id)
    except Conflict:
        raise ZoomError(4132, f'The group name "{name}" is already in use.', 409) from None


def save_group(tx: Tx, group: dict[str, Any]) -> None:
    tx.put(KIND, group["id"], group, account_id=group["account_id"], parent=group["account_id"],
           sort=group["name"].lower())


def account_group(tx: Tx, account_id: str, group_id: str, message: str | None = None) -> dict[str, Any]:
    """A group of ``account_id``; any other answers 404/4130 with the operation's own wording."""
    group = tx.get(KIND, group_id)
    if group is None or group["account_id"] != account_id:
        raise NotFound(4130, (message or "A group with this {groupId} does not exist.")
                       .replace("{groupId}", group_id).replace("$groupId", group_id))
    return group


def total_members(tx: Tx, group_id: str) -> int:
    return tx.count(MEMBER, parent=group_id)


def is_member(tx: Tx, group_id: str, user_id: str) -> bool:
    return tx.get(MEMBER, f"{group_id}/{user_id}") is not None


def add_member(tx: Tx, group: dict[str, Any], user: dict[str, Any]) -> bool:
    """File ``user`` in ``group``; False when already there. The first group becomes primary."""
    if is_member(tx, group["id"], user["id"]):
        return False
    row = {"group_id": group["id"], "user_id": user["id"]}
    tx.put(MEMBER, f"{group['id']}/{user['id']}", row, account_id=group["account_id"], parent=group["id"],
           sort=user["email"].lower())
    tx.put(USER_GROUP, f"{user['id']}/{group['id']}", row, account_id=group["account_id"], parent=user["id"],
           sort=group["id"])
    return True


def remove_member(tx: Tx, group_id: str, user_id: str) -> bool:
    tx.delete(USER_GROUP, f"{user_id}/{group_id}")
    return tx.delete(MEMBER, f"{group_id}/{user_id}")


def is_admin(tx: Tx, group_id: str, user_id: str) -> bool:
    return tx.get(ADMIN, f"{group_id}/{user_id}") is not None


def add_admin(tx: Tx, group: dict[str, Any], user: dict[str, Any]) -> bool:
    if is_admin(tx, group["id"], user["id"]):
        return False
    tx.put(ADMIN, f"{group['id']}/{user['id']}", {"group_id": group["id"], "user_id": user["id"]},
           account_id=group["account_id"], parent=group["id"], sort=user["email"].lower())
    return True


def remove_admin(tx: Tx, group_id: str, user_id: str) -> bool:
    return tx.delete(ADMIN, f"{group_id}/{user_id}")


def group_ids_of(tx: Tx, user_id: str) -> list[str]:
    # a user belongs to a handful of groups: one bounded read
    return [row.body["group_id"] for row in tx.list(USER_GROUP, parent=user_id, limit=1000)]


def reindex_user(tx: Tx, user: dict[str, Any]) -> None:
    """Re-sort a user's member and admin rows after an email change."""
    for group_id in group_ids_of(tx, user["id"]):
        group = tx.get(KIND, group_id)
        if group is not None:
            tx.delete(MEMBER, f"{group_id}/{user['id']}")
            add_member(tx, group, user)
    for row in tx.list(ADMIN, account_id=user["account_id"], limit=10_000):
        if row.body["user_id"] == user["id"]:
            group = tx.get(KIND, row.body["group_id"])
            if group is not None:
                remove_admin(tx, group["id"], user["id"])
                add_admin(tx, group, user)


def forget_user(tx: Tx, user: dict[str, Any]) -> None:
    """Drop a departing user from every group, as member and as admin."""
    for group_id in group_ids_of(tx, user["id"]):
        remove_member(tx, group_id, user["id"])
    for row in tx.list(ADMIN, account_id=user["account_id"], limit=10_000):
        if row.body["user_id"] == user["id"]:
            remove_admin(tx, row.body["group_id"], user["id"])


def delete_group(tx: Tx, group: dict[str, Any]) -> None:
    for row in tx.list(MEMBER, parent=group["id"], limit=100_000):
        tx.delete(USER_GROUP, f"{row.body['user_id']}/{group['id']}")
        _drop_primary(tx, row.body["user_id"], group["id"])
    tx.delete_all(MEMBER, parent=group["id"])
    tx.delete_all(ADMIN, parent=group["id"])
    tx.delete(KIND, group["id"])
    tx.delete("group_settings", group["id"])
    tx.release(NAME_KEY, group["name"].lower(), scope=group["account_id"])


def _drop_primary(tx: Tx, user_id: str, group_id: str) -> None:
    user = tx.get("user", user_id)
    if user is not None and user.get("primary_group_id") == group_id:
        user.pop("primary_group_id")
        tx.put("user", user_id, user, account_id=user["account_id"], parent=user["account_id"],
               sort=user["email"].lower())
