"""Desk phones: list with filters, get, add, update, assign extensions (users and common areas),
delete. A change to a provisioned device sends ``phone.generic_device_provision``.

A device document keeps ``assignee_extension_ids`` (Zoom's extension ids); the assignees are
resolved at read time so a renamed user or a moved extension shows at once.
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import body, extension_owner_doc, paged_list, site_ref
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu
from zemu.store import Conflict, Tx

DEVICE_MISSING = ZoomError(400, "Device does not exist in the system.", 400)
VALIDATION = ZoomError(300, "Validation failed.", 400)
MAC_KEY = "device_mac"
SIP_DOMAIN = "zemu.sip.zoom.us"
MAX_ASSIGNEES = 10


def normalise_mac(raw: str) -> str:
    mac = re.sub(r"[^0-9a-fA-F]", "", raw or "").lower()
    if len(mac) != 12:
        raise VALIDATION
    return mac


def new_device(tx: Tx, ids: Ids, now: float, *, account_id: str, display_name: str, mac_address: str,
               device_type: str, model_name: str = "", site_id: str = "",
               assignee_extension_ids: list[str] | None = None) -> dict[str, Any]:
    device_id = ids.uid()
    mac = normalise_mac(mac_address)
    try:
        tx.claim(MAC_KEY, mac, device_id)
    except Conflict:
        raise ZoomError(300, "Validation failed. The MAC address is already in use.", 400) from None
    device = {"id": device_id, "account_id": account_id, "display_name": display_name, "mac_address": mac,
              "device_type": device_type, "model": model_name, "site_id": site_id, "status": "offline",
              "assignee_extension_ids": list(assignee_extension_ids or []), "provision_template_id": "",
              "created_at": zulu(now), "firmware_version": "", "private_ip": "", "public_ip": "",
              "sip_password": ids.secret(12)}
    model.save_device(tx, device)
    return device


def assignees(tx: Tx, device: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for extension_id in device.get("assignee_extension_ids", []):
        found = extension_owner_doc(tx, extension_id)
        if found is None:
            continue
        kind, doc = found
        out.append({"extension_number": doc["extension_number"], "id": doc["id"], "name": doc["name"],
                    "extension_type": kind, "extension_id": extension_id})
    return out


def device_site(tx: Tx, device: dict[str, Any], people: list[dict[str, Any]]) -> dict[str, Any]:
    """A device sits at its assignee's site; an unassigned one at the site it was added to."""
    if people:
        kind = model.PHONE_USER if people[0]["extension_type"] == "user" else model.COMMON_AREA
        owner = tx.get(kind, people[0]["id"]) or {}
        return site_ref(tx, owner.get("site_id"))
    return site_ref(tx, device.get("site_id"))


def _policy() -> dict[str, Any]:
    return {"call_control": {"status": "unsupported"}, "hot_desking": {"status": "unsupported"}}


def list_item(tx: Tx, device: dict[str, Any]) -> dict[str, Any]:
    people = assignees(tx, device)
    out: dict[str, Any] = {
        "assignees": people, "device_type": device["device_type"], "display_name": device["display_name"],
        "id": device["id"], "mac_address": device["mac_address"], "site": device_site(tx, device, people),
        "status": device["status"], "provision_template_id": device.get("provision_template_id", ""),
        "description": device.get("description", ""), "firmware_version": device.get("firmware_version", ""),
        "private_ip": device.get("private_ip", ""), "public_ip": device.get("public_ip", ""), "policy": _policy(),
    }
    if people:
        out["assignee"] = {k: people[0][k] for k in ("extension_number", "id", "name", "extension_type")}
    return out


def device_brief(tx: Tx, device: dict[str, Any]) -> dict[str, Any]:
    """The device as a user's or common area's settings list it."""
    return {"device_type": device["device_type"], "display_name": device["display_name"], "id": device["id"],
            "policy": _policy(), "status": device["status"], "mac_address": device["mac_address"],
            "private_ip": device.get("private_ip", ""), "public_ip": device.get("public_ip", "")}


