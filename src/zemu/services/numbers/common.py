"""What every numbers handler needs: the target account, in-memory paging, Zoom's batch errors."""

from __future__ import annotations

from typing import Any

import orjson

from zemu.errors import ZoomError
from zemu.services.accounts.access import target_account
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.numbers import model

Doc = dict[str, Any]
BATCH_LIMIT = 200


def account_id(ctx: Context) -> str:
    """The account acted on: the path's ``accountId`` on the master variant (the caller itself or
    one of its sub-accounts), else the token's account."""
    if "accountId" in ctx.path:
        return str(target_account(ctx)["id"])
    return ctx.account_id


def some_failed(failures: list[Doc]) -> ZoomError:
    """Code 1000: the batch is refused as a whole, naming each failed number and why."""
    listed = orjson.dumps([{"phoneNumber": f["phoneNumber"], "reason": f["reason"]} for f in failures]).decode()
    return ZoomError(1000, f"Some data failed.{listed}", 400)


def check_batch(items: list[Any] | None, limit: int = BATCH_LIMIT) -> list[Any]:
    if not items:
        raise documented(1002, "Request data cannot be empty")
    if len(items) > limit:
        raise documented(1003)
    return items


def number_in(ctx: Context, account: str, ref: str) -> Doc | None:
    """A number of ``account`` by id or E.164; other tenants' numbers do not exist here."""
    number = model.get_number(ctx.tx, ref)
    return number if number is not None and number["account_id"] == account else None


def main_site_id(ctx: Context, account: str) -> str | None:
    """The account's main site (else its first): where a number allocated to Zoom Phone goes."""
    from zemu.services.phone.model import list_sites

    sites = list_sites(ctx.tx, account)
    main = [s for s in sites if s.get("main_site")] or sites
    return main[0]["id"] if main else None


def site_of(ctx: Context, site_id: str | None) -> Doc | None:
    from zemu.services.phone.model import get_site

    return get_site(ctx.tx, site_id) if site_id else None
