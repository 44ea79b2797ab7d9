"""Fax logs: the account's, one extension's, one log's details, and the fax file download."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound
from zemu.services.context import Context, FileBody
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, owned
from zemu.services.phone_history.scan import DAY, DateRule, page

Doc = dict[str, Any]
RULE = DateRule(default_span=30 * DAY)
FILTERS = ("site_id", "sender_number", "receiver_number", "extension_type")


def _filters(ctx: Context) -> Doc:
    return {name: ctx.query[name] for name in FILTERS if ctx.query.get(name)}


def _answer(items: list[Any], fields: Doc) -> Doc:
    return {
        "next_page_token": fields["next_page_token"],
        "from": fields["from"],
        "to": fields["to"],
        "total_records": fields["total_records"],
        "fax_logs": items,
    }


def account_fax_logs(ctx: Context) -> Doc:
    items, fields = page(ctx, r.FAXES, ctx.account_id, RULE, where=_filters(ctx))
    return _answer(items, fields)


def extension_fax_logs(ctx: Context) -> Doc:
    # an extension of another account simply has no fax logs here: documents are filed per account
    items, fields = page(
        ctx, r.EXTENSION_FAXES, f"{ctx.account_id}/{ctx.path['extensionId']}", RULE, where=_filters(ctx)
    )
    return _answer(items, fields)


def _fax_log(ctx: Context) -> Doc:
    fax_log_id = ctx.path["faxLogId"]
    doc = owned(ctx, r.FAXES, fax_log_id)
    if doc is None:
        raise documented(ctx, "Fax log not found", NotFound(40401, "Fax log not found"), faxLogId=fax_log_id)
    return doc


def fax_log_details(ctx: Context) -> list[Doc]:
    return [_fax_log(ctx)["detail"]]  # Zoom answers a one-element array


def download_fax_file(ctx: Context) -> FileBody:
    doc = _fax_log(ctx)
    file_id = ctx.path["fileId"]
    stored = owned(ctx, r.FILES, file_id)
    if doc["view"].get("file_id") != file_id or stored is None:
        message = f"Fax file not found for fileId: {file_id}"
        raise documented(ctx, "Fax file not found", NotFound(40402, message), fileId=file_id)
    return r.file_body(stored)
