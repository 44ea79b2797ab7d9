"""Call queues themselves: list, get, create, update, delete."""

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
    queue_policy_defaults,
    target_queue,
)
from zemu.services.phone_routing.members import add_members, members_view

Doc = dict[str, Any]
QUEUE_LEADING_DIGIT = 8  # auto-assigned queue extensions start with 8 (801, 8001, ...)
# the fields a PATCH copies as given (site and extension need checks of their own)
PLAIN_FIELDS = (
    "name",
    "cost_center",
    "department",
    "status",
    "timezone",
    "audio_prompt_language",
    "default_transcription_language",
    "recording_storage_location",
)
DETAIL_FIELDS = (
    "timezone",
    "audio_prompt_language",
    "default_transcription_language",
    "recording_storage_location",
    "own_storage_name",
)


def list_call_queues(ctx: Context) -> Doc:
    where = {key: ctx.query.get(key) for key in ("site_id", "cost_center", "department")}
    page = model.QUEUES.page(ctx, where=where)
    return {"call_queues": page.items, **page.fields()}


def detail(queue: Doc) -> Doc:
    policy = queue.get("policy", {})
    out: Doc = {
        "cost_center": queue.get("cost_center", ""),
        "department": queue.get("department", ""),
        "extension_id": queue["extension_id"],
        "extension_number": queue["extension_number"],
        "id": queue["id"],
        "members": members_view(queue),
        "name": queue["name"],
        "phone_numbers": queue["phone_numbers"],
        "site": queue["site"],
        "status": queue["status"],
        "policy": {"voicemail_access_members": policy.get("voicemail_access_members", [])},
    }
    out.update({key: queue[key] for key in DETAIL_FIELDS if queue.get(key)})
    return out


def get_call_queue(ctx: Context) -> Doc:
    return detail(target_queue(ctx))


def create_call_queue(ctx: Context) -> Doc:
    body = ctx.body or {}
    site = account_site(ctx, body["site_id"])
    extension = body.get("extension_number")
    if extension is None:
        extension = next_extension(ctx.tx, ctx.account_id, site, QUEUE_LEADING_DIGIT)
    check_extension(ctx, site, int(extension))
    queue = model.create_call_queue(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        name=body["name"],
        site_id=site["id"],
        extension_number=int(extension),
        policy=queue_policy_defaults(),
        cost_center=body.get("cost_center", ""),
        department=body.get("department", ""),
    )
    add_members(ctx, queue, body.get("members") or {})
    return {
        "extension_number": queue["extension_number"],
        "id": queue["id"],
        "name": queue["name"],
        "status": queue["status"],
    }


def update_call_queue(ctx: Context) -> None:
    queue = target_queue(ctx)
    body = ctx.body or {}
    if "name" in body and not str(body["name"] or "").strip():
        raise op_error(ctx, r"^validation failed\.$", fallback=(400, 300, "Validation Failed."))
    site = account_site(ctx, body["site_id"]) if body.get("site_id") else phone.get_site(ctx.tx, queue["site_id"])
    if "extension_number" in body:
        new = int(body["extension_number"])
        check_extension(ctx, site or {}, new)
        phone.change_extension(
            ctx.tx, ctx.account_id, queue["extension_number"], new, {"type": model.QUEUE_TYPE, "id": queue["id"]}
        )
        queue["extension_number"] = new
    if body.get("site_id"):
        queue["site_id"] = body["site_id"]
    queue.update({key: body[key] for key in PLAIN_FIELDS if key in body and body[key] is not None})
    model.save_call_queue(ctx.tx, queue)


def delete_call_queue(ctx: Context) -> None:
    model.delete_call_queue(ctx.tx, target_queue(ctx))
