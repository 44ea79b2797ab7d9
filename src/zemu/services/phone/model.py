"""The shared Zoom Phone data model: sites, phone users, common areas, devices, shared line groups
and extensions, each a declared collection (``zemu.services.resource``).

Other phone packages (numbers, routing, history) import these functions rather than reading the
documents themselves, so the shapes below are a contract:

    phone_site    id = site id, scope = account, sort = main site first, then lower-case name
                  {id, account_id, name, site_code, main_site, country{code,name}, short_extension{length},
                   main_auto_receptionist{id,name,extension_id,extension_number}, ...}
    phone_user    id = the zemu user's id, scope = account, sort = lower-case email
                  {id, account_id, email, name, extension_id, extension_number (int), site_id,
                   calling_plans [{type, name}], status ("activate"|"deactivate"|"pending"),
                   department, cost_center, phone_user_id, ...}
    common_area   id = common area id, scope = account, sort = lower-case name
                  {id, account_id, name, extension_id, extension_number (int), site_id, status, ...}
    device        id = device id, scope = account, sort = lower-case display name

What a list shows of related documents (a member's site name and numbers, a device's assignees
and site, a common area's desk phones) is kept with the document and saved as its list view, so
a page is one index range whatever its filters: the ``save_*`` functions fill those copies, and a
change fans out to the documents that show it (a renamed site to its members, a renamed member to
its desk phones, a number changing hands to its old and new owner through ``numbers_changed``).

Extension numbers are unique per account: store uniques of kind ``extension`` scoped by the
account id, whose owner is ``"{type}:{id}"`` (Zoom's extension types: ``user``, ``commonArea``,
``callQueue``, ``autoReceptionist``, ``sharedLineGroup``, ...). Extension ids (Zoom's ``extension_id``)
map to their owner through ``register_extension_id`` / ``owner_of_extension_id``.

Each site carries ``main_auto_receptionist`` ``{id, name, extension_id, extension_number}``: the
phone package claims its extension when it creates the site; the routing package files the
auto receptionist's own document from that reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.store import Conflict, Tx

SITE = "phone_site"
PHONE_USER = "phone_user"
COMMON_AREA = "common_area"
DEVICE = "device"
SHARED_LINE_GROUP = "shared_line_group"
EXTENSION_KEY = "extension"
# extension id -> owner, for the operations that address any extension by its id
EXTENSION_ID_KEY = "extension_id"

Doc = dict[str, Any]
NO_SITE = {"id": "", "name": ""}


def documented_by(operation_id: str, code: int, match: str = "", **values: Any) -> ZoomError:
    """One operation's own documented error, for code that raises it without that operation's
    context (other operations word the same code differently, or pack it into a longer message)."""
    return documented(code, match, op=load_catalog().by_operation_id[operation_id][0], **values)


MAC_TAKEN = ZoomError(300, "Validation failed. The MAC address is already in use.", 400)


def _lower(field: str) -> Any:
    return lambda doc: str(doc.get(field) or "").lower() or None


def _number_ids(doc: Doc) -> list[str]:
    return [n["id"] for n in doc.get("phone_numbers", [])]


def _plan_types(doc: Doc) -> list[int]:
    return [plan["type"] for plan in doc.get("calling_plans", [])]


def site_summary(site: Doc) -> Doc:
    out = {
        "id": site["id"],
        "name": site["name"],
        "country": site["country"],
        "main_auto_receptionist": site["main_auto_receptionist"],
    }
    if "site_code" in site:
        out["site_code"] = site["site_code"]
    return out


def user_item(user: Doc) -> Doc:
    """A phone user as ``listPhoneUsers`` shows it."""
    return {
        "calling_plans": user["calling_plans"],
        "email": user["email"],
        "extension_id": user["extension_id"],
        "extension_number": user["extension_number"],
        "id": user["id"],
        "name": user["name"],
        "phone_user_id": user["phone_user_id"],
        "site": user.get("site", NO_SITE),
        "status": user["status"],
        "activation_status": "activated" if user["status"] == "activate" else "not ready",
        "phone_numbers": user.get("phone_numbers", [])[:10],
        "department": user.get("department", ""),
        "cost_center": user.get("cost_center", ""),
    }


def _device_policy() -> Doc:
    return {"call_control": {"status": "unsupported"}, "hot_desking": {"status": "unsupported"}}


def device_item(device: Doc) -> Doc:
    """A device as ``listPhoneDevices`` shows it."""
    people = device.get("assignees", [])
    out: Doc = {
        "assignees": people,
        "device_type": device["device_type"],
        "display_name": device["display_name"],
        "id": device["id"],
        "mac_address": device["mac_address"],
        "site": device.get("site", NO_SITE),
        "status": device["status"],
        "provision_template_id": device.get("provision_template_id", ""),
        "description": device.get("description", ""),
        "firmware_version": device.get("firmware_version", ""),
        "private_ip": device.get("private_ip", ""),
        "public_ip": device.get("public_ip", ""),
        "policy": _device_policy(),
    }
    if people:
        out["assignee"] = {k: people[0][k] for k in ("extension_number", "id", "name", "extension_type")}
    return out


def area_numbers(area: Doc) -> list[Doc]:
    return [
        {"display_name": area["name"], "id": n["id"], "number": n["number"], "source": n["source"]}
        for n in area.get("phone_numbers", [])
    ]


def area_item(area: Doc) -> Doc:
    """A common area as ``listCommonAreas`` shows it."""
    return {
        "calling_plans": area["calling_plans"],
        "display_name": area["name"],
        "extension_number": area["extension_number"],
        "id": area["id"],
        "phone_numbers": area_numbers(area),
        "site": area.get("site", NO_SITE),
        "status": area["status"],
        "desk_phones": [
            {k: d[k] for k in ("id", "display_name", "device_type", "status")} for d in area.get("desk_phones", [])
        ],
    }


def group_item(group: Doc) -> Doc:
    """A shared line group as ``listSharedLineGroups`` shows it."""
    return {
        "display_name": group["display_name"],
        "extension_id": group["extension_id"],
        "extension_number": group["extension_number"],
        "id": group["id"],
        "phone_numbers": [
            {"id": n["id"], "number": n["number"], "status": "available"} for n in group.get("phone_numbers", [])
        ],
        "site": group.get("site", NO_SITE),
        "status": group["status"],
    }


SITES = Collection(
    SITE,
    sort=lambda s: f"{0 if s.get('main_site') else 1}{s['name'].lower()}",
    filters={"main": lambda s: bool(s.get("main_site"))},
    keywords=lambda s: (s["name"],),
    view=site_summary,
    missing=documented_by("getASite", 400),
)
PHONE_USERS = Collection(
    PHONE_USER,
    sort=lambda u: u["email"].lower(),
    filters={
        "site_id": lambda u: u.get("site_id"),
        "status": lambda u: u["status"],
        "calling_type": _plan_types,
        "department": _lower("department"),
        "cost_center": _lower("cost_center"),
        "in_directory": lambda u: bool(u.get("in_directory", True)),
        "number": _number_ids,
        "extension_id": lambda u: u["extension_id"],
    },
    keywords=lambda u: (
        u["name"],
        u["extension_number"],
        u["email"],
        *(n["number"] for n in u.get("phone_numbers", [])),
    ),
    view=user_item,
)
COMMON_AREAS = Collection(
    COMMON_AREA,
    sort=lambda a: a["name"].lower(),
    filters={"site_id": lambda a: a.get("site_id"), "calling_type": _plan_types, "number": _number_ids},
    view=area_item,
)
DEVICES = Collection(
    DEVICE,
    sort=lambda d: d["display_name"].lower(),
    filters={
        "type": lambda d: "assigned" if d.get("assignees") else "unassigned",
        "assignee_type": lambda d: [p["extension_type"] for p in d.get("assignees", [])],
        "site_id": lambda d: d.get("site", NO_SITE)["id"] or None,
        "device_type": _lower("device_type"),
        "extension": lambda d: d.get("assignee_extension_ids", []),
        "added_at": lambda d: d.get("site_id"),
    },  # the site it was added to (its own when unassigned)
    keywords=lambda d: (
        d["display_name"],
        d["mac_address"],
        d.get("private_ip"),
        *(p["name"] for p in d.get("assignees", [])),
        *(p["extension_number"] for p in d.get("assignees", [])),
    ),
    uniques=(Unique("mac", lambda d: d["mac_address"], MAC_TAKEN),),
    view=device_item,
)
SHARED_LINE_GROUPS = Collection(
    SHARED_LINE_GROUP,
    sort=lambda g: g["display_name"].lower(),
    filters={
        "site_id": lambda g: g.get("site_id"),
        "member": lambda g: g["users"] + g["common_areas"],
        "number": _number_ids,
    },
    view=group_item,
)


# sites -----------------------------------------------------------------------------------
def get_site(tx: Tx, site_id: str) -> Doc | None:
    return SITES.get(tx, site_id)


def list_sites(tx: Tx, account_id: str) -> list[Doc]:
    """Every site of the account, the main site first (accounts have a handful of sites)."""
    return list(SITES.each(tx, account_id))


def main_site(tx: Tx, account_id: str) -> Doc:
    """The account's main site: the one flagged ``main_site``, else the oldest."""
    flagged = SITES.first(tx, account_id, {"main": True})
    if flagged is not None:
        return flagged
    sites = list_sites(tx, account_id)
    if not sites:
        raise documented(404, "Site does not exist.")
    return min(sites, key=lambda site: site.get("created_at", ""))


