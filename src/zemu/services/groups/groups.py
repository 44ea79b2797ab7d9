"""Groups themselves: list, get, create, rename, delete."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.groups import model
from zemu.services.groups.access import require_paid, target_group
from zemu.services.users.access import account_id_of, operator

INVALID_NAME = documented(300, "Invalid parameter: name.")


def summary(ctx: Context, group: dict[str, Any]) -> dict[str, Any]:
    return {"id": group["id"], "name": group["name"], "total_members": group.get("total_members", 0)}


def list_groups(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    page = model.GROUPS.page(ctx, scope=account_id_of(ctx))
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
    taken = ctx.fail(4132, groupName=name) if ctx.op is not None else None
    group = model.create_group(ctx.tx, ctx.ids, ctx.now, account_id=account_id, name=name, taken=taken)
    ctx.emit(
        "group.created",
        {**operator(ctx), "time_stamp": ctx.now_ms, "object": {"id": group["id"], "name": name}},
        account_id=account_id,
    )
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
    model.check_name(ctx.tx, group, name, ctx.fail(4132, groupName=name) if ctx.op is not None else None)
    group["name"] = name
    model.save_group(ctx.tx, group)
    ctx.emit(
        "group.updated",
        {
            **operator(ctx),
            "time_stamp": ctx.now_ms,
            "object": {"id": group["id"], "name": name},
            "old_object": {"id": group["id"], "name": old},
        },
        account_id=group["account_id"],
    )
    return True


def delete_group(ctx: Context) -> None:
    require_paid(ctx)
    group = target_group(ctx)
    remove(ctx, group)


def remove(ctx: Context, group: dict[str, Any]) -> None:
    """Delete a group; its members stay in the account. Only ``group.deleted`` is sent."""
    model.delete_group(ctx.tx, group)
    ctx.emit(
        "group.deleted",
        {**operator(ctx), "time_stamp": ctx.now_ms, "object": {"id": group["id"], "name": group["name"]}},
        account_id=group["account_id"],
    )
