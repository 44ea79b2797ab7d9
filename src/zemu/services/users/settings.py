"""A user's settings: the full tree, inherited account → primary group → user, with locks.

    user_settings  id = user id: {view: changes}

The parent of a user's tree is their primary group's (which itself inherits from the account),
or the account's when they have no group. A setting locked by the account or the group shows
the parent's value whatever the user stored.
"""

from __future__ import annotations

from typing import Any

from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.groups.model import GROUPS
from zemu.services.groups.settings import effective_locks, effective_settings
from zemu.services.users.access import operator, target_user
from zemu.services.users.model import invitation_expired
from zemu.services.users.settings_tree import (
    account_locks,
    account_tree,
    apply_locks,
    authentication_option,
    deep_merge,
    diff,
    event_schema,
    inherit,
    merge_locks,
    only_fields,
    project,
    view_defaults,
    view_name,
)

KIND = "user_settings"
READ = "userSettings"
EVENT = "user.settings_updated"
INVITATION_MISSING = documented(1120, "A valid invitation to join the Zoom account was not found", status=400)


def _primary_group(ctx: Context, user: dict[str, Any]) -> dict[str, Any] | None:
    group_id = user.get("primary_group_id")
    return GROUPS.get(ctx.tx, group_id) if group_id else None


def effective(ctx: Context, user: dict[str, Any], option: str | None = None) -> dict[str, Any]:
    view = view_name(READ, option)
    group = _primary_group(ctx, user)
    if group is not None:
        parent, locks = effective_settings(ctx, group, option), effective_locks(ctx, group)
    else:
        parent, locks = account_tree(ctx, user["account_id"], view), account_locks(ctx, user["account_id"])
    inherited = inherit(view_defaults(READ, view), parent)
    tree = deep_merge(inherited, get_part(ctx.tx, KIND, user["id"]).get(view, {}))
    return apply_locks(tree, parent, merge_locks(locks)) if view == "" else tree


def get_settings(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    if invitation_expired(user, ctx.now):
        raise INVITATION_MISSING
    tree = effective(ctx, user, ctx.query.get("option"))
    fields = {f.strip() for f in (ctx.query.get("custom_query_fields") or "").split(",") if f.strip()}
    return only_fields(tree, fields) if fields else tree


def update_settings(ctx: Context) -> None:
    user = target_user(ctx)
    if invitation_expired(user, ctx.now):
        raise INVITATION_MISSING
    changes = dict(ctx.body or {})
    _check_features(user, changes.get("feature") or {})
    option = ctx.query.get("option")
    changes = authentication_option(ctx, effective(ctx, user, option), changes)
    apply_changes(ctx, user, changes, option)


def apply_changes(ctx: Context, user: dict[str, Any], changes: dict[str, Any], option: str | None = None) -> bool:
    """Store ``changes`` and send ``user.settings_updated`` with what really changed."""
    view = view_name(READ, option)
    before = effective(ctx, user, option)
    stored = get_part(ctx.tx, KIND, user["id"])
    stored[view] = deep_merge(stored.get(view, {}), changes)
    put_part(ctx.tx, KIND, user["id"], stored, account_id=user["account_id"])
    new, old = diff(effective(ctx, user, option), before)
    if not new or view != "":
        return False
    _emit(ctx, user, new, old)
    return True


def _emit(ctx: Context, user: dict[str, Any], new: dict[str, Any], old: dict[str, Any]) -> None:
    """This event carries operator and time stamp at the envelope root too (schema quirk)."""
    shape = event_schema(EVENT, "object", "settings")
    who = {**operator(ctx), "time_stamp": ctx.now_ms}
    payload = {
        "account_id": user["account_id"],
        **who,
        "object": {"id": user["id"], "settings": project(new, shape)},
        "old_object": {"id": user["id"], "settings": project(old, shape)},
    }
    body = {"event": EVENT, "event_ts": ctx.now_ms, **who, "payload": payload}
    if ctx.check_event is not None:
        ctx.check_event(EVENT, body)
    ctx.tx.emit(user["account_id"], EVENT, body, ctx.now_ms)


def _check_features(user: dict[str, Any], feature: dict[str, Any]) -> None:
    licensed = user.get("type") != 1
    if feature.get("large_meeting") and not licensed:
        raise documented(1108, "large meeting")
    if feature.get("webinar") and not licensed:
        raise documented(1122)
