"""Small helpers every phone module shares: list windows, site references, schema defaults and
the link to the numbers model (one truth for phone numbers, owned by the numbers package)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.paging import Window
from zemu.services.accounts.defaults import branches, defaults
from zemu.services.context import Context
from zemu.services.numbers import model as numbers
from zemu.services.phone import model
from zemu.store import Tx

Doc = dict[str, Any]
Row = tuple[tuple[str, str], Any]


def window_of(rows: Iterable[Row], window: Window) -> list[Row]:
    """Apply a paging window to rows already in (sort, id) order, filtered in Python: the small
    phone lists (an account's users, devices, common areas) are read whole when a filter applies."""
    ordered = sorted(rows, key=lambda row: row[0])
    if window.after is not None:
        ordered = [row for row in ordered if row[0] > window.after]
    return ordered[window.offset:window.offset + window.limit]


def paged_list(ctx: Context, docs: Callable[[], list[Doc]], keep: Callable[[Doc], bool],
               sort_key: Callable[[Doc], str], shape: Callable[[Doc], Any]) -> Any:
    """Paginate the docs that ``keep`` accepts, shaped by ``shape`` (only the page is shaped)."""
    def fetch(filters: dict[str, Any], window: Window) -> list[Row]:
        rows = [((sort_key(doc), doc["id"]), doc) for doc in docs() if keep(doc)]
        return [(cursor, shape(doc)) for cursor, doc in window_of(rows, window)]

    return ctx.paginate(fetch, count=lambda _: sum(1 for doc in docs() if keep(doc)))


def body(ctx: Context) -> Doc:
    return ctx.body if isinstance(ctx.body, dict) else {}


# schema defaults -------------------------------------------------------------------------
@cache
def _schema(operation_id: str, part: str) -> dict[str, Any]:
    op = load_catalog().by_operation_id[operation_id][0]
    schema = op.response_schema if part == "response" else op.request_schema
    return schema or {}


def schema_of(operation_id: str, *path: str, part: str = "response") -> dict[str, Any]:
    """A sub-schema of an operation's response (or request), following property names."""
    schema = branches(_schema(operation_id, part))[0]
    for name in path:
        schema = branches(schema.get("properties", {}).get(name, {}))[0]
    return schema


def defaults_of(operation_id: str, *path: str) -> Any:
    """The default document of a response sub-schema: the only source of big settings trees."""
    return defaults(schema_of(operation_id, *path))


def deep_merge(target: Doc, patch: Doc) -> Doc:
    """Merge a PATCH body into a stored tree, object by object (``reset`` flags restore nothing
    more than the stored default, which the caller handles)."""
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            deep_merge(target[key], value)
        else:
            target[key] = value
    return target


# sites -----------------------------------------------------------------------------------
def site_ref(tx: Tx, site_id: str | None) -> Doc:
    site = model.get_site(tx, site_id or "")
    return {"id": site["id"], "name": site["name"]} if site else {"id": "", "name": ""}


def account_site(ctx: Context, site_id: str, error: ZoomError) -> Doc:
    site = model.get_site(ctx.tx, site_id)
    if site is None or site["account_id"] != ctx.account_id:
        raise error
    return site


def site_or_main(ctx: Context, site_id: str | None, error: ZoomError) -> Doc:
    if site_id:
        return account_site(ctx, site_id, error)
    return model.main_site(ctx.tx, ctx.account_id)


# extensions ------------------------------------------------------------------------------
def next_free_extension(tx: Tx, account_id: str, start: int) -> int:
    number = start
    while model.owner_of_extension(tx, account_id, number) is not None:
        number += 1
    return number


def claim_new_extension(tx: Tx, ids: Ids, account_id: str, owner: dict[str, str], extension_number: int | None,
                        first: int) -> tuple[int, str]:
    """An extension for a new owner: the one asked for, or the first free from ``first``; answers
    its number and a new extension id, both registered to the owner."""
    number = extension_number if extension_number is not None else next_free_extension(tx, account_id, first)
    model.claim_extension(tx, account_id, int(number), owner)
    extension_id = ids.uid()
    model.register_extension_id(tx, extension_id, owner)
    return int(number), extension_id


def extension_owner_doc(tx: Tx, extension_id: str) -> tuple[str, Doc] | None:
    """The user or common area an extension id stands for, as (Zoom type, doc)."""
    owner = model.owner_of_extension_id(tx, extension_id)
    if owner is None:
        return None
    kind = {"user": model.PHONE_USER, "commonArea": model.COMMON_AREA}.get(owner["type"])
    doc = tx.get(kind, owner["id"]) if kind else None
    return (owner["type"], doc) if doc else None


# phone numbers, through the numbers package's model ----------------------------------------
def numbers_of(tx: Tx, owner_type: str, owner_id: str) -> list[Doc]:
    return numbers.numbers_of(tx, owner_type, owner_id)


def release_numbers(tx: Tx, owner_type: str, owner_id: str) -> None:
    numbers.release_owner(tx, owner_type, owner_id)


def numbers_model() -> Any:
    return numbers


def number_refs(tx: Tx, owner_type: str, owner_id: str) -> list[Doc]:
    return [{"id": n["id"], "number": n["number"]} for n in numbers_of(tx, owner_type, owner_id)]
