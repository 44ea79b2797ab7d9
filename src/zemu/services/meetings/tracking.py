"""Tracking fields: the account's labels that meetings and webinars carry (``tracking_fields``).

tracking_field   id = uid, scope = account, sort = lower-case field name, unique name
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.resource import Collection, Doc, Unique

FIELDS = ("field", "recommended_values", "required", "visible")
TAKEN = ZoomError(200, "Tracking field already exists.", 400)
TRACKING_FIELDS = Collection(
    "tracking_field",
    sort=lambda d: str(d["field"]).lower(),
    uniques=(Unique("field", lambda d: d["field"], TAKEN, scope=lambda d: d["account_id"]),),
)


def _public(doc: Doc) -> Doc:
    return {"id": doc["id"], **{k: doc[k] for k in FIELDS if k in doc}}


def _require(ctx: Context) -> Doc:
    ref = str(ctx.path["fieldId"])
    return TRACKING_FIELDS.require(ctx, ref, ctx.fail(5110, "", fieldId=ref))


def _save(ctx: Context, doc: Doc) -> None:
    try:
        TRACKING_FIELDS.save(ctx.tx, doc)
    except ZoomError as error:
        if error is TAKEN:
            raise ctx.fail(200, "already exists", field=doc["field"]) from None
        raise


def list_fields(ctx: Context) -> Doc:
    rows = [_public(d) for d in TRACKING_FIELDS.each(ctx.tx, ctx.account_id)]
    return {"total_records": len(rows), "tracking_fields": rows}


def create_field(ctx: Context) -> Doc:
    body = ctx.body or {}
    doc: Doc = {
        "id": ctx.ids.uid(),
        "account_id": ctx.account_id,
        "field": str(body.get("field") or ""),
        "required": bool(body.get("required", False)),
        "visible": bool(body.get("visible", True)),
        "recommended_values": list(body.get("recommended_values") or []),
    }
    if not doc["field"]:
        raise ZoomError(300, "Field name is required.", 400)
    _save(ctx, doc)
    return _public(doc)


def get_field(ctx: Context) -> Doc:
    return _public(_require(ctx))


def update_field(ctx: Context) -> None:
    doc = _require(ctx)
    doc.update({k: v for k, v in (ctx.body or {}).items() if k in FIELDS and v is not None})
    _save(ctx, doc)


def delete_field(ctx: Context) -> None:
    TRACKING_FIELDS.delete(ctx.tx, _require(ctx))


def resolve_fields(ctx: Context, given: list[Any]) -> list[Doc]:
    """A meeting's tracking fields: each named field with its value, visible as the account's
    definition says (a field the account does not define is kept, visible)."""
    out: list[Doc] = []
    for item in given:
        if not isinstance(item, dict) or not item.get("field"):
            continue
        known = TRACKING_FIELDS.find(ctx.tx, "field", item["field"], scope=ctx.account_id)
        out.append(
            {
                "field": str(item["field"]),
                "value": str(item.get("value") or ""),
                "visible": bool(known["visible"]) if known else True,
            }
        )
    return out
