"""Auto receptionists themselves: list, get, create, update, delete."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import (
    account_site,
    check_extension,
    next_extension,
    op_error,
    receptionist_policy_defaults,
    target_receptionist,
)

Doc = dict[str, Any]
RECEPTIONIST_LEADING_DIGIT = 2  # auto-assigned receptionist extensions start with 2 (201, 2001, ...)
PLAIN_FIELDS = (
    "name",
    "cost_center",
    "department",
    "timezone",
    "audio_prompt_language",
    "default_transcription_language",
    "recording_storage_location",
)


def list_auto_receptionists(ctx: Context) -> Doc:
    page = model.RECEPTIONISTS.page(ctx)
    return {"auto_receptionists": page.items, **page.fields()}


def get_auto_receptionist(ctx: Context) -> Doc:
    return model.receptionist_summary(target_receptionist(ctx))


def create_auto_receptionist(ctx: Context) -> Doc:
    body = ctx.body or {}
    name = str(body.get("name") or "").strip()
    if not name:
        raise op_error(ctx, r"^validation failed", fallback=(400, 300, "Validation Failed."))
    site = account_site(ctx, body.get("site_id"))
    extension = next_extension(ctx.tx, ctx.account_id, site, RECEPTIONIST_LEADING_DIGIT)
    receptionist = model.create_auto_receptionist(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        name=name,
        site_id=site["id"],
        extension_number=extension,
        policy=receptionist_policy_defaults(),
    )
    return {"extension_number": receptionist["extension_number"], "id": receptionist["id"], "name": name}


def update_auto_receptionist(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    body = ctx.body or {}
    if "name" in body and not str(body["name"] or "").strip():
        raise op_error(ctx, r"^validation failed", fallback=(400, 300, "Validation Failed."))
    if "extension_number" in body:
        new = int(body["extension_number"])
        check_extension(ctx, phone.get_site(ctx.tx, receptionist["site_id"]) or {}, new)
        phone.change_extension(
            ctx.tx,
            ctx.account_id,
            receptionist["extension_number"],
            new,
            {"type": model.RECEPTIONIST_TYPE, "id": receptionist["id"]},
        )
        receptionist["extension_number"] = new
    receptionist.update({key: body[key] for key in PLAIN_FIELDS if body.get(key) is not None})
    model.save_auto_receptionist(ctx.tx, receptionist)


def delete_auto_receptionist(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    if receptionist.get("main"):
        raise op_error(ctx, r"unable to delete main", fallback=(400, 400, "Unable to delete main Auto receptionist."))
    model.delete_auto_receptionist(ctx.tx, receptionist)
