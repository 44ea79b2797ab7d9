"""A user's personal audio conference accounts (a user's meetings, webinars and cloud recordings
are the meetings product's)."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.users.access import target_user
from zemu.services.users.model import PACS


def list_pacs(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    pacs = [
        {k: v for k, v in pac.items() if k not in ("id", "account_id", "user_id")}
        for pac in PACS.each(ctx.tx, user["id"])
    ]
    if not pacs:
        raise ctx.fail(2024)
    return {"pac_accounts": pacs}
