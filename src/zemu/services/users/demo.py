"""The users part of the demo account: about 25 people in the master account.

Names are configuration (a fixed cast); everything else (ids, PMIs, host keys) comes from the
seeded ``ids``, so the demo is the same for a given seed. Two admins, one invited user still
pending and one deactivated user give every lifecycle state something to act on.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.users.model import create_user, save_user
from zemu.store import Tx

# (first, last, role, status, type, department)
CAST: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("Blake", "Morgan", "Admin", "active", 2, "IT"),
    ("Casey", "Nguyen", "Admin", "active", 2, "Operations"),
    ("Dana", "Okafor", "Member", "active", 2, "Sales"),
    ("Eli", "Petrov", "Member", "active", 2, "Sales"),
    ("Farah", "Quinn", "Member", "active", 2, "Sales"),
    ("Gabe", "Rossi", "Member", "active", 2, "Sales"),
    ("Hana", "Sato", "Member", "active", 2, "Sales"),
    ("Ivan", "Tran", "Member", "active", 2, "Support"),
    ("Jade", "Ueda", "Member", "active", 2, "Support"),
    ("Kofi", "Vance", "Member", "active", 2, "Support"),
    ("Lena", "Weber", "Member", "active", 2, "Support"),
    ("Milo", "Xu", "Member", "active", 2, "Support"),
    ("Nora", "Young", "Member", "active", 2, "Engineering"),
    ("Omar", "Zamora", "Member", "active", 2, "Engineering"),
    ("Priya", "Abbott", "Member", "active", 2, "Engineering"),
    ("Quentin", "Baker", "Member", "active", 2, "Engineering"),
    ("Rosa", "Castillo", "Member", "active", 2, "Engineering"),
    ("Sami", "Diaz", "Member", "active", 1, "Marketing"),
    ("Tara", "Evans", "Member", "active", 1, "Marketing"),
    ("Umar", "Fischer", "Member", "active", 2, "Finance"),
    ("Vera", "Garcia", "Member", "active", 2, "Finance"),
    ("Wes", "Hughes", "Member", "active", 1, "Facilities"),
    ("Xena", "Ibrahim", "Member", "pending", 2, "Sales"),
    ("Yuri", "Jensen", "Member", "inactive", 1, "Support"),
)


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    domain = master["owner_email"].split("@", 1)[1]
    created = []
    for first, last, role, status, user_type, dept in CAST:
        user = create_user(
            tx,
            ids,
            now,
            account_id=master["id"],
            email=f"{first}.{last}@{domain}".lower(),
            first_name=first,
            last_name=last,
            user_type=user_type,
            role_name=role,
            status=status,
            creation_type="create" if status == "pending" else "custCreate",
        )
        user["dept"] = dept
        save_user(tx, user)
        created.append(user["id"])
    return {"user_ids": created}
