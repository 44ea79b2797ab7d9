"""What a user's own client changes: presence, sign-in and sign-out, the personal note.

Only ``PUT …/presence_status`` and ``DELETE …/token`` reach these through the API; the rest
happens in the Zoom client, so triggers and the simulator call the functions here directly.
The REST and webhook vocabularies for presence differ; the stored status uses the REST one.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.users.access import target_user
from zemu.services.users.model import save_user
from zemu.sim.clock import zulu

DND = "Do_No_Disturb"  # (sic) the REST spelling
# REST status → webhook status, where they differ; Out_of_Office has no webhook value
TO_EVENT = {
    "In_A_Zoom_Meeting": "In_Meeting",
    "On_A_Call": "On_Phone_Call",
    "Out_of_Office": "Away",
    DND: "Do_Not_Disturb",
}
DEFAULT_DND_MINUTES = 20


def get_presence(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    status = user.get("presence_status", "Available")
    until = float(user.get("dnd_until") or 0)
    if status == DND and until > ctx.now:
        return {"status": DND, "end_time": zulu(until), "remaining_time": int(until - ctx.now)}
    if status == DND:
        return {"status": "Available"}  # do-not-disturb has run out
    return {"status": status}


def put_presence(ctx: Context) -> None:
    user = target_user(ctx)
    body = ctx.body or {}
    set_presence(ctx, user, body["status"], minutes=body.get("duration"))


def set_presence(
    ctx: Context, user: dict[str, Any], status: str, *, minutes: int | None = None, app: str = "desktop"
) -> None:
    user["presence_status"] = status
    user["dnd_until"] = ctx.now + 60 * (minutes or DEFAULT_DND_MINUTES) if status == DND else None
    save_user(ctx.tx, user)
    shown = TO_EVENT.get(status, status)
    ctx.emit(
        "user.presence_status_updated",
        {
            "object": {
                "id": user["id"],
                "email": user["email"],
                "date_time": zulu(ctx.now),
                "presence_status": shown,
                "app": {"type": app, "presence_status": shown},
            }
        },
        account_id=user["account_id"],
    )


def sign_in(
    ctx: Context, user: dict[str, Any], *, client_type: str = "mac", version: str = "6.4.0.1234", login_type: int = 100
) -> None:
    user["session"] = {"client_type": client_type, "version": version, "login_type": login_type}
    user["last_login_time"] = zulu(ctx.now)
    user["last_client_version"] = version
    save_user(ctx.tx, user)
    ctx.emit("user.signed_in", {"object": _session_object(ctx, user)}, account_id=user["account_id"])


def sign_out(ctx: Context, user: dict[str, Any]) -> bool:
    """End the user's client session; False when they were not signed in."""
    if not user.get("session"):
        return False
    obj = _session_object(ctx, user)
    user["session"] = None
    save_user(ctx.tx, user)
    ctx.emit("user.signed_out", {"object": obj}, account_id=user["account_id"])
    return True


def _session_object(ctx: Context, user: dict[str, Any]) -> dict[str, Any]:
    session = user["session"]
    return {
        "id": user["id"],
        "email": user["email"],
        "date_time": zulu(ctx.now),
        "client_type": session["client_type"],
        "version": session["version"],
        "login_type": session["login_type"],
    }


def revoke_sso_token(ctx: Context) -> None:
    """Revoking a user's SSO token ends their signed-in session."""
    sign_out(ctx, target_user(ctx))


def set_personal_notes(ctx: Context, user: dict[str, Any], notes: str) -> bool:
    previous = user.get("personal_notes", "")
    if notes == previous:
        return False
    user["personal_notes"] = notes
    save_user(ctx.tx, user)
    ctx.emit(
        "user.personal_notes_updated",
        {
            "object": {"id": user["id"], "email": user["email"], "date_time": zulu(ctx.now), "personal_notes": notes},
            "old_object": {"personal_notes": previous},
        },
        account_id=user["account_id"],
    )
    return True