def site_ref(tx: Tx, site_id: str | None) -> Doc:
    site = get_site(tx, site_id or "")
    return {"id": site["id"], "name": site["name"]} if site else dict(NO_SITE)


def save_site(tx: Tx, site: Doc) -> None:
    """Save a site; a new name or emergency address shows at once on everything filed under it."""
    old = get_site(tx, site["id"])
    SITES.save(tx, site)
    shown = ("name", "default_emergency_address")
    if old is not None and any(old.get(key) != site.get(key) for key in shown):
        refresh_site_members(tx, site["account_id"], site["id"])


def refresh_site_members(tx: Tx, account_id: str, site_id: str) -> None:
    for collection, save in (
        (PHONE_USERS, save_phone_user),
        (COMMON_AREAS, save_common_area),
        (DEVICES, save_device),
        (SHARED_LINE_GROUPS, save_shared_line_group),
    ):
        for doc in list(collection.each(tx, account_id, {"site_id": site_id})):
            save(tx, doc)
    from zemu.services.numbers.model import site_renamed  # numbers and routing build on this model
    from zemu.services.phone_routing.model import refresh_site

    refresh_site(tx, account_id, site_id)
    site_renamed(tx, account_id, site_id)


# extensions ------------------------------------------------------------------------------
def _owner_key(owner: dict[str, Any]) -> str:
    return f"{owner['type']}:{owner['id']}"


