"""A user's life: created (pending or active), invitation accepted, activated ⇄ deactivated,
email and password changed, picture uploaded, and finally disassociated or deleted."""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ZoomError
from zemu.services.accounts.model import delete_part
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.groups.model import forget_user
from zemu.services.users import pictures
from zemu.services.users.access import account_id_of, emit_user_event, event_user, operator, target_user
from zemu.services.users.delegation import forget_assistant
from zemu.services.users.model import (
    claim_email,
    create_user,
    find_user,
    hash_password,
    invitation_expired,
    remove_user,
    save_user,
    user_missing,
)
from zemu.services.users.profile import emit_updated, valid_email
from zemu.services.users.settings import INVITATION_MISSING

# ``create`` invites by email: the user stays pending until they accept
ACTIVE_AT_ONCE = ("autoCreate", "custCreate", "ssoCreate")
PRIVILEGED = ("Owner", "Admin")


def create(ctx: Context) -> dict[str, Any]:
    info = dict((ctx.body or {}).get("user_info") or {})
    action = ctx.body["action"]
    if not info.get("email") or "type" not in info:
        raise ZoomError(300, "Validation Failed.", 400)
    valid_email(info["email"], "user_info.email")
    user = create_account_user(
        ctx,
        account_id_of(ctx),
        action=action,
        email=info["email"],
        first_name=info.get("first_name", ""),
        last_name=info.get("last_name", ""),
        user_type=info["type"],
        display_name=info.get("display_name"),
        password=info.get("password"),
    )
    return {key: user[key] for key in ("id", "first_name", "last_name", "email", "type")}


def create_account_user(
    ctx: Context,
    account_id: str,
    *,
    action: str,
    email: str,
    first_name: str,
    last_name: str,
    user_type: int = 2,
    display_name: str | None = None,
    password: str | None = None,
) -> dict[str, Any]:
    """What ``POST /users`` does, for the API and for triggers alike."""
    status = "active" if action in ACTIVE_AT_ONCE else "pending"
    user = create_user(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=account_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        user_type=user_type,
        status=status,
        display_name=display_name,
        creation_type=action,
        password=password,
    )
    obj = {**event_user(user), "display_name": user["display_name"]}
    ctx.emit("user.created", {**operator(ctx), "creation_type": action, "object": obj}, account_id=account_id)
    return user


def accept_invitation(ctx: Context, user: dict[str, Any]) -> dict[str, Any]:
    """The invited user follows the emailed link: pending becomes active."""
    if user["status"] != "pending" or invitation_expired(user, ctx.now):
        raise INVITATION_MISSING
    user["status"], user["verified"] = "active", 1
    save_user(ctx.tx, user)
    ctx.emit("user.invitation_accepted", {"object": event_user(user)}, account_id=user["account_id"])
    return user


def delete(ctx: Context) -> None:
    user = target_user(ctx)
    action = ctx.query.get("action") or "disassociate"
    transfer = ctx.query.get("transfer_email")
    if transfer:
        target = _check_transfer(ctx, user, transfer)
        _hand_over(ctx, user, target)
    remove_account_user(ctx, user, action)


def _check_transfer(ctx: Context, user: dict[str, Any], transfer: str) -> dict[str, Any]:
    if transfer.lower() == user["email"].lower():
        raise ctx.fail(300, "The transfer-to email address")
    target = find_user(ctx.tx, transfer)
    if target is None or target["account_id"] != user["account_id"]:
        raise user_missing(transfer)
    return target


def _hand_over(ctx: Context, user: dict[str, Any], target: dict[str, Any]) -> None:
    """``transfer_meeting=true`` and the like: those kinds pass to ``transfer_email``'s user."""
    from zemu.products import member_handed_over  # zemu.products imports this module

    what = frozenset(
        key.removeprefix("transfer_")
        for key, value in ctx.query.items()
        if key.startswith("transfer_") and key != "transfer_email" and value in (True, "true")
    )
    if what:
        member_handed_over(ctx.tx, user["account_id"], user["id"], target["id"], what)


