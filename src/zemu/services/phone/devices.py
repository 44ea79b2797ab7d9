"""Desk phones: list with filters, get, add, update, assign extensions (users and common areas),
delete. A change to a provisioned device sends ``phone.generic_device_provision``.

An added desk phone registers with Zoom a little later, as a phone plugged in after the admin
added its MAC address does: a scheduled step (``REGISTER``) marks it online and, the first time
only, sends ``phone.device_registration`` (phone-events.md §7.20).

A device document keeps ``assignee_extension_ids`` (Zoom's extension ids) and, with them, the
assignees and site its list item shows (``model.save_device``; a renamed or moved assignee
refreshes its desk phones), so the list is one index range and the details one read.
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import body
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu
from zemu.store import Tx

DEVICE_MISSING = model.documented_by("getADevice", 400)
VALIDATION = model.documented_by("addPhoneDevice", 300)
TOO_MANY = model.documented_by("addPhoneDevice", 405)
SIP_DOMAIN = "zemu.sip.zoom.us"
MAX_ASSIGNEES = 10
REGISTER = "phone.device_register"
REGISTER_SECONDS = 30.0  # from being added to its first registration: a phone booting and provisioning


def normalise_mac(raw: str) -> str:
    mac = re.sub(r"[^0-9a-fA-F]", "", raw or "").lower()
    if len(mac) != 12:
        raise VALIDATION
    return mac


def new_device(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    display_name: str,
    mac_address: str,
    device_type: str,
    model_name: str = "",
    site_id: str = "",
    assignee_extension_ids: list[str] | None = None,
) -> dict[str, Any]:
    device = {
        "id": ids.uid(),
        "account_id": account_id,
        "display_name": display_name,
        "mac_address": normalise_mac(mac_address),
        "device_type": device_type,
        "model": model_name,
        "site_id": site_id,
        "status": "offline",
        "assignee_extension_ids": list(assignee_extension_ids or []),
        "provision_template_id": "",
        "created_at": zulu(now),
        "firmware_version": "",
        "private_ip": "",
        "public_ip": "",
        "sip_password": ids.secret(12),
    }
    model.save_device(tx, device)
    return device


def _sip_accounts(device: dict[str, Any]) -> list[dict[str, Any]]:
    accounts = []
    for index, person in enumerate(device["assignees"]):
        user_name = f"{device['mac_address']}{index}"
        accounts.append(
            {
                "authorization_id": user_name,
                "outbound_proxy": f"{SIP_DOMAIN}:5091",
                "password": device["sip_password"],
                "secondary_outbound_proxy": f"{SIP_DOMAIN}:5092",
                "sip_domain": SIP_DOMAIN,
                "user_name": user_name,
                "shared_line": {
                    "line_subscription": {
                        "display_name": person["name"],
                        "extension_number": person["extension_number"],
                    },
                    "alias": person["name"],
                    "outbound_caller_id": "",
                },
            }
        )
    return accounts


def detail(device: dict[str, Any]) -> dict[str, Any]:
    out = model.device_item(device)
    out.pop("description", None)
    out.pop("firmware_version", None)
    out["provision"] = {"sip_accounts": _sip_accounts(device), "type": "manual", "url": ""}
    return out


def emit_provision(ctx: Context, device: dict[str, Any]) -> None:
    obj: dict[str, Any] = {
        "id": device["id"],
        "display_name": device["display_name"],
        "device_type": device["device_type"],
        "mac_address": device["mac_address"],
        "site": device["site"],
    }
    if device["assignees"]:
        obj["provision"] = {"type": "manual", "sip_accounts": _sip_accounts(device)}
    ctx.emit("phone.generic_device_provision", {"object": obj})


def target_device(ctx: Context, error: ZoomError = DEVICE_MISSING) -> dict[str, Any]:
    return model.DEVICES.require(ctx, ctx.path["deviceId"], error)


# handlers ----------------------------------------------------------------------------------
def list_devices(ctx: Context) -> dict[str, Any]:
    query = ctx.query
    where = {
        "type": query.get("type") or "unassigned",
        "assignee_type": query.get("assignee_type"),
        "site_id": query.get("site_id"),
        "device_type": str(query.get("device_type") or "").lower(),
    }
    page = model.DEVICES.page(ctx, where=where, keyword=query.get("keyword"))
    return {
        "devices": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }


def get_device(ctx: Context) -> dict[str, Any]:
    return detail(target_device(ctx))


def _extension_ids_of(ctx: Context, data: dict[str, Any]) -> list[str]:
    """``assignee_extension_ids``, or the legacy ``assigned_to`` (a user's id or email)."""
    ids = [str(e) for e in data.get("assignee_extension_ids") or []]
    if len(ids) > MAX_ASSIGNEES:
        raise TOO_MANY
    for extension_id in ids:
        if model.extension_owner_doc(ctx.tx, extension_id) is None:
            raise ctx.fail(1001, "User extension ID")
    if data.get("assigned_to"):
        ref = str(data["assigned_to"])
        user = find_user(ctx.tx, ref)
        phone_user = model.get_phone_user(ctx.tx, user["id"]) if user else None
        if phone_user is None or phone_user["account_id"] != ctx.account_id:
            raise ctx.fail(1001, "User not found", userId=ref)
        ids.append(phone_user["extension_id"])
    return list(dict.fromkeys(ids))


def add_device(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    extension_ids = _extension_ids_of(ctx, data)
    site_id = str(data.get("site_id") or "")
    if site_id:
        site = model.get_site(ctx.tx, site_id)
        if site is None or site["account_id"] != ctx.account_id:
            raise VALIDATION
    device = new_device(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        display_name=str(data["display_name"]),
        mac_address=str(data["mac_address"]),
        device_type=str(data["type"]),
        model_name=str(data.get("model") or ""),
        site_id=site_id,
        assignee_extension_ids=extension_ids,
    )
    if data.get("provision_template_id"):
        device["provision_template_id"] = str(data["provision_template_id"])
        model.save_device(ctx.tx, device)
    if extension_ids:
        emit_provision(ctx, device)
    ctx.schedule(REGISTER, ctx.now + REGISTER_SECONDS, {"device_id": device["id"]}, chain=f"device:{device['id']}")
    return {"id": device["id"], "display_name": device["display_name"]}


def register(ctx: Context, job: dict[str, Any]) -> None:
    """The scheduled registration: the device comes online; its first one is announced."""
    device = model.get_device(ctx.tx, str(job["device_id"]))
    if device is None or device.get("registered_at"):
        return  # deleted before it came up, or registered already
    device["status"] = "online"
    device["registered_at"] = zulu(ctx.now)
    model.save_device(ctx.tx, device)
    ctx.emit(
        "phone.device_registration",
        {
            "object": {
                "device_id": device["id"],
                "device_name": device["display_name"],
                "mac_address": device["mac_address"],
            }
        },
        account_id=device["account_id"],
    )


def update_device(ctx: Context) -> None:
    device = target_device(ctx, ZoomError(300, "Validation failed. Device does not exist in the system.", 400))
    data = body(ctx)
    if data.get("assigned_to"):
        device["assignee_extension_ids"] = _extension_ids_of(ctx, {"assigned_to": data["assigned_to"]})
    for key in ("display_name", "provision_template_id"):
        if data.get(key) is not None:
            device[key] = str(data[key])
    model.save_device(ctx.tx, device)
    emit_provision(ctx, device)


def delete_device(ctx: Context) -> None:
    device = target_device(ctx, ZoomError(300, "Device does not exist in the system.", 400))
    remove_device(ctx.tx, device)


def remove_device(tx: Tx, device: dict[str, Any]) -> None:
    model.delete_device(tx, device)


def add_extensions(ctx: Context) -> None:
    device = target_device(ctx, ZoomError(300, "Device does not exist in the system.", 400))
    added = _extension_ids_of(ctx, {"assignee_extension_ids": body(ctx).get("assignee_extension_ids") or []})
    merged = list(dict.fromkeys(device["assignee_extension_ids"] + added))
    if len(merged) > MAX_ASSIGNEES:
        raise TOO_MANY
    device["assignee_extension_ids"] = merged
    model.save_device(ctx.tx, device)
    emit_provision(ctx, device)


def remove_extension(ctx: Context) -> None:
    device = target_device(ctx, ZoomError(300, "Device does not exist in the system.", 400))
    extension_id = str(ctx.path["extensionId"])
    if extension_id not in device["assignee_extension_ids"]:
        raise ZoomError(300, f"Extension ID does not exist: {extension_id}.", 400)
    device["assignee_extension_ids"].remove(extension_id)
    model.save_device(ctx.tx, device)
    emit_provision(ctx, device)


def release_extension_everywhere(tx: Tx, account_id: str, extension_id: str) -> None:
    """Unassign a deleted user's or common area's extension from every desk phone."""
    for device in model.devices_of(tx, account_id, extension_id):
        device["assignee_extension_ids"].remove(extension_id)
        model.save_device(tx, device)
