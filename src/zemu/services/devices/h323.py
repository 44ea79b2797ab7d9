"""H.323 and SIP room systems (``/h323/devices``): devices a meeting can dial out to by address.
Display names are unique within an account."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique

Doc = dict[str, Any]
FIELDS = ("encryption", "ip", "name", "protocol")

NAME_TAKEN = documented(2020, "display name")
DEVICES = Collection(
    "h323_device",
    sort=lambda d: d["name"].lower(),
    uniques=(Unique("name", lambda d: d["name"], NAME_TAKEN, scope=lambda d: d["account_id"]),),
)


def view(device: Doc) -> Doc:
    return {"id": device["id"], **{k: device[k] for k in FIELDS}}


def _save(ctx: Context, device: Doc) -> None:
    try:
        DEVICES.save(ctx.tx, device)
    except ZoomError:
        raise ctx.fail(2020, displayName=device["name"]) from None


def new_device(ctx: Context, body: Doc) -> Doc:
    device = {"id": ctx.ids.uid(), "account_id": ctx.account_id, **{k: body[k] for k in FIELDS}}
    _save(ctx, device)
    return device


def list_devices(ctx: Context) -> Doc:
    page = DEVICES.page(ctx, shape=view)
    return {**page.fields(), "devices": page.items}


def create_device(ctx: Context) -> Doc:
    return view(new_device(ctx, ctx.body or {}))


def _target(ctx: Context) -> Doc:
    device_id = str(ctx.path["deviceId"])
    return DEVICES.require(ctx, device_id, NotFound(2021, f"H.323 device does not exist: {device_id}."))


def update_device(ctx: Context) -> None:
    device = _target(ctx)
    device.update({k: v for k, v in (ctx.body or {}).items() if k in FIELDS})
    _save(ctx, device)


def delete_device(ctx: Context) -> None:
    DEVICES.delete(ctx.tx, _target(ctx))
