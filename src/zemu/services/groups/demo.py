"""The groups part of the demo: Sales, Support and Engineering, filled by department, each with
an admin; Marketing is an empty group."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.groups.model import add_admin, add_member, create_group
from zemu.services.users.model import USERS
from zemu.store import Tx

GROUPS = ("Sales", "Support", "Engineering", "Marketing")
FILLED_BY_DEPARTMENT = ("Sales", "Support", "Engineering")


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    created: dict[str, str] = {}
    for name in GROUPS:
        group = create_group(tx, ids, now, account_id=master["id"], name=name)
        created[name] = group["id"]
        if name not in FILLED_BY_DEPARTMENT:
            continue
        members = [u for u in USERS.each(tx, master["id"], {"listed": True}) if u.get("dept") == name]
        for user in members:
            add_member(tx, group, user)
        add_admin(tx, group, members[0])
    return {"group_ids": created}
