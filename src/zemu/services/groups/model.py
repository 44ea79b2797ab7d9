"""Groups and their members: the group document and what each user holds of its groups.

A group is a document of ``GROUPS`` (listed in its account by lower-case name, the name unique
in the account) that keeps its ``total_members``, so that its list view is saved with it. A
membership lives on the user (``group_ids``, ``admin_group_ids``, sorted by group id), so a
group's members or admins are an index range of the users collection in Zoom's email order, and
a user's ``group_ids`` are read with the user.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.accounts.model import delete_part
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.services.users.model import USERS, save_user
from zemu.sim.clock import zulu
from zemu.store import Tx

Doc = dict[str, Any]
KIND = "group"
SETTINGS = "group_settings"

GROUPS = Collection(
    KIND,
    sort=lambda g: g["name"].lower(),
    uniques=(Unique("name", lambda g: g["name"], documented(4132, "The group name"), scope=lambda g: g["account_id"]),),
    view=lambda g: {"id": g["id"], "name": g["name"], "total_members": g.get("total_members", 0)},
)


def create_group(tx: Tx, ids: Ids, now: float, *, account_id: str, name: str, taken: ZoomError | None = None) -> Doc:
    group = {"id": ids.uid(), "name": name, "account_id": account_id, "created_at": zulu(now), "total_members": 0}
    check_name(tx, group, name, taken)
    GROUPS.save(tx, group)
    return group


def check_name(tx: Tx, group: Doc, name: str, taken: ZoomError | None = None) -> None:
    """Refuse a name another group of the account holds, in the operation's own words."""
    holder = GROUPS.find(tx, "name", name, scope=group["account_id"])
    if holder is not None and holder["id"] != group["id"]:
        raise taken or documented(4132, "The group name", groupName=name)


def save_group(tx: Tx, group: Doc) -> None:
    GROUPS.save(tx, group)


def account_group(tx: Tx, account_id: str, group_id: str, error: ZoomError | None = None) -> Doc:
    """A group of ``account_id``; any other answers 404/4130 in the operation's own wording."""
    group = GROUPS.get(tx, group_id)
    if group is None or group["account_id"] != account_id:
        raise error or documented(4130, "A group with this", groupId=group_id)
    return group


def _user(tx: Tx, user_id: str) -> Doc | None:
    return USERS.get(tx, user_id)


def is_member(tx: Tx, group_id: str, user_id: str) -> bool:
    return group_id in ((_user(tx, user_id) or {}).get("group_ids") or [])


def is_admin(tx: Tx, group_id: str, user_id: str) -> bool:
    return group_id in ((_user(tx, user_id) or {}).get("admin_group_ids") or [])


def _count(tx: Tx, group_id: str, step: int) -> None:
    group = GROUPS.get(tx, group_id)
    if group is not None:
        group["total_members"] = max(int(group.get("total_members", 0)) + step, 0)
        GROUPS.save(tx, group)


def add_member(tx: Tx, group: Doc, user: Doc) -> bool:
    """File ``user`` in ``group``; False when already there. A user's first group is primary."""
    held = list(user.get("group_ids") or [])
    if group["id"] in held:
        return False
    user["group_ids"] = sorted([*held, group["id"]])
    if not user.get("primary_group_id"):
        user["primary_group_id"] = group["id"]
    save_user(tx, user)
    _count(tx, group["id"], 1)
    return True


def remove_member(tx: Tx, group_id: str, user: Doc) -> bool:
    """Take ``user`` out of a group (saved); the caller picks the next primary group."""
    held = list(user.get("group_ids") or [])
    if group_id not in held:
        return False
    user["group_ids"] = [g for g in held if g != group_id]
    if user.get("primary_group_id") == group_id:
        user.pop("primary_group_id")
    save_user(tx, user)
    _count(tx, group_id, -1)
    return True


def add_admin(tx: Tx, group: Doc, user: Doc) -> bool:
    held = list(user.get("admin_group_ids") or [])
    if group["id"] in held:
        return False
    user["admin_group_ids"] = sorted([*held, group["id"]])
    save_user(tx, user)
    return True


def remove_admin(tx: Tx, group_id: str, user: Doc) -> bool:
    held = list(user.get("admin_group_ids") or [])
    if group_id not in held:
        return False
    user["admin_group_ids"] = [g for g in held if g != group_id]
    save_user(tx, user)
    return True


def forget_user(tx: Tx, user: Doc) -> None:
    """Drop a departing user from every group's count (the user document goes with them)."""
    for group_id in user.get("group_ids") or []:
        _count(tx, group_id, -1)


def delete_group(tx: Tx, group: Doc) -> None:
    """Members and admins lose the group (and it as their primary group); their accounts stay."""
    for user in USERS.each(tx, group["account_id"], {"group": group["id"]}):
        user["group_ids"] = [g for g in user["group_ids"] if g != group["id"]]
        if user.get("primary_group_id") == group["id"]:
            user.pop("primary_group_id")
        save_user(tx, user)
    for user in USERS.each(tx, group["account_id"], {"admin_of": group["id"]}):
        remove_admin(tx, group["id"], user)
    GROUPS.delete(tx, group)
    delete_part(tx, SETTINGS, group["id"])
