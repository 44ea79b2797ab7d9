"""Groups themselves: list, get, create, rename, delete."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.groups import model
from zemu.services.groups.access import require_paid, target_group
from zemu.services.users.access import account_id_of, operator

INVALID_NAME = ZoomError(300, "Invalid parameter: name.", 400)


def summary(ctx: Context, group: dict[str, Any]) -> dict[str, Any]:
    return {"id": group["id"], "name": group["name"], "total_members": model.total_members(ctx.tx, group["id"])}


def list_groups(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    account_id = account_id_of(ctx)

    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        rows = ctx.tx.list(model.KIND, parent=account_id, after=window.after, offset=window.offset,
                           limit=window.limit)
        return [((row.sort, row.id), summary(ctx, row.body)) for row in rows]

    page = ctx.paginate(fetch, count=lambda _: ctx.tx.count(model.KIND, parent=account_id))
    return {"groups": page.items, "total_records": page.total_records, "next_page_token": page.next_page_token}


def get_group(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    return summary(ctx, target_group(ctx))


def create_group(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    name = str((ctx.body or {}).get("name") or "").strip()
    if not name:
        raise INVALID_NAME
    return summary(ctx, new_group(ctx, account_id_of(ctx), name))


def new_group(ctx: Context, account_id: str, name: str) -> dict[str, Any]:
    group = model.create_group(ctx.tx, ctx.ids, ctx.now, account_id=account_id, name=name)
    ctx.emit("group.created", {**operator(ctx), "time_stamp": ctx.now_ms,
                               "object": {"id": group["id"], "name": name}}, account_id=account_id)
    return group


def update_group(ctx: Context) -> None:
    require_paid(ctx)
    group = target_group(ctx)
    name = (ctx.body or {}).get("name")
    if name is None:
        return
    if not str(name).strip():
        raise INVALID_NAME
    rename(ctx, group, str(name).strip())


def rename(ctx: Context, group: dict[str, Any], name: str) -> bool:
    old = group["name"]
    if name == old:
        return False
    if name.lower() != old.lower():
        holder = ctx.tx.holder(model.NAME_KEY, name.lower(), scope=group["account_id"])
        if holder is not None:
            raise ZoomError(4132, f"Group name {name} is already in use.", 409)
        ctx.tx.release(model.NAME_KEY, old.lower(), scope=group["account_id"])
        model.claim_name(ctx.tx, group["account_id"], name, group["id"])
    group["name"] = name
    model.save_group(ctx.tx, group)
    ctx.emit("group.updated", {**operator(ctx), "time_stamp": ctx.now_ms,
                               "object": {"id": group["id"], "name": name},
                               "old_object": {"id": group["id"], "name": old}}, account_id=group["account_id"])
    return True


def delete_group(ctx: Context) -> None:
    require_paid(ctx)
    group = target_group(ctx)
    remove(ctx, group)


def remove(ctx: Context, group: dict[str, Any]) -> None:
    """Delete a group; its members stay in the account. Only ``group.deleted`` is sent."""
    model.delete_group(ctx.tx, group)
    ctx.emit("group.deleted", {**operator(ctx), "time_stamp": ctx.now_ms,
                               "object": {"id": group["id"], "name": group["name"]}},
             account_id=group["account_id"])
