"""A group's settings and locked settings, inherited from the account and stored as changes only.

    group_settings  id = group id: {"settings": {view: changes}, "locks": {view: changes}}

A group's tree is the schema's defaults, overlaid with the account's values for the same keys,
then with what was set on the group. Its lock tree works the same way over the account's locks.
"""

from __future__ import annotations

from typing import Any

from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.services.groups.access import require_paid, target_group
from zemu.services.users.access import operator
from zemu.services.users.settings_tree import (
    account_locks,
    account_tree,
    authentication_option,
    deep_merge,
    diff,
    event_schema,
    inherit,
    only_fields,
    project,
    view_defaults,
    view_name,
)

KIND = "group_settings"
READ_SETTINGS = "getGroupSettings"
READ_LOCKS = "getGroupLockSettings"


def _stored(ctx: Context, group_id: str) -> dict[str, Any]:
    return get_part(ctx.tx, KIND, group_id) or {"settings": {}, "locks": {}}


def _save(ctx: Context, group: dict[str, Any], stored: dict[str, Any]) -> None:
    put_part(ctx.tx, KIND, group["id"], stored, account_id=group["account_id"])


def effective_settings(ctx: Context, group: dict[str, Any], option: str | None = None) -> dict[str, Any]:
    view = view_name(READ_SETTINGS, option)
    inherited = inherit(view_defaults(READ_SETTINGS, view), account_tree(ctx, group["account_id"], view))
    return deep_merge(inherited, _stored(ctx, group["id"])["settings"].get(view, {}))


def effective_locks(ctx: Context, group: dict[str, Any], option: str | None = None) -> dict[str, Any]:
    view = view_name(READ_LOCKS, option)
    inherited = inherit(view_defaults(READ_LOCKS, view), account_locks(ctx, group["account_id"]) if not view else {})
    return deep_merge(inherited, _stored(ctx, group["id"])["locks"].get(view, {}))


def get_settings(ctx: Context) -> dict[str, Any]:
    group = target_group(ctx)
    option = ctx.query.get("option")
    tree = effective_settings(ctx, group, option)
    fields = {f.strip() for f in (ctx.query.get("custom_query_fields") or "").split(",") if f.strip()}
    return only_fields(tree, fields) if fields else tree


def update_settings(ctx: Context) -> None:
    group = target_group(ctx)
    require_paid(ctx)
    apply_settings(ctx, group, dict(ctx.body or {}), ctx.query.get("option"))


def apply_settings(ctx: Context, group: dict[str, Any], body: dict[str, Any], option: str | None = None) -> bool:
    """Store a change of the group's settings; ``group.settings_updated`` says what really changed."""
    view = view_name(READ_SETTINGS, option)
    before = effective_settings(ctx, group, option)
    changes = authentication_option(ctx, before, body)
    stored = _stored(ctx, group["id"])
    stored["settings"][view] = deep_merge(stored["settings"].get(view, {}), changes)
    _save(ctx, group, stored)
    new, old = diff(effective_settings(ctx, group, option), before)
    if not new or view != "":
        return False
    _emit(ctx, "group.settings_updated", group, new, old)
    return True


def get_lock_settings(ctx: Context) -> dict[str, Any]:
    group = target_group(ctx)
    require_paid(ctx)
    return effective_locks(ctx, group, ctx.query.get("option"))


def update_lock_settings(ctx: Context) -> None:
    group = target_group(ctx)
    require_paid(ctx)
    apply_locks_change(ctx, group, dict(ctx.body or {}), ctx.query.get("option"))


def apply_locks_change(ctx: Context, group: dict[str, Any], body: dict[str, Any], option: str | None = None) -> bool:
    view = view_name(READ_LOCKS, option)
    before = effective_locks(ctx, group, option)
    stored = _stored(ctx, group["id"])
    stored["locks"][view] = deep_merge(stored["locks"].get(view, {}), body)
    _save(ctx, group, stored)
    new, old = diff(effective_locks(ctx, group, option), before)
    if not new:
        return False
    _emit(ctx, "group.lock_settings_updated", group, new, old)
    return True


def _emit(ctx: Context, event: str, group: dict[str, Any], new: dict[str, Any], old: dict[str, Any]) -> None:
    shape = event_schema(event, "object", "settings")
    ctx.emit(
        event,
        {
            **operator(ctx),
            "time_stamp": ctx.now_ms,
            "object": {"id": group["id"], "settings": project(new, shape)},
            "old_object": {"id": group["id"], "settings": project(old, shape)},
        },
        account_id=group["account_id"],
    )
