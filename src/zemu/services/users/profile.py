"""Reading and editing a user's profile: get, list, update, and the existence checks."""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ValidationFailed
from zemu.services.accounts.model import get_account
from zemu.services.context import Context
from zemu.services.users.access import account_id_of, operator, target_user, webhook_type
from zemu.services.users.model import USERS, find_user, list_view, present, save_user
from zemu.services.users.pictures import picture_url, with_origin

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# what a client may PATCH that is simply stored as sent
STORED_FIELDS = (
    "cms_user_id",
    "company",
    "custom_attributes",
    "dept",
    "first_name",
    "last_name",
    "display_name",
    "division_ids",
    "host_key",
    "job_title",
    "cost_center",
    "language",
    "location",
    "manager",
    "phone_country",
    "phone_number",
    "phone_numbers",
    "pmi",
    "pronouns",
    "pronouns_option",
    "timezone",
    "type",
    "use_pmi",
    "vanity_name",
    "zoom_one_type",
    "plan_united_type",
    "about_me",
    "linkedin_url",
    "license_info_list",
)
# the fields ``user.updated`` may carry (its schema is closed)
EVENT_FIELDS = (
    "first_name",
    "last_name",
    "display_name",
    "type",
    "phone_number",
    "company",
    "pmi",
    "use_pmi",
    "timezone",
    "vanity_name",
    "host_key",
    "dept",
    "language",
)
# what ``include_fields`` may add to a listed user
EXTRA_FIELDS = ("host_key", "custom_attributes")
DETAIL_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "display_name",
    "email",
    "type",
    "role_name",
    "pmi",
    "use_pmi",
    "personal_meeting_url",
    "timezone",
    "verified",
    "dept",
    "last_login_time",
    "last_client_version",
    "language",
    "phone_number",
    "phone_country",
    "phone_numbers",
    "status",
    "role_id",
    "account_id",
    "company",
    "job_title",
    "location",
    "login_types",
    "cms_user_id",
    "manager",
    "pronouns",
    "pronouns_option",
    "custom_attributes",
    "employee_unique_id",
    "cost_center",
    "division_ids",
    "plan_united_type",
    "zoom_one_type",
    "license_info_list",
)


def valid_email(email: str, field: str = "email") -> None:
    if not EMAIL_SHAPE.match(email):
        raise ValidationFailed([{"field": field, "message": "Invalid field."}])


def detail(ctx: Context, user: dict[str, Any]) -> dict[str, Any]:
    out = present(user, DETAIL_FIELDS)
    out["created_at"] = out["user_created_at"] = user["created_at"]
    out["group_ids"] = list(user.get("group_ids") or [])
    out["im_group_ids"] = []
    out["jid"] = f"{user['id'].lower()}@xmpp.zoom.us"
    out["cluster"] = "us05"
    out["vanity_url"] = f"https://zoom.us/my/{user['vanity_name']}" if user.get("vanity_name") else ""
    account = get_account(ctx.tx, user["account_id"]) or {}
    if account.get("account_number"):
        out["account_number"] = account["account_number"]
    if user.get("pic_version"):
        out["pic_url"] = picture_url(ctx, user)
    return out


def list_item(ctx: Context, user: dict[str, Any], include: str | None) -> dict[str, Any]:
    out = list_view(user)
    if "pic_url" in out:
        out["pic_url"] = picture_url(ctx, user)
    if include == "host_key":
        out["host_key"] = user.get("host_key", "")
    elif include == "custom_attributes":
        out["custom_attributes"] = user.get("custom_attributes", [])
    return out


def get_user(ctx: Context) -> dict[str, Any]:
    return detail(ctx, target_user(ctx))


def list_users(ctx: Context) -> dict[str, Any]:
    """A status (active by default), optionally one role's holders: an index range either way.
    The items are the saved list views with this server's origin put in their ``pic_url``; the
    extra fields ``include_fields`` asks for are shaped from the users."""
    include = ctx.query.get("include_fields") or ""
    page = USERS.page(
        ctx,
        scope=account_id_of(ctx),
        where={"status": ctx.query.get("status") or "active", "role_id": ctx.query.get("role_id")},
        shape=(lambda user: list_item(ctx, user, include)) if include in EXTRA_FIELDS else None,
        render=with_origin(ctx),
    )
    return {**page.fields(), "users": page.items}


def update_user(ctx: Context) -> None:
    user = target_user(ctx)
    body = dict(ctx.body or {})
    before = dict(user)
    if body.get("vanity_name") and body["vanity_name"] != user.get("vanity_name"):
        holder = USERS.find(ctx.tx, "vanity", body["vanity_name"])
        if holder is not None and holder["id"] != user["id"]:
            raise ctx.fail(4100)
    if "pmi" in body and len(str(body["pmi"])) != 10:
        raise ValidationFailed([{"field": "pmi", "message": "Invalid field."}])
    for name in STORED_FIELDS:
        if name in body:
            user[name] = body[name]
    if ("first_name" in body or "last_name" in body) and "display_name" not in body:
        user["display_name"] = f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()
    if "pmi" in body:
        user["personal_meeting_url"] = f"https://zoom.us/j/{user['pmi']}"
    save_user(ctx.tx, user)
    emit_updated(ctx, before, user)


def emit_updated(
    ctx: Context, before: dict[str, Any], after: dict[str, Any], *, fields: tuple[str, ...] = EVENT_FIELDS, **extra: Any
) -> None:
    """``user.updated`` with the changed fields only; nothing changed, nothing sent."""
    # events know types 1 and 2 only: a type is shown as the events see it, before and after
    before = {**before, "type": webhook_type(before)} if "type" in before else before
    after = {**after, "type": webhook_type(after)} if "type" in after else after
    new = {k: after[k] for k in fields if k in after and after.get(k) != before.get(k)}
    if not new and not extra:
        return
    old = {k: before[k] for k in new if before.get(k) is not None}
    ctx.emit(
        "user.updated",
        {
            **operator(ctx),
            **extra,
            "object": {"id": after["id"], **new},
            "old_object": {"id": after["id"], **old},
            "time_stamp": ctx.now_ms,
        },
        account_id=after["account_id"],
    )


def email_exists(ctx: Context) -> dict[str, Any]:
    email = str(ctx.query.get("email") or "")
    if not email:
        raise ctx.fail(300, "Email is required.")
    return {"existed_email": find_user(ctx.tx, email) is not None}


def vanity_name_exists(ctx: Context) -> dict[str, Any]:
    name = str(ctx.query.get("vanity_name") or "")
    if not name:
        raise ctx.fail(300, "Vanity name is required.")
    return {"existed": USERS.find(ctx.tx, "vanity", name) is not None}
