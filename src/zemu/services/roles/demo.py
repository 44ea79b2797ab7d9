"""The roles part of the demo: Zoom's built-in roles exist in every account; the demo adds a
custom Help Desk role held by one of the IT staff."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.roles.model import create_role
from zemu.services.users.model import MEMBER_ROLE_ID, USERS, save_user
from zemu.sim.clock import zulu
from zemu.store import Tx

HELP_DESK = (
    "Help Desk",
    "Reads users and groups and edits users' profiles.",
    ["User:Read", "User:Edit", "Group:Read", "Report:Read"],
)


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    name, description, privileges = HELP_DESK
    role = create_role(
        tx,
        ids,
        account_id=master["id"],
        name=name,
        description=description,
        privileges=privileges,
        created_at=zulu(now),
    )
    holder = next(
        (
            user
            for user in USERS.each(tx, master["id"], {"status": "active", "role_id": MEMBER_ROLE_ID})
            if user.get("dept") == "Support"
        ),
        None,
    )
    if holder is not None:
        holder["role_id"], holder["role_name"] = role["id"], role["name"]
        save_user(tx, holder)
    return {"role_ids": {"Owner": "0", "Admin": "1", "Member": "2", name: role["id"]}}
