"""The account's TSP (telephony service provider) settings: one document per account.

Defaults come from the ``GET /tsp`` response schema; a PATCH stores what it sent.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from zemu.catalog import load_catalog
from zemu.services.accounts.defaults import defaults
from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.store import Tx

KIND = "tsp_account"


@cache
def _defaults() -> dict[str, Any]:
    return defaults(load_catalog().by_operation_id["tsp"][0].response_schema or {}) or {}


def tsp_settings(tx: Tx, account_id: str) -> dict[str, Any]:
    return {**_defaults(), **get_part(tx, KIND, account_id)}


def save_tsp_settings(tx: Tx, account_id: str, changes: dict[str, Any]) -> None:
    put_part(tx, KIND, account_id, {**get_part(tx, KIND, account_id), **changes})


def tsp_enabled(tx: Tx, account_id: str) -> bool:
    settings = tsp_settings(tx, account_id)
    return bool(settings.get("tsp_enabled") and settings.get("enable"))


def get_tsp(ctx: Context) -> dict[str, Any]:
    return tsp_settings(ctx.tx, ctx.account_id)


def update_tsp(ctx: Context) -> None:
    save_tsp_settings(ctx.tx, ctx.account_id, dict(ctx.body or {}))
