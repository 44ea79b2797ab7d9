"""The groups part of the demo: Sales, Support and Engineering, filled by department, each with
an admin; Marketing is an empty group."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.groups.model import add_admin, add_member, create_group
from zemu.services.users.model import KIND as USER_KIND
from zemu.services.users.model import save_user
from zemu.store import Tx

GROUPS = ("Sales", "Support", "Engineering", "Marketing")
FILLED_BY_DEPARTMENT = ("Sales", "Support", "Engineering")


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    users = [row.body for row in tx.list(USER_KIND, parent=master["id"], limit=10_000)]
    created: dict[str, str] = {}
    for name in GROUPS:
        group = create_group(tx, ids, now, account_id=master["id"], name=name)
        created[name] = group["id"]
        if name not in FILLED_BY_DEPARTMENT:
            continue
        members = [u for u in users if u.get("dept") == name and u["status"] != "pending"]
        for user in members:
            add_member(tx, group, user)
            user["primary_group_id"] = group["id"]
            save_user(tx, user)
        add_admin(tx, group, members[0])
    return {"group_ids": created}
