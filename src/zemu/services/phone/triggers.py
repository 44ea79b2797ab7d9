"""``zemu trigger phone.*`` for the events phone core operations cause: the smallest real change.

``params`` may name a device (``device``: id) for ``phone.generic_device_provision``.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context, Trigger
from zemu.services.phone import account_settings, devices, model


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


TRIGGERS: dict[str, Trigger] = {
    "phone.generic_device_provision": device_provision,
    "phone.account_settings_updated": account_settings_updated,
}
