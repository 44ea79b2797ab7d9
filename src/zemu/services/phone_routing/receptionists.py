"""Auto receptionists themselves: list, get, create, update, delete."""

from __future__ import annotations

from typing import Any

from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import (
    account_site,
    check_extension,
    next_extension,
    numbers_view,
    op_error,
    receptionist_policy_defaults,
    site_ref,
    target_receptionist,
    window_of,
)

Doc = dict[str, Any]
RECEPTIONIST_LEADING_DIGIT = 2  # auto-assigned receptionist extensions start with 2 (201, 2001, ...)
PLAIN_FIELDS = ("name", "cost_center", "department", "timezone", "audio_prompt_language",
                "default_transcription_language", "recording_storage_location")
OPTIONAL_FIELDS = ("timezone", "audio_prompt_language", "default_transcription_language",
                   "recording_storage_location", "own_storage_name")


def summary(tx: Any, receptionist: Doc) -> Doc:
    """What the list and the details share (the details carry no ``id``, as Zoom documents)."""
    out: Doc = {"cost_center": receptionist.get("cost_center", ""),
                "department": receptionist.get("department", ""),
                "extension_id": receptionist["extension_id"], "extension_number": receptionist["extension_number"],
                "name": receptionist["name"], "holiday_hours": receptionist.get("holiday_hours", []),
                "phone_numbers": numbers_view(tx, model.RECEPTIONIST_TYPE, receptionist["id"], source=False),
                "site": site_ref(tx, receptionist["site_id"])}
    out.update({key: receptionist[key] for key in OPTIONAL_FIELDS if receptionist.get(key)})
    return out


def list_auto_receptionists(ctx: Context) -> Doc:
    def rows() -> list[tuple[tuple[str, str], Doc]]:
        found = model.list_auto_receptionists(ctx.tx, ctx.account_id)
        return sorted((((r["name"].lower(), r["id"]), r) for r in found), key=lambda row: row[0])

    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        return window_of(rows(), window)

    page = ctx.paginate(fetch, count=lambda _: len(rows()))
    items = [{**summary(ctx.tx, r), "id": r["id"]} for r in page.items]
    return {"auto_receptionists": items, **page.fields()}


def get_auto_receptionist(ctx: Context) -> Doc:
    return summary(ctx.tx, target_receptionist(ctx))


def create_auto_receptionist(ctx: Context) -> Doc:
    body = ctx.body or {}
    name = str(body.get("name") or "").strip()
    if not name:
        raise op_error(ctx, r"^validation failed", fallback=(400, 300, "Validation Failed."))
    site = account_site(ctx, body.get("site_id"))
    extension = next_extension(ctx.tx, ctx.account_id, site, RECEPTIONIST_LEADING_DIGIT)
    receptionist = model.create_auto_receptionist(
        ctx.tx, ctx.ids, ctx.now, account_id=ctx.account_id, name=name, site_id=site["id"],
        extension_number=extension, policy=receptionist_policy_defaults())
    return {"extension_number": receptionist["extension_number"], "id": receptionist["id"], "name": name}


def update_auto_receptionist(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    body = ctx.body or {}
    if "name" in body and not str(body["name"] or "").strip():
        raise op_error(ctx, r"^validation failed", fallback=(400, 300, "Validation Failed."))
    if "extension_number" in body:
        new = int(body["extension_number"])
        check_extension(ctx, phone.get_site(ctx.tx, receptionist["site_id"]) or {}, new)
        phone.change_extension(ctx.tx, ctx.account_id, receptionist["extension_number"], new,
                               {"type": model.RECEPTIONIST_TYPE, "id": receptionist["id"]})
        receptionist["extension_number"] = new
    receptionist.update({key: body[key] for key in PLAIN_FIELDS if body.get(key) is not None})
    model.save_auto_receptionist(ctx.tx, receptionist)


def delete_auto_receptionist(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    if receptionist.get("main"):
        raise op_error(ctx, r"unable to delete main", fallback=(400, 400, "Unable to delete main Auto receptionist."))
    model.delete_auto_receptionist(ctx.tx, receptionist)
