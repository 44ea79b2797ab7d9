"""What every numbers handler needs: the target account, in-memory paging, Zoom's batch errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import orjson

from zemu.errors import ZoomError
from zemu.paging import Window
from zemu.services.accounts.access import target_account
from zemu.services.context import Context
from zemu.services.numbers import model

Doc = dict[str, Any]
BATCH_LIMIT = 200


def account_id(ctx: Context) -> str:
    """The account acted on: the path's ``accountId`` on the master variant (the caller itself or
    one of its sub-accounts), else the token's account."""
    if "accountId" in ctx.path:
        return str(target_account(ctx)["id"])
    return ctx.account_id


def window(rows: Iterable[tuple[tuple[str, str], Any]], win: Window) -> list[tuple[tuple[str, str], Any]]:
    """Apply a paging window to rows already in (sort, id) order."""
    out = [row for row in rows if win.after is None or row[0] > win.after]
    return out[win.offset:win.offset + win.limit]


def page_docs(ctx: Context, select: Callable[[dict[str, Any]], list[Doc]], view: Callable[[Doc], Doc], *,
              sort: str = "id", filters: dict[str, Any] | None = None) -> tuple[list[Any], dict[str, Any]]:
    """Page a small document list chosen by ``select(filters)``; answer the items and the paging fields.
    The token carries the filters, so a later page selects again from them, not from the query."""
    def rows(chosen: dict[str, Any]) -> list[tuple[tuple[str, str], Doc]]:
        return sorted(((str(d.get(sort, "")), str(d["id"])), d) for d in select(chosen))

    def fetch(chosen: dict[str, Any], win: Window) -> list[tuple[tuple[str, str], Any]]:
        return [(key, view(doc)) for key, doc in window(rows(chosen), win)]

    page = ctx.paginate(fetch, filters=filters or {}, count=lambda chosen: len(select(chosen)))
    return page.items, page.fields()


def op_error(ctx: Context, code: int, fallback: str = "", status: int = 400) -> ZoomError:
    """Zoom's documented error of this operation with ``code`` (its own message and status)."""
    for spec in ctx.op.errors if ctx.op else ():
        if spec.code == code:
            return ZoomError(code, spec.message if not fallback else fallback, spec.http_status)
    return ZoomError(code, fallback, status)


def some_failed(failures: list[Doc]) -> ZoomError:
    """Code 1000: the batch is refused as a whole, naming each failed number and why."""
    listed = orjson.dumps([{"phoneNumber": f["phoneNumber"], "reason": f["reason"]} for f in failures]).decode()
    return ZoomError(1000, f"Some data failed.{listed}", 400)


def check_batch(items: list[Any] | None, limit: int = BATCH_LIMIT) -> list[Any]:
    if not items:
        raise ZoomError(1002, "Request data cannot be empty", 400)
    if len(items) > limit:
        raise ZoomError(1003, "Too many numbers, should less than 200", 400)
    return items


def number_in(ctx: Context, account: str, ref: str) -> Doc | None:
    """A number of ``account`` by id or E.164; other tenants' numbers do not exist here."""
    number = model.get_number(ctx.tx, ref)
    return number if number is not None and number["account_id"] == account else None


def site_of(ctx: Context, site_id: str | None) -> Doc | None:
    from zemu.services.phone.model import get_site
    return get_site(ctx.tx, site_id) if site_id else None
