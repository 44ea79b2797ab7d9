"""Account settings and locked settings: full default trees from the schemas, plus what was set.

Only what a client changed is stored, per view: the main tree (``""``) and the views that the
``option`` query selects (``meeting_authentication``, ``recording_authentication``,
``meeting_security``). A read deep-merges the stored changes over the view's defaults, so a PATCH
changes exactly what it sent and nothing else.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from zemu.catalog import load_catalog
from zemu.services.accounts.access import operator, paid_account
from zemu.services.accounts.defaults import branches, defaults
from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context

SETTINGS = ("account_settings", "accountSettings", "account.settings_updated")
LOCKS = ("account_lock_settings", "getAccountLockSettings", "account.lock_settings_updated")


@cache
def views(read_op: str) -> dict[str, dict[str, Any]]:
    """Each view's schema, keyed by its ``option`` name; the main tree under ``""``."""
    main, *others = branches(load_catalog().by_operation_id[read_op][0].response_schema or {})
    views = {"": main}
    for branch in others:
        for name in branch.get("properties", {}):
            views.setdefault(name, branch)
    return views


@cache
def _defaults(read_op: str, view: str) -> dict[str, Any]:
    return defaults(views(read_op)[view]) or {}


def view_defaults(read_op: str, view: str) -> dict[str, Any]:
    """A fresh copy of a view's default tree (the cached one is shared)."""
    return copy.deepcopy(_defaults(read_op, view))


def view_name(read_op: str, option: str | None) -> str:
    """The stored view an ``option`` selects; an option naming a part of the main tree reads it."""
    if not option or option in views(read_op)[""].get("properties", {}):
        return ""
    return option if option in views(read_op) else ""


def deep_merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def current(ctx: Context, family: tuple[str, str, str], account_id: str, view: str) -> dict[str, Any]:
    kind, read_op, _ = family
    stored = get_part(ctx.tx, kind, account_id).get(view, {})
    return deep_merge(_defaults(read_op, view), stored)


def _read(ctx: Context, family: tuple[str, str, str]) -> dict[str, Any]:
    account = paid_account(ctx)
    option = ctx.query.get("option")
    tree = current(ctx, family, account["id"], view_name(family[1], option))
    if option and option in tree and view_name(family[1], option) == "":
        tree = {option: tree[option]}
    fields = [f.strip() for f in (ctx.query.get("custom_query_fields") or "").split(",") if f.strip()]
    return only_fields(tree, set(fields)) if fields else tree


def only_fields(tree: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """The branches of ``tree`` that lead to a key in ``names``, as Zoom's custom_query_fields does."""
    out: dict[str, Any] = {}
    for key, value in tree.items():
        if key in names:
            out[key] = value
        elif isinstance(value, dict) and (inner := only_fields(value, names)):
            out[key] = inner
    return out


def _write(ctx: Context, family: tuple[str, str, str]) -> None:
    kind, read_op, event = family
    account = paid_account(ctx, "Only available for paid accounts.")
    view = view_name(read_op, ctx.query.get("option"))
    before = current(ctx, family, account["id"], view)
    changes = documented(authentication_option(ctx, before, dict(ctx.body or {})), views(read_op)[view])
    stored = get_part(ctx.tx, kind, account["id"])
    stored[view] = deep_merge(stored.get(view, {}), changes)
    put_part(ctx.tx, kind, account["id"], stored)
    changed, previous = diff(deep_merge(before, changes), before)
    if changed and view == "":
        ctx.emit(
            event,
            {
                **operator(ctx),
                "object": {"id": account["id"], "settings": changed},
                "old_object": {"id": account["id"], "settings": previous},
            },
        )


JSON_TYPES: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "integer": (int,),
    "number": (int, float),
}


def documented(changes: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The changes that the read tree documents, of the type it reads them as. Zoom's update
    documents sometimes disagree with its read documents (the locked ``encryption_type`` is a
    string enum to PATCH and a boolean to GET): what the read tree cannot hold is ignored."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return changes  # an open branch: the read tree declares nothing to check against
    kept: dict[str, Any] = {}
    for key, value in changes.items():
        declared = properties.get(key)
        if not isinstance(declared, dict):
            continue
        expected = JSON_TYPES.get(declared.get("type", ""), ())
        if expected and (not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected)):
            continue
        kept[key] = documented(value, declared) if isinstance(value, dict) else value
    return kept


def authentication_option(ctx: Context, before: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """``authentication_option`` adds, updates or deletes one entry of ``authentication_options``
    (account, group and user settings alike)."""
    option = body.pop("authentication_option", None)
    if not isinstance(option, dict):
        return body
    entries = [dict(e) for e in before.get("authentication_options", [])]
    action = option.pop("action", "add")
    if action == "add":
        entries.append({"id": ctx.ids.uid(), "visible": True, "default_option": False, **option})
    elif action == "delete":
        entries = [e for e in entries if e.get("id") != option.get("id")]
    else:
        entries = [{**e, **option} if e.get("id") == option.get("id") else e for e in entries]
    return {**body, "authentication_options": entries}


def diff(after: dict[str, Any], before: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only what changed: the new values and the old ones, nested as in the tree."""
    new: dict[str, Any] = {}
    old: dict[str, Any] = {}
    for key, value in after.items():
        prior = before.get(key)
        if isinstance(value, dict) and isinstance(prior, dict):
            inner_new, inner_old = diff(value, prior)
            if inner_new:
                new[key], old[key] = inner_new, inner_old
        elif value != prior:
            new[key] = value
            if prior is not None:
                old[key] = prior
    return new, old


def get_settings(ctx: Context) -> dict[str, Any]:
    return _read(ctx, SETTINGS)


def update_settings(ctx: Context) -> None:
    _write(ctx, SETTINGS)


def get_lock_settings(ctx: Context) -> dict[str, Any]:
    return _read(ctx, LOCKS)


def update_lock_settings(ctx: Context) -> None:
    _write(ctx, LOCKS)
