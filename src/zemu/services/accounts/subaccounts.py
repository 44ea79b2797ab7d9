"""Sub-accounts of a master: list, create, get, disassociate, options, owner, moving users."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ValidationFailed, ZoomError
from zemu.services.accounts import plans
from zemu.services.accounts.access import master_account, operator, sub_account, target_account
from zemu.services.accounts.defaults import defaults
from zemu.services.accounts.model import ACCOUNTS, create_account, save_account, summary
from zemu.services.context import Context
from zemu.services.groups.model import forget_user
from zemu.services.users.model import find_user, save_user

PAY_MODE_LOCKED = "The pay mode cannot be updated for a sub account which already has an existing plan."
REPEATED = re.compile(r"(.)\1{5}")  # "aaaaaa": six of the same character in a row


@cache
def _default_options() -> dict[str, Any]:
    schema = load_catalog().by_operation_id["GetSubAccountDetails"][0].response_schema or {}
    return defaults(schema["properties"]["options"]) or {}


def list_accounts(ctx: Context) -> dict[str, Any]:
    """A master's sub-accounts in creation order (their saved list views), or the one an owner's
    email names."""
    master = master_account(ctx)
    email = str(ctx.query.get("email") or "").lower()
    page = ACCOUNTS.page(ctx, scope=master["id"], where={"owner_email": email})
    return {**page.fields(), "accounts": page.items}


def create(ctx: Context) -> dict[str, Any]:
    master = master_account(ctx)
    body = ctx.body
    _check_password(body["password"])
    options = {**_default_options(), **(body.get("options") or {})}
    name = body.get("account_name") or f"{body['first_name']} {body['last_name']}"
    account = create_account(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_name=name,
        owner_email=body["email"],
        first_name=body["first_name"],
        last_name=body["last_name"],
        master_id=master["id"],
        account_type="Free",
    )
    account["options"] = options
    save_account(ctx.tx, account)
    ctx.emit(
        "account.created",
        {
            **operator(ctx),
            "object": {"id": account["id"], "owner_id": account["owner_id"], "email": account["owner_email"]},
        },
    )
    return {key: account[key] for key in ("id", "owner_id", "owner_email", "created_at")}


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise ValidationFailed([{"field": "password", "message": "Invalid field."}])
    if REPEATED.search(password):
        raise ZoomError(1111, 'Password should not contain repeated characters such as "aaaaaa".', 400)


def get(ctx: Context) -> dict[str, Any]:
    """A sub-account's details; ``me`` reads the master's own."""
    account = target_account(ctx)
    return {
        **summary(account),
        "owner_id": account["owner_id"],
        "options": {**_default_options(), **account.get("options", {})},
    }


def disassociate(ctx: Context) -> None:
    account = sub_account(ctx)
    if plans.active_base(ctx.tx, account["id"]):
        raise ctx.fail(2000)
    # The sub-account stays intact as an account of its own; only the link to the master goes.
    account["master_account_id"] = None
    save_account(ctx.tx, account)
    ctx.emit(
        "account.disassociated",
        {
            **operator(ctx),
            "object": {"id": account["id"], "owner_id": account["owner_id"], "owner_email": account["owner_email"]},
        },
    )


def update_options(ctx: Context) -> None:
    account = sub_account(ctx)
    changes = dict(ctx.body)
    current = {**_default_options(), **account.get("options", {})}
    new_mode = changes.get("pay_mode", current["pay_mode"])
    if new_mode != current["pay_mode"] and plans.has_plan(ctx.tx, account["id"]):
        raise ZoomError(200, PAY_MODE_LOCKED, 400)
    account["options"] = {**current, **changes}
    save_account(ctx.tx, account)


def change_owner(ctx: Context) -> None:
    account = target_account(ctx)
    user = find_user(ctx.tx, ctx.body["email"])
    if user is None or user["account_id"] != account["id"]:
        raise ZoomError(200, "Cannot make a user outside of your account an owner.", 400)
    if user["id"] == account["owner_id"]:
        raise ZoomError(200, "Cannot update the role of an account owner.", 400)
    old = find_user(ctx.tx, account["owner_id"])
    if old is not None:
        old["role_name"] = "Admin"
        save_user(ctx.tx, old)
    user["role_name"] = "Owner"
    save_user(ctx.tx, user)
    account["owner_id"], account["owner_email"] = user["id"], user["email"]
    save_account(ctx.tx, account)


def switch_user_account(ctx: Context) -> None:
    """Move a user from the master or a sub-account to another sub-account of the same master."""
    source = target_account(ctx)
    master_account(ctx)
    user = find_user(ctx.tx, ctx.path["userId"])
    if user is None or user["account_id"] != source["id"]:
        raise ctx.fail(1001, userId=ctx.path["userId"])
    if user["id"] == source["owner_id"] or user.get("role_name") in ("Owner", "Admin"):
        raise ctx.fail(1117)
    destination = sub_account(ctx, ctx.body["account_id"])
    forget_user(ctx.tx, user)  # its groups belong to the account it leaves
    user.update(account_id=destination["id"], group_ids=[], admin_group_ids=[])
    user.pop("primary_group_id", None)
    save_user(ctx.tx, user)
