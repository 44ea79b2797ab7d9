"""The dial-by-name directory: which extensions of a site callers can reach by name.

Membership is a flag on the phone user (``in_directory``); lists and changes are per site.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import body

VALIDATION = ZoomError(300, "Validation Failed.", 400)


def _site_id(ctx: Context, *candidates: Any) -> str:
    site_id = next((str(c) for c in candidates if c), "")
    site = model.get_site(ctx.tx, site_id)
    if site is None or site["account_id"] != ctx.account_id:
        raise NotFound(404, f"Site does not exist: {site_id}.") if site_id else VALIDATION
    return site_id


def _item(user: dict[str, Any]) -> dict[str, Any]:
    return {
        "extension_id": user["extension_id"],
        "display_name": user["name"],
        "email": user["email"],
        "extension_number": str(user["extension_number"]),
        "site": user["site"],
    }


def _list(ctx: Context, site_id: str) -> dict[str, Any]:
    where = {"site_id": site_id, "in_directory": bool(ctx.query.get("in_directory", False))}
    page = model.PHONE_USERS.page(ctx, where=where, shape=_item, total=False)
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "result": page.items}


def _set(ctx: Context, site_id: str, extension_ids: list[str], value: bool) -> None:
    users = {u["extension_id"]: u for u in model.PHONE_USERS.each(ctx.tx, ctx.account_id, {"site_id": site_id})}
    chosen = extension_ids or ([] if value else list(users))
    if any(e not in users for e in chosen):
        raise VALIDATION
    for extension_id in chosen:
        user = users[extension_id]
        user["in_directory"] = value
        model.save_phone_user(ctx.tx, user)


def _ids(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [part for part in raw.split(",") if part]
    return [str(item) for item in raw or []]


def list_in_account(ctx: Context) -> dict[str, Any]:
    return _list(ctx, _site_id(ctx, ctx.query.get("site_id")))


def list_in_site(ctx: Context) -> dict[str, Any]:
    return _list(ctx, _site_id(ctx, ctx.path["siteId"]))


def add_in_account(ctx: Context) -> None:
    data = body(ctx)
    _set(ctx, _site_id(ctx, data.get("site_id")), _ids(data.get("extension_ids")), True)


def add_in_site(ctx: Context) -> None:
    data = body(ctx)
    _set(ctx, _site_id(ctx, ctx.path["siteId"]), _ids(data.get("extension_ids")), True)


def delete_in_account(ctx: Context) -> None:
    _set(ctx, _site_id(ctx, ctx.query.get("site_id")), _ids(ctx.query.get("extension_ids")), False)


def delete_in_site(ctx: Context) -> None:
    _set(ctx, _site_id(ctx, ctx.path["siteId"]), _ids(ctx.query.get("extension_ids")), False)