def extension_taken(extension_number: int) -> ZoomError:
    return documented_by("createASharedLineGroup", 400, "is already used", extensionNumber=extension_number)


def claim_extension(tx: Tx, account_id: str, extension_number: int, owner: dict[str, Any]) -> None:
    """Hold an extension number for ``owner`` ({"type", "id"}); Zoom's 400 when someone else has it."""
    try:
        tx.claim(EXTENSION_KEY, str(int(extension_number)), _owner_key(owner), scope=account_id)
    except Conflict:
        raise extension_taken(extension_number) from None


def release_extension(tx: Tx, account_id: str, extension_number: int) -> None:
    tx.release(EXTENSION_KEY, str(int(extension_number)), scope=account_id)


def _owner(holder: str | None) -> dict[str, Any] | None:
    if holder is None:
        return None
    kind, _, owner_id = holder.partition(":")
    return {"type": kind, "id": owner_id}


def owner_of_extension(tx: Tx, account_id: str, extension_number: int) -> dict[str, Any] | None:
    return _owner(tx.holder(EXTENSION_KEY, str(int(extension_number)), scope=account_id))


def change_extension(tx: Tx, account_id: str, old: int | None, new: int, owner: dict[str, Any]) -> None:
    """Move an owner from one extension number to another (claim first: a conflict changes nothing)."""
    if old is not None and int(old) == int(new):
        return
    claim_extension(tx, account_id, new, owner)
    if old is not None:
        release_extension(tx, account_id, old)