def _sip_accounts(tx: Tx, device: dict[str, Any], people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    accounts = []
    for index, person in enumerate(people):
        user_name = f"{device['mac_address']}{index}"
        accounts.append({"authorization_id": user_name, "outbound_proxy": f"{SIP_DOMAIN}:5091",
                         "password": device["sip_password"], "secondary_outbound_proxy": f"{SIP_DOMAIN}:5092",
                         "sip_domain": SIP_DOMAIN, "user_name": user_name,
                         "shared_line": {"line_subscription": {"display_name": person["name"],
                                                               "extension_number": person["extension_number"]},
                                         "alias": person["name"], "outbound_caller_id": ""}})
    return accounts


def detail(tx: Tx, device: dict[str, Any]) -> dict[str, Any]:
    out = list_item(tx, device)
    out.pop("description", None)
    out.pop("firmware_version", None)
    out["provision"] = {"sip_accounts": _sip_accounts(tx, device, out["assignees"]), "type": "manual",
                        "url": ""}
    return out


def emit_provision(ctx: Context, device: dict[str, Any]) -> None:
    people = assignees(ctx.tx, device)
    obj: dict[str, Any] = {"id": device["id"], "display_name": device["display_name"],
                           "device_type": device["device_type"], "mac_address": device["mac_address"],
                           "site": device_site(ctx.tx, device, people)}
    if people:
        obj["provision"] = {"type": "manual", "sip_accounts": _sip_accounts(ctx.tx, device, people)}
    ctx.emit("phone.generic_device_provision", {"object": obj})


def target_device(ctx: Context, error: ZoomError = DEVICE_MISSING) -> dict[str, Any]:
    device = model.get_device(ctx.tx, str(ctx.path["deviceId"]))
    if device is None or device["account_id"] != ctx.account_id:
        raise error
    return device


def _matches(tx: Tx, device: dict[str, Any], query: dict[str, Any]) -> bool:
    people = assignees(tx, device)
    if (query.get("type") == "assigned") != bool(people):
        return False
    if query.get("assignee_type") and not any(p["extension_type"] == query["assignee_type"] for p in people):
        return False
    if query.get("site_id") and device_site(tx, device, people)["id"] != query["site_id"]:
        return False
    if query.get("device_type") and device["device_type"].lower() != str(query["device_type"]).lower():
        return False
    keyword = str(query.get("keyword") or "").lower()
    if keyword:
        texts = [device["display_name"].lower(), device["mac_address"], device.get("private_ip", "")]
        texts += [p["name"].lower() for p in people] + [str(p["extension_number"]) for p in people]
        return any(keyword in text for text in texts)
    return True


# handlers ----------------------------------------------------------------------------------
def list_devices(ctx: Context) -> dict[str, Any]:
    query = dict(ctx.query)
    page = paged_list(ctx, lambda: model.list_devices(ctx.tx, ctx.account_id),
                      lambda d: _matches(ctx.tx, d, query), lambda d: d["display_name"].lower(),
                      lambda d: list_item(ctx.tx, d))
    return {"devices": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size,
            "total_records": page.total_records}


def get_device(ctx: Context) -> dict[str, Any]:
    return detail(ctx.tx, target_device(ctx))


def _extension_ids_of(ctx: Context, data: dict[str, Any]) -> list[str]:
    """``assignee_extension_ids``, or the legacy ``assigned_to`` (a user's id or email)."""
    ids = [str(e) for e in data.get("assignee_extension_ids") or []]
    if len(ids) > MAX_ASSIGNEES:
        raise ZoomError(405, "The number of items for `assignee_extension_ids` must not exceed 10.", 400)
    for extension_id in ids:
        if extension_owner_doc(ctx.tx, extension_id) is None:
            raise NotFound(1001, "User extension ID or common area extension ID not found.")
    if data.get("assigned_to"):
        ref = str(data["assigned_to"])
        user = find_user(ctx.tx, ref)
        phone_user = model.get_phone_user(ctx.tx, user["id"]) if user else None
        if phone_user is None or phone_user["account_id"] != ctx.account_id:
            raise NotFound(1001, f"User not found: {ref}")
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
    device = new_device(ctx.tx, ctx.ids, ctx.now, account_id=ctx.account_id, display_name=str(data["display_name"]),
                        mac_address=str(data["mac_address"]), device_type=str(data["type"]),
                        model_name=str(data.get("model") or ""), site_id=site_id,
                        assignee_extension_ids=extension_ids)
    if data.get("provision_template_id"):
        device["provision_template_id"] = str(data["provision_template_id"])
        model.save_device(ctx.tx, device)
    if extension_ids:
        emit_provision(ctx, device)
    return {"id": device["id"], "display_name": device["display_name"]}


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
    tx.delete(model.DEVICE, device["id"])
    tx.release(MAC_KEY, device["mac_address"])


def add_extensions(ctx: Context) -> None:
    device = target_device(ctx, ZoomError(300, "Device does not exist in the system.", 400))
    added = _extension_ids_of(ctx, {"assignee_extension_ids": body(ctx).get("assignee_extension_ids") or []})
    merged = list(dict.fromkeys(device["assignee_extension_ids"] + added))
    if len(merged) > MAX_ASSIGNEES:
        raise ZoomError(405, "The number of items for `assignee_extension_ids` must not exceed 10.", 400)
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
    for device in model.list_devices(tx, account_id):
        if extension_id in device.get("assignee_extension_ids", []):
            device["assignee_extension_ids"].remove(extension_id)
            model.save_device(tx, device)
