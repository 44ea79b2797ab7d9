"""Zoom Phone policies of a user group (``/phone/groups/{groupId}/policies/{policyType}``).

A group's block is the account's block (``account_settings.policy_block``) under the group's own
values; ``modified`` says whether the group has any, and ``reset`` drops them so the group
follows the account again. The group's own values are one document per group (kind
``phone_group_policy``, id = group id, parent the group, so it goes with the group). A change
that alters the block announces it (``phone.group_settings_updated``, phone-events.md §7.21)
with the changed block in ``object`` and its previous value in ``old_object``.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.groups.model import account_group
from zemu.services.phone import account_settings
from zemu.services.phone.common import body

KIND = "phone_group_policy"
Doc = dict[str, Any]


def _group_id(ctx: Context) -> str:
    group_id = str(ctx.path["groupId"])
    account_group(ctx.tx, ctx.account_id, group_id, ctx.fail(2040, groupId=group_id))
    return group_id


def _policy_type(ctx: Context) -> str:
    kind = str(ctx.path["policyType"])
    if kind not in account_settings.POLICY_TYPES:
        raise ctx.fail(400, "policyType")
    return kind


def _own(ctx: Context, group_id: str) -> Doc:
    return ctx.tx.get(KIND, group_id) or {"settings": {}}


def group_block(ctx: Context, group_id: str, kind: str) -> Doc:
    """The block the group's members get: the account's, under the group's own values."""
    own = _own(ctx, group_id)["settings"].get(kind) or {}
    block = {**account_settings.policy_block(ctx.tx, ctx.account_id, kind), **own, "modified": bool(own)}
    if own.get("locked"):
        block["locked_by"] = "user_group"
    return block


def get_policy(ctx: Context) -> Doc:
    group_id, kind = _group_id(ctx), _policy_type(ctx)
    return {kind: group_block(ctx, group_id, kind)}


def update_policy(ctx: Context) -> None:
    group_id, kind = _group_id(ctx), _policy_type(ctx)
    patch = dict(body(ctx).get(kind) or {})
    if patch.get("reset"):
        if "locked" in patch:
            raise ctx.fail(400, "Lock and reset")
        if len(patch) > 1:
            raise ctx.fail(400, "Reset cannot")
    apply_policy(ctx, group_id, kind, patch)


def apply_policy(ctx: Context, group_id: str, kind: str, patch: Doc) -> Doc:
    """Store a group's policy change and announce it if the block changed; answers the new block."""
    old = group_block(ctx, group_id, kind)
    doc = _own(ctx, group_id)
    if patch.pop("reset", False):
        doc["settings"].pop(kind, None)
    else:
        doc["settings"].setdefault(kind, {}).update(patch)
    ctx.tx.put(KIND, group_id, doc, account_id=ctx.account_id, parent=group_id)
    new = group_block(ctx, group_id, kind)
    if new != old:
        ctx.emit(
            "phone.group_settings_updated",
            {
                "object": {"group_id": group_id, "settings": {kind: new}},
                "old_object": {"group_id": group_id, "settings": {kind: old}},
            },
        )
    return new