def register_extension_id(tx: Tx, extension_id: str, owner: dict[str, Any]) -> None:
    """Remember which owner an extension id stands for (user, common area, queue, ...)."""
    tx.claim(EXTENSION_ID_KEY, extension_id, _owner_key(owner))


def owner_of_extension_id(tx: Tx, extension_id: str) -> dict[str, Any] | None:
    return _owner(tx.holder(EXTENSION_ID_KEY, extension_id))


def forget_extension_id(tx: Tx, extension_id: str) -> None:
    tx.release(EXTENSION_ID_KEY, extension_id)


def extension_owner_doc(tx: Tx, extension_id: str) -> tuple[str, Doc] | None:
    """The user or common area an extension id stands for, as (Zoom type, doc)."""
    owner = owner_of_extension_id(tx, extension_id)
    collection = {"user": PHONE_USERS, "commonArea": COMMON_AREAS}.get(owner["type"]) if owner else None
    doc = collection.get(tx, owner["id"]) if collection and owner else None
    return (owner["type"], doc) if owner and doc else None


# what a document shows of its numbers -------------------------------------------------------
def number_refs(tx: Tx, owner_type: str, owner_id: str, *, source: bool = False) -> list[Doc]:
    """An owner's numbers as Phone lists them; with ``source``, Phone's internal/external (the
    numbers model keeps Number Management's words: Zoom, BYOC...)."""
    from zemu.services.numbers.model import numbers_of  # the numbers model builds on this one

    out = []
    for number in numbers_of(tx, owner_type, owner_id):
        item = {"id": number["id"], "number": number["number"]}
        if source:
            item["source"] = "internal" if number.get("source") in (None, "", "Zoom", "internal") else "external"
        out.append(item)
    return out


Holder = tuple[str, Collection, Callable[[Tx, Doc], None]]


def numbers_changed(tx: Tx, number: Doc) -> None:
    """A number changed hands (the numbers model calls this): its old owner, found by the number's
    id, and its new one show their numbers anew."""
    from zemu.services.phone_routing.model import HOLDERS  # routing builds on this model

    account = number.get("account_id") or ""
    owner = number.get("assignee") or {}
    for owner_type, collection, save in (*NUMBER_HOLDERS, *HOLDERS):
        holders = {doc["id"]: doc for doc in collection.each(tx, account, {"number": number["id"]})}
        found = collection.get(tx, owner.get("id")) if owner.get("type") == owner_type else None
        if found is not None:
            holders[found["id"]] = found
        for doc in holders.values():
            save(tx, doc)


# phone users -----------------------------------------------------------------------------
def get_phone_user(tx: Tx, user_id: str) -> Doc | None:
    return PHONE_USERS.get(tx, user_id)


def list_phone_users(tx: Tx, account_id: str) -> list[Doc]:
    return list(PHONE_USERS.each(tx, account_id))


def save_phone_user(tx: Tx, phone_user: Doc) -> None:
    """Save a phone user with what it shows of its site and numbers; its desk phones follow."""
    site = get_site(tx, phone_user.get("site_id") or "")
    phone_user["site"] = {"id": site["id"], "name": site["name"]} if site else dict(NO_SITE)
    phone_user["site_address"] = site.get("default_emergency_address", {}) if site else {}
    phone_user["phone_numbers"] = number_refs(tx, "user", phone_user["id"])
    PHONE_USERS.save(tx, phone_user)
    refresh_desk_phones(tx, phone_user["account_id"], phone_user["extension_id"])


def delete_phone_user(tx: Tx, phone_user: Doc) -> None:
    PHONE_USERS.delete(tx, phone_user)


# common areas ----------------------------------------------------------------------------
def get_common_area(tx: Tx, common_area_id: str) -> Doc | None:
    return COMMON_AREAS.get(tx, common_area_id)


def list_common_areas(tx: Tx, account_id: str) -> list[Doc]:
    return list(COMMON_AREAS.each(tx, account_id))


