"""``zemu trigger user.*``: the smallest real change that causes each user event.

Each trigger acts on the demo account as its owner, through the same functions the API uses.
``params`` may name a user (``user``: id or email); otherwise a suitable demo user is chosen,
or a throwaway one is created. Each answers the ids it touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zemu.services.context import Context, Trigger
from zemu.services.users import lifecycle, presence
from zemu.services.users.model import USERS, account_user, save_user
from zemu.services.users.profile import emit_updated
from zemu.services.users.settings import apply_changes, effective
from zemu.services.users.settings_tree import event_schema, project

Pick = Callable[[dict[str, Any]], bool]


def _plain_member(user: dict[str, Any]) -> bool:
    return user.get("role_name") not in lifecycle.PRIVILEGED


def pick_user(ctx: Context, params: dict[str, str], wanted: Pick = lambda u: True) -> dict[str, Any] | None:
    """The user named in ``params``, else the first demo user (email order) that fits."""
    if params.get("user"):
        return account_user(ctx.tx, ctx.account_id, params["user"])
    return next((user for user in USERS.each(ctx.tx, ctx.account_id) if wanted(user)), None)


def throwaway_user(ctx: Context, action: str = "custCreate") -> dict[str, Any]:
    owner = USERS.get(ctx.tx, ctx.user_id) or {"email": "owner@example.com"}
    domain = owner["email"].split("@", 1)[1]
    email = f"trigger-{ctx.ids.hex32()[:10]}@{domain}"
    return lifecycle.create_account_user(
        ctx, ctx.account_id, action=action, email=email, first_name="Trigger", last_name="User", user_type=1
    )


def _touched(*users: dict[str, Any]) -> dict[str, Any]:
    return {"user_ids": [u["id"] for u in users]}


def user_created(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    return _touched(throwaway_user(ctx, params.get("action", "create")))


def invitation_accepted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "pending") or throwaway_user(ctx, "create")
    return _touched(lifecycle.accept_invitation(ctx, user))


def user_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "active" and _plain_member(u)) or throwaway_user(ctx)
    before = dict(user)
    user["dept"] = params.get("dept") or ("Operations" if user.get("dept") != "Operations" else "Sales")
    save_user(ctx.tx, user)
    emit_updated(ctx, before, user)
    return _touched(user)


def settings_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "active") or throwaway_user(ctx)
    apply_changes(
        ctx, user, toggle_first(effective(ctx, user), event_schema("user.settings_updated", "object", "settings"))
    )
    return _touched(user)


def toggle_first(tree: dict[str, Any], shape: dict[str, Any]) -> dict[str, Any]:
    """A change that flips the first switch of ``tree`` that the event's schema also carries."""
    visible = project(tree, shape)
    for category, values in visible.items():
        if isinstance(values, dict):
            for name, value in values.items():
                if isinstance(value, bool):
                    return {category: {name: not value}}
    raise ValueError("no setting to toggle")


def activated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "inactive" and _plain_member(u))
    if user is None:
        user = throwaway_user(ctx)
        lifecycle.set_status(ctx, user, "inactive")
    lifecycle.set_status(ctx, user, "active")
    return _touched(user)


def deactivated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "active" and _plain_member(u)) or throwaway_user(ctx)
    lifecycle.set_status(ctx, user, "inactive")
    return _touched(user)


def _removal(action: str) -> Trigger:
    def trigger(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        user = account_user(ctx.tx, ctx.account_id, params["user"]) if params.get("user") else throwaway_user(ctx)
        lifecycle.remove_account_user(ctx, user, action)
        return _touched(user)

    return trigger


def signed_in(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "active")
    assert user is not None  # the demo owner at least is active
    presence.sign_in(ctx, user, client_type=params.get("client_type", "mac"))
    return _touched(user)


def signed_out(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: bool(u.get("session"))) or pick_user(ctx, params)
    assert user is not None
    if not user.get("session"):
        presence.sign_in(ctx, user)
    presence.sign_out(ctx, user)
    return _touched(user)


def presence_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "active")
    assert user is not None
    status = params.get("status") or ("Away" if user.get("presence_status") == "Available" else "Available")
    presence.set_presence(ctx, user, status)
    return _touched(user)


def personal_notes_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    user = pick_user(ctx, params, lambda u: u["status"] == "active")
    assert user is not None
    notes = params.get("notes") or f"Focus time {ctx.ids.hex32()[:4]}"
    presence.set_personal_notes(ctx, user, notes)
    return _touched(user)


TRIGGERS: dict[str, Trigger] = {
    "user.created": user_created,
    "user.invitation_accepted": invitation_accepted,
    "user.updated": user_updated,
    "user.settings_updated": settings_updated,
    "user.activated": activated,
    "user.deactivated": deactivated,
    "user.disassociated": _removal("disassociate"),
    "user.deleted": _removal("delete"),
    "user.signed_in": signed_in,
    "user.signed_out": signed_out,
    "user.presence_status_updated": presence_updated,
    "user.personal_notes_updated": personal_notes_updated,
}
