"""A user's TSP accounts (at most two, ids ``1`` and ``2``) and their TSP audio URL, both kept
on the user document (``tsp_accounts``), so they leave with the user."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.tsp.account import tsp_enabled
from zemu.services.users.access import operator, target_user
from zemu.services.users.model import invitation_expired, save_user
from zemu.services.users.settings_tree import event_schema, project

SLOTS = ("1", "2")
FIELDS = ("conference_code", "leader_pin", "tsp_bridge", "dial_in_numbers")


def _user(ctx: Context, disabled: str = "Account has not enabled TSP.") -> dict[str, Any]:
    user = target_user(ctx)
    if not tsp_enabled(ctx.tx, user["account_id"]):
        raise documented(2024, disabled)
    if invitation_expired(user, ctx.now):
        raise documented(1120, "No valid invitation")
    return user


def _rows(ctx: Context, user: dict[str, Any]) -> list[dict[str, Any]]:
    return list(user.get("tsp_accounts") or [])


def _one(ctx: Context, user: dict[str, Any], missing: str = "The TSP ID provided does not exist.") -> dict[str, Any]:
    tsp_id = str(ctx.path["tspId"])
    found = next((row for row in _rows(ctx, user) if row["id"] == tsp_id), None)
    if found is None:
        raise documented(300, missing)
    return found


def list_user_tsps(ctx: Context) -> dict[str, Any]:
    return {"tsp_accounts": _rows(ctx, _user(ctx))}


def get_user_tsp(ctx: Context) -> dict[str, Any]:
    return _one(ctx, _user(ctx))


def create_user_tsp(ctx: Context) -> dict[str, Any]:
    user = _user(ctx, "This account has not enabled TSP.")
    taken = {row["id"] for row in _rows(ctx, user)}
    free = [slot for slot in SLOTS if slot not in taken]
    if not free:
        raise documented(300, "You can add a maximum of two TSP configs.")
    row = {"id": free[0], **{k: ctx.body[k] for k in FIELDS if k in ctx.body}}
    _save(ctx, user, row)
    _emit(ctx, "user.tsp_created", user, row)
    return row


def update_user_tsp(ctx: Context) -> None:
    user = _user(ctx)
    row = _one(ctx, user)
    row.update({k: ctx.body[k] for k in FIELDS if k in ctx.body})
    _save(ctx, user, row)
    _emit(ctx, "user.tsp_updated", user, row)


def delete_user_tsp(ctx: Context) -> None:
    user = _user(ctx, "This account has not enabled TSP.")
    row = _one(ctx, user, "The provided TSP ID does not exist.")
    user["tsp_accounts"] = [r for r in _rows(ctx, user) if r["id"] != row["id"]]
    save_user(ctx.tx, user)
    _emit(ctx, "user.tsp_deleted", user, row)


def update_audio_url(ctx: Context) -> None:
    user = _user(ctx)
    user["tsp_audio_url"] = (ctx.body or {}).get("audio_url", "")
    save_user(ctx.tx, user)


def _save(ctx: Context, user: dict[str, Any], row: dict[str, Any]) -> None:
    others = [r for r in _rows(ctx, user) if r["id"] != row["id"]]
    user["tsp_accounts"] = sorted([*others, row], key=lambda r: str(r["id"]))
    save_user(ctx.tx, user)


def _emit(ctx: Context, event: str, user: dict[str, Any], row: dict[str, Any]) -> None:
    credentials = project({k: row[k] for k in FIELDS if k in row}, event_schema(event, "object", "tsp_credentials"))
    ctx.emit(
        event,
        {**operator(ctx), "object": {"id": user["id"], "email": user["email"], "tsp_credentials": credentials}},
        account_id=user["account_id"],
    )