def save_common_area(tx: Tx, area: Doc) -> None:
    """Save a common area with its site, numbers and desk phones; its desk phones show the change."""
    _fill_area(tx, area)
    COMMON_AREAS.save(tx, area)
    refresh_desk_phones(tx, area["account_id"], area["extension_id"])


def _fill_area(tx: Tx, area: Doc) -> None:
    area["site"] = site_ref(tx, area.get("site_id"))
    area["phone_numbers"] = number_refs(tx, "commonArea", area["id"], source=True)
    area["desk_phones"] = [device_brief(d) for d in devices_of(tx, area["account_id"], area["extension_id"])]


# devices ---------------------------------------------------------------------------------
def get_device(tx: Tx, device_id: str) -> Doc | None:
    return DEVICES.get(tx, device_id)


def list_devices(tx: Tx, account_id: str) -> list[Doc]:
    return list(DEVICES.each(tx, account_id))


def devices_of(tx: Tx, account_id: str, extension_id: str) -> list[Doc]:
    """The desk phones an extension is assigned to."""
    return list(DEVICES.each(tx, account_id, {"extension": extension_id}))


def device_brief(device: Doc) -> Doc:
    """The device as a user's or common area's settings list it."""
    return {
        "device_type": device["device_type"],
        "display_name": device["display_name"],
        "id": device["id"],
        "policy": _device_policy(),
        "status": device["status"],
        "mac_address": device["mac_address"],
        "private_ip": device.get("private_ip", ""),
        "public_ip": device.get("public_ip", ""),
    }


def save_device(tx: Tx, device: Doc) -> None:
    """Save a device with its assignees and site as they are now (a device sits at its first
    assignee's site); the common areas it was or is assigned to show it anew."""
    before = {p["id"] for p in device.get("assignees", []) if p["extension_type"] == "commonArea"}
    _fill_device(tx, device)
    DEVICES.save(tx, device)
    after = {p["id"] for p in device["assignees"] if p["extension_type"] == "commonArea"}
    _refresh_areas(tx, before | after)


def delete_device(tx: Tx, device: Doc) -> None:
    DEVICES.delete(tx, device)
    _refresh_areas(tx, {p["id"] for p in device.get("assignees", []) if p["extension_type"] == "commonArea"})


def _refresh_areas(tx: Tx, area_ids: set[str]) -> None:
    for area_id in sorted(area_ids):
        area = get_common_area(tx, area_id)
        if area is not None:
            _fill_area(tx, area)
            COMMON_AREAS.save(tx, area)


def _fill_device(tx: Tx, device: Doc) -> None:
    people, owners = [], []
    for extension_id in device.get("assignee_extension_ids", []):
        found = extension_owner_doc(tx, extension_id)
        if found is not None:
            kind, doc = found
            owners.append(doc)
            people.append(
                {
                    "extension_number": doc["extension_number"],
                    "id": doc["id"],
                    "name": doc["name"],
                    "extension_type": kind,
                    "extension_id": extension_id,
                }
            )
    device["assignees"] = people
    device["site"] = (
        dict(owners[0]["site"])
        if owners and owners[0].get("site")
        else site_ref(tx, owners[0]["site_id"] if owners else device.get("site_id"))
    )


def refresh_desk_phones(tx: Tx, account_id: str, extension_id: str) -> None:
    """An assignee changed (name, extension, site): the desk phones it is assigned to show it."""
    for device in devices_of(tx, account_id, extension_id):
        _fill_device(tx, device)
        DEVICES.save(tx, device)


# shared line groups ----------------------------------------------------------------------
def get_shared_line_group(tx: Tx, group_id: str) -> Doc | None:
    return SHARED_LINE_GROUPS.get(tx, group_id)


def save_shared_line_group(tx: Tx, group: Doc) -> None:
    group["site"] = site_ref(tx, group.get("site_id"))
    group["phone_numbers"] = number_refs(tx, "sharedLineGroup", group["id"])
    SHARED_LINE_GROUPS.save(tx, group)


NUMBER_HOLDERS: tuple[Holder, ...] = (
    ("user", PHONE_USERS, save_phone_user),
    ("commonArea", COMMON_AREAS, save_common_area),
    ("sharedLineGroup", SHARED_LINE_GROUPS, save_shared_line_group),
)