def remove_account_user(ctx: Context, user: dict[str, Any], action: str) -> None:
    """Disassociate (the user keeps a Zoom identity outside the account) or delete for good.
    A pending user has only an invitation, which either action withdraws."""
    if user.get("role_name") == "Owner":
        raise documented(200, "Cannot delete a user out of your account.")
    if action == "disassociate" and user.get("role_name") == "Admin":
        raise documented(1117, "You can not disassociate an Admin user.")
    if user["status"] == "pending":
        action = "disassociate"
    from zemu.products import member_removed  # zemu.products imports this module

    forget_user(ctx.tx, user)
    _forget_delegations(ctx, user)
    member_removed(ctx.tx, user["account_id"], user["id"])
    remove_user(ctx.tx, user)
    event = "user.deleted" if action == "delete" else "user.disassociated"
    emit_user_event(ctx, event, user)


def _forget_delegations(ctx: Context, user: dict[str, Any]) -> None:
    forget_assistant(ctx, user)
    for kind in (pictures.KIND, "user_settings"):
        delete_part(ctx.tx, kind, user["id"])


def change_status(ctx: Context) -> None:
    user = target_user(ctx)
    action = ctx.body["action"]
    if action in ("clock_in", "clock_out"):
        return  # workforce-management time clock: no account status changes
    if user.get("role_name") in PRIVILEGED:
        raise ctx.fail(200)
    if invitation_expired(user, ctx.now):
        raise INVITATION_MISSING
    set_status(ctx, user, "active" if action == "activate" else "inactive")


def set_status(ctx: Context, user: dict[str, Any], status: str) -> bool:
    if user["status"] == status:
        return False
    user["status"] = status
    save_user(ctx.tx, user)
    emit_user_event(ctx, "user.activated" if status == "active" else "user.deactivated", user)
    return True


def change_email(ctx: Context) -> None:
    user = target_user(ctx)
    email = ctx.body["email"]
    valid_email(email)
    set_email(ctx, user, email)


def set_email(ctx: Context, user: dict[str, Any], email: str) -> None:
    if email == user["email"]:
        return
    before = dict(user)
    claim_email(ctx.tx, email, user["id"])
    user["email"] = email
    save_user(ctx.tx, user)
    emit_updated(ctx, before, user, fields=("email",))


def change_password(ctx: Context) -> None:
    user = target_user(ctx)
    password = ctx.body["password"]
    acting_on_other = user["id"] != ctx.user_id
    if acting_on_other and user.get("role_name") in PRIVILEGED:
        raise ctx.fail(1117)
    _check_password(password)
    digest = hash_password(password)
    if digest == user.get("password_hash"):
        raise ctx.fail(300, "Your new password")
    user["password_hash"] = digest
    save_user(ctx.tx, user)
    ctx.emit(
        "user.updated",
        {**operator(ctx), "operation": "change_password", "object": {"id": user["id"]}, "time_stamp": ctx.now_ms},
        account_id=user["account_id"],
    )


def _check_password(password: str) -> None:
    rules = (
        (len(password) >= 6, 1124),
        (re.search(r"[A-Za-z]", password), 1125),
        (re.search(r"\d", password), 1126),
        (len(set(password)) > 1, 1130),
    )
    for ok, code in rules:
        if not ok:
            raise documented(code)


def upload_picture(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    data = pictures.uploaded_file(ctx.body)
    before = {**user, "pic_url": pictures.picture_url(ctx, user) if user.get("pic_version") else None}
    pictures.store_picture(ctx, user, data)
    save_user(ctx.tx, user)
    after = {**user, "pic_url": pictures.picture_url(ctx, user)}
    emit_updated(ctx, before, after, fields=("pic_url",))
    return {}
