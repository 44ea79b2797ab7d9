"""``zemu trigger phone.*`` for the events phone core operations cause: the smallest real change.

``params`` may name a device (``device``: id) for ``phone.generic_device_provision``, and a user
group (``group``: id) for ``phone.group_settings_updated``.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context, Trigger
from zemu.services.groups.model import GROUPS
from zemu.services.phone import account_settings, devices, group_policies, model


def device_provision(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    """Rename a provisioned desk phone (toggling a ``*`` suffix), as ``updateADevice`` does."""
    device = (
        model.DEVICES.require(ctx, params["device"], devices.DEVICE_MISSING)
        if params.get("device")
        else model.DEVICES.first(ctx.tx, ctx.account_id, {"type": "assigned"})
        or model.DEVICES.first(ctx.tx, ctx.account_id)
    )
    if device is None:
        raise devices.DEVICE_MISSING
    name = device["display_name"]
    device["display_name"] = name[:-2] if name.endswith(" *") else f"{name} *"
    model.save_device(ctx.tx, device)
    devices.emit_provision(ctx, device)
    return {"device_id": device["id"]}


def account_settings_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    """Flip whether desk phones may place emergency calls, as ``updateAccountPolicy`` does."""
    kind = "allow_emergency_calls"
    current = account_settings.policy_block(ctx.tx, ctx.account_id, kind)
    flag = not current.get("allow_emergency_calls_from_deskphones", False)
    account_settings.apply_policy(ctx, kind, {"allow_emergency_calls_from_deskphones": flag})
    return {"account_id": ctx.account_id, "policy": kind}


def device_registration(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    """Add a desk phone (``addPhoneDevice``) and have it come up at once: its registration step,
    which would otherwise happen ``devices.REGISTER_SECONDS`` later, runs now."""
    mac = ctx.ids.hex32()[:12]
    ctx.body = {"display_name": f"Desk phone {mac[-4:]}", "mac_address": mac, "type": "polycom"}
    added = devices.add_device(ctx)
    devices.register(ctx, {"device_id": added["id"]})
    return {"device_id": added["id"], "mac_address": mac, "registered": "now"}


def group_settings_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    """Flip whether a group's desk phones may place emergency calls, as ``updateGroupPolicy`` does."""
    wanted = params.get("group", "")
    missing = ctx.fail(2040, groupId=wanted)
    group = GROUPS.require(ctx, wanted, missing) if wanted else GROUPS.first(ctx.tx, ctx.account_id)
    if group is None:
        raise missing
    kind = "allow_emergency_calls"
    current = group_policies.group_block(ctx, group["id"], kind)
    flag = not current.get("allow_emergency_calls_from_deskphones", False)
    group_policies.apply_policy(ctx, group["id"], kind, {"allow_emergency_calls_from_deskphones": flag})
    return {"group_id": group["id"], "policy": kind}


TRIGGERS: dict[str, Trigger] = {
    "phone.generic_device_provision": device_provision,
    "phone.account_settings_updated": account_settings_updated,
    "phone.device_registration": device_registration,
    "phone.group_settings_updated": group_settings_updated,
}
