"""Role handlers: list, get, create, update, delete, and role membership.

A user holds exactly one role, so adding a user to a role moves them out of their previous
one, and removing them from a role returns them to Member. Each such change is a ``role``
change of the user (``user.updated``).
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.roles import model
from zemu.services.users.access import account_id_of
from zemu.services.users.model import MEMBER_ROLE_ID, USERS, account_user, find_user, save_user, user_missing
from zemu.services.users.profile import emit_updated
from zemu.sim.clock import zulu

OWNER_ROLE_ID = "0"
NO_PERMISSION = documented(200, "No permission.", status=400)
OWNER_FIXED = ZoomError(200, "Cannot update the role of an account owner.", 400)


def summary(ctx: Context, role: dict[str, Any]) -> dict[str, Any]:
    total = USERS.count(ctx.tx, role["account_id"], {"role_id": role["id"]})  # one counter row
    return {
        "id": role["id"],
        "name": role["name"],
        "description": role.get("description", ""),
        "type": role.get("type", "common"),
        "total_members": total,
    }


def _target(ctx: Context) -> dict[str, Any]:
    return model.role_or_error(ctx.tx, account_id_of(ctx), str(ctx.path["roleId"]))


def list_roles(ctx: Context) -> dict[str, Any]:
    account_id = account_id_of(ctx)
    wanted = ctx.query.get("type") or "common"
    built_in = (model.get_role(ctx.tx, account_id, rid) for rid in model.SYSTEM_ROLES)
    roles = [r for r in built_in if r is not None and r.get("type", "common") == wanted]
    shown = [summary(ctx, r) for r in roles + model.custom_roles(ctx.tx, account_id, wanted)]
    return {"roles": shown, "total_records": len(shown)}


def get_role(ctx: Context) -> dict[str, Any]:
    role = _target(ctx)
    return {
        **summary(ctx, role),
        "privileges": list(role.get("privileges", [])),
        "sub_account_privileges": role.get("sub_account_privileges", {"second_level": 0}),
    }


def create_role(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    name = str(body.get("name") or "").strip()
    if not name:
        raise ValidationFailed([{"field": "name", "message": "Invalid field."}])
    role = model.create_role(
        ctx.tx,
        ctx.ids,
        account_id=account_id_of(ctx),
        name=name,
        description=body.get("description", ""),
        privileges=_privileges(body),
        role_type=body.get("type") or "common",
        created_at=zulu(ctx.now),
    )
    return {**summary(ctx, role), "privileges": role["privileges"]}


def _privileges(body: dict[str, Any]) -> list[str]:
    wanted = list(dict.fromkeys(body.get("privileges") or []))
    unknown = [p for p in wanted if p not in model.PRIVILEGES]
    if unknown:
        raise ValidationFailed([{"field": "privileges", "message": f"Invalid field: {unknown[0]}."}])
    return wanted


def update_role(ctx: Context) -> dict[str, Any]:
    """Zoom documents 200 with an empty object."""
    role = _target(ctx)
    if role["id"] == OWNER_ROLE_ID:
        raise NO_PERMISSION
    body = ctx.body or {}
    if body.get("name") and body["name"] != role["name"]:
        if role["id"] in model.SYSTEM_ROLES:
            raise NO_PERMISSION
        model.check_name(ctx.tx, role["account_id"], body["name"], role["id"])
        role["name"] = body["name"]
    if "privileges" in body:
        role["privileges"] = _privileges(body)
    for key in ("description", "sub_account_privileges"):
        if key in body:
            role[key] = body[key]
    model.save_role(ctx.tx, role)
    return {}


def delete_role(ctx: Context) -> None:
    role = _target(ctx)
    if role["id"] in model.SYSTEM_ROLES:
        raise NO_PERMISSION
    member_role = model.role_or_error(ctx.tx, role["account_id"], MEMBER_ROLE_ID)
    for user in USERS.each(ctx.tx, role["account_id"], {"role_id": role["id"]}):
        assign(ctx, user, member_role)  # its members fall back to Member
    model.delete_role(ctx.tx, role)


def list_members(ctx: Context) -> dict[str, Any]:
    role = _target(ctx)
    page = USERS.page(ctx, scope=role["account_id"], where={"role_id": role["id"]}, shape=_member)
    return {"members": page.items, **page.fields()}


def _member(u: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": u["id"],
        "email": u["email"],
        "first_name": u.get("first_name", ""),
        "last_name": u.get("last_name", ""),
        "type": u["type"],
        "department": u.get("dept", ""),
    }


def add_members(ctx: Context) -> dict[str, Any]:
    role = _target(ctx)
    if role["id"] == OWNER_ROLE_ID:
        raise OWNER_FIXED
    entries = (ctx.body or {}).get("members") or []
    if not entries:
        raise ValidationFailed([{"field": "members", "message": "Invalid field."}])
    users = [account_user(ctx.tx, role["account_id"], e.get("id") or e.get("email") or "") for e in entries]
    for user in users:
        assign(ctx, user, role)
    return {"ids": ",".join(u["id"] for u in users), "add_at": zulu(ctx.now)}


def assign(ctx: Context, user: dict[str, Any], role: dict[str, Any]) -> bool:
    """Give ``user`` the role ``role`` (their only one); False when they already hold it."""
    if user.get("role_name") == "Owner":
        raise OWNER_FIXED
    if user.get("role_id") == role["id"]:
        return False
    before = {**user, "role": user.get("role_name")}
    user["role_id"], user["role_name"] = role["id"], role["name"]
    save_user(ctx.tx, user)
    emit_updated(ctx, before, {**user, "role": role["name"]}, fields=("role",))
    return True


def delete_member(ctx: Context) -> None:
    role = _target(ctx)
    ref = str(ctx.path["memberId"])
    user = find_user(ctx.tx, ref)
    if user is None or user["account_id"] != role["account_id"] or user.get("role_id") != role["id"]:
        raise user_missing(ref)
    if role["id"] == MEMBER_ROLE_ID:
        return  # every user holds a role: Member is where removed users go
    assign(ctx, user, model.role_or_error(ctx.tx, role["account_id"], MEMBER_ROLE_ID))
