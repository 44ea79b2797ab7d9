"""Small helpers every phone module shares: site references, schema defaults and
the link to the numbers model (one truth for phone numbers, owned by the numbers package)."""

from __future__ import annotations

from functools import cache
from typing import Any

import orjson

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.accounts.defaults import branches, defaults
from zemu.services.context import Context
from zemu.services.numbers import model as numbers
from zemu.services.phone import model
from zemu.store import Tx

Doc = dict[str, Any]


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


@cache
def _defaults_json(operation_id: str, *path: str) -> bytes:
    return orjson.dumps(defaults(schema_of(operation_id, *path)))


def defaults_of(operation_id: str, *path: str) -> Any:
    """A fresh copy of the default document of a response sub-schema (the only source of big
    settings trees), built once per schema."""
    return orjson.loads(_defaults_json(operation_id, *path))


def with_defaults(overrides: Doc | None, operation_id: str, *path: str) -> Any:
    """A tree's defaults under its own values, for an answer: without values of its own, the
    default tree's bytes as they are (``orjson.Fragment``), so a detail read parses nothing."""
    if not overrides:
        return orjson.Fragment(_defaults_json(operation_id, *path))
    return deep_merge(defaults_of(operation_id, *path), overrides)


def deep_merge(target: Doc, patch: Doc) -> Doc:
    """Merge a PATCH body into a stored tree, object by object (``reset`` flags restore nothing
    more than the stored default, which the caller handles)."""
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            deep_merge(target[key], value)
        else:
            target[key] = value
    return target


def patch_policy(stored: Doc, patch: Doc, *, ignore: tuple[str, ...] = (), mark: Doc | None = None) -> Doc:
    """Merge a policy PATCH into the stored overrides block by block: a block sent with ``reset:
    true`` goes back to the inherited value (its override is dropped); ``ignore`` names fields not
    kept; ``mark`` goes into every changed block (a site marks its own ``modified``)."""
    for name, block in patch.items():
        if isinstance(block, dict) and block.get("reset"):
            stored.pop(name, None)
        elif isinstance(block, dict):
            kept = {k: v for k, v in block.items() if k not in ("reset", *ignore)}
            stored[name] = deep_merge(stored.get(name, {}), {**kept, **(mark or {})})
        else:
            stored[name] = block
    return stored


# sites -----------------------------------------------------------------------------------
def account_site(ctx: Context, site_id: str, error: ZoomError) -> Doc:
    return model.SITES.require(ctx, site_id, error)


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


def claim_new_extension(
    tx: Tx, ids: Ids, account_id: str, owner: dict[str, str], extension_number: int | None, first: int
) -> tuple[int, str]:
    """An extension for a new owner: the one asked for, or the first free from ``first``; answers
    its number and a new extension id, both registered to the owner."""
    number = extension_number if extension_number is not None else next_free_extension(tx, account_id, first)
    model.claim_extension(tx, account_id, int(number), owner)
    extension_id = ids.uid()
    model.register_extension_id(tx, extension_id, owner)
    return int(number), extension_id


# phone numbers, through the numbers package's model ----------------------------------------
def numbers_of(tx: Tx, owner_type: str, owner_id: str) -> list[Doc]:
    return numbers.numbers_of(tx, owner_type, owner_id)


def release_numbers(tx: Tx, owner_type: str, owner_id: str) -> None:
    numbers.release_owner(tx, owner_type, owner_id)


def numbers_model() -> Any:
    return numbers


def held_number(tx: Tx, owner_type: str, owner_id: str, ref: str) -> Doc | None:
    """One of an owner's numbers, by its id or its E.164 string."""
    return next((n for n in numbers_of(tx, owner_type, owner_id) if ref in (n["id"], n["number"])), None)
