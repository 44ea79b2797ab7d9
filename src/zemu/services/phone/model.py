"""The shared Zoom Phone data model: sites, phone users, common areas, devices and extensions.

Other phone packages (numbers, routing, history) import these functions rather than reading the
documents themselves, so the shapes below are a contract:

    phone_site    id = site id,  account_id = parent = account, sort = lower-case name
                  {id, account_id, name, site_code, main_site, country{code,name}, short_extension{length},
                   main_auto_receptionist{id,name,extension_id,extension_number}, ...}
    phone_user    id = the zemu user's id, account_id = parent = account, sort = lower-case email
                  {id, account_id, email, name, extension_id, extension_number (int), site_id,
                   calling_plans [{type, name}], status ("activate"|"deactivate"|"pending"),
                   department, cost_center, phone_user_id, ...}
    common_area   id = common area id, account_id = parent = account, sort = lower-case name
                  {id, account_id, name, extension_id, extension_number (int), site_id, status, ...}
    device        id = device id, account_id = parent = account, sort = lower-case display name

Extension numbers are unique per account: store uniques of kind ``extension`` scoped by the
account id, whose owner is ``"{type}:{id}"`` (Zoom's extension types: ``user``, ``commonArea``,
``callQueue``, ``autoReceptionist``, ``sharedLineGroup``, ...). Extension ids (Zoom's ``extension_id``)
map to their owner through ``register_extension_id`` / ``owner_of_extension_id``.

Each site carries ``main_auto_receptionist`` ``{id, name, extension_id, extension_number}``: the
phone package claims its extension when it creates the site; the routing package builds the
auto receptionist's own document from that reference.

When a site is deleted with ``transfer_site_id``, the phone package moves its own documents and
then calls ``move_site(tx, old_site_id, new_site_id)`` of ``zemu.services.numbers.model`` and
``zemu.services.phone_routing.model`` when they define it.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
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


# sites -----------------------------------------------------------------------------------
def get_site(tx: Tx, site_id: str) -> Doc | None:
    return tx.get(SITE, site_id) if site_id else None


def list_sites(tx: Tx, account_id: str) -> list[Doc]:
    """Every site of the account, in name order (accounts have a handful of sites)."""
    return [row.body for row in tx.list(SITE, parent=account_id, limit=10_000)]


def main_site(tx: Tx, account_id: str) -> Doc:
    """The account's main site: the one flagged ``main_site``, else the oldest."""
    sites = list_sites(tx, account_id)
    if not sites:
        raise ZoomError(404, "Site does not exist.", 404)
    flagged = [site for site in sites if site.get("main_site")]
    return flagged[0] if flagged else min(sites, key=lambda site: site.get("created_at", ""))


def save_site(tx: Tx, site: Doc) -> None:
    account = site["account_id"]
    tx.put(SITE, site["id"], site, account_id=account, parent=account, sort=site["name"].lower())


# extensions ------------------------------------------------------------------------------
def _owner_key(owner: dict[str, Any]) -> str:
    return f"{owner['type']}:{owner['id']}"


def extension_taken(extension_number: int) -> ZoomError:
    return ZoomError(400, f"Extension number {extension_number} is already used.", 400)


def claim_extension(tx: Tx, account_id: str, extension_number: int, owner: dict[str, Any]) -> None:
    """Hold an extension number for ``owner`` ({"type", "id"}); Zoom's 400 when someone else has it."""
    try:
        tx.claim(EXTENSION_KEY, str(int(extension_number)), _owner_key(owner), scope=account_id)
    except Conflict:
        raise extension_taken(extension_number) from None


def release_extension(tx: Tx, account_id: str, extension_number: int) -> None:
    tx.release(EXTENSION_KEY, str(int(extension_number)), scope=account_id)


def owner_of_extension(tx: Tx, account_id: str, extension_number: int) -> dict[str, Any] | None:
    holder = tx.holder(EXTENSION_KEY, str(int(extension_number)), scope=account_id)
    if holder is None:
        return None
    kind, _, owner_id = holder.partition(":")
    return {"type": kind, "id": owner_id}


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
    holder = tx.holder(EXTENSION_ID_KEY, extension_id)
    if holder is None:
        return None
    kind, _, owner_id = holder.partition(":")
    return {"type": kind, "id": owner_id}


def forget_extension_id(tx: Tx, extension_id: str) -> None:
    tx.release(EXTENSION_ID_KEY, extension_id)


# phone users -----------------------------------------------------------------------------
def get_phone_user(tx: Tx, user_id: str) -> Doc | None:
    return tx.get(PHONE_USER, user_id) if user_id else None


def list_phone_users(tx: Tx, account_id: str) -> list[Doc]:
    return [row.body for row in tx.list(PHONE_USER, parent=account_id, limit=100_000)]


def save_phone_user(tx: Tx, phone_user: Doc, *, view: Doc | None = None) -> None:
    account = phone_user["account_id"]
    tx.put(PHONE_USER, phone_user["id"], phone_user, account_id=account, parent=account,
           sort=phone_user["email"].lower(), view=view)


# common areas ----------------------------------------------------------------------------
def get_common_area(tx: Tx, common_area_id: str) -> Doc | None:
    return tx.get(COMMON_AREA, common_area_id) if common_area_id else None


def list_common_areas(tx: Tx, account_id: str) -> list[Doc]:
    return [row.body for row in tx.list(COMMON_AREA, parent=account_id, limit=100_000)]


def save_common_area(tx: Tx, area: Doc, *, view: Doc | None = None) -> None:
    account = area["account_id"]
    tx.put(COMMON_AREA, area["id"], area, account_id=account, parent=account, sort=area["name"].lower(),
           view=view)


# devices ---------------------------------------------------------------------------------
def get_device(tx: Tx, device_id: str) -> Doc | None:
    return tx.get(DEVICE, device_id) if device_id else None


def list_devices(tx: Tx, account_id: str) -> list[Doc]:
    return [row.body for row in tx.list(DEVICE, parent=account_id, limit=100_000)]


def save_device(tx: Tx, device: Doc) -> None:
    account = device["account_id"]
    tx.put(DEVICE, device["id"], device, account_id=account, parent=account,
           sort=device["display_name"].lower())


# shared line groups ----------------------------------------------------------------------
def get_shared_line_group(tx: Tx, group_id: str) -> Doc | None:
    return tx.get(SHARED_LINE_GROUP, group_id) if group_id else None


def save_shared_line_group(tx: Tx, group: Doc) -> None:
    account = group["account_id"]
    tx.put(SHARED_LINE_GROUP, group["id"], group, account_id=account, parent=account,
           sort=group["display_name"].lower())
