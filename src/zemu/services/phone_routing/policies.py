"""Policies of call queues and auto receptionists, and their voicemail-access sub-settings.

A policy tree starts as its schema's defaults. A PATCH merges each sub-setting it names (only
keys the tree knows), marks it ``modified``, or puts it back to its defaults with ``reset``.
The one sub-setting type, ``voice_mail``, is the list of members who may open the mailbox.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import (
    op_error,
    queue_policy_defaults,
    receptionist_policy_defaults,
    target_queue,
    target_receptionist,
)

Doc = dict[str, Any]
ACCESS = "voicemail_access_members"
VOICE_MAIL = "voice_mail"
MAX_ACCESS = 10  # documented for both: "must not exceed 10" / "up to 10"
INVALID = (400, 300, "Validation Failed.")


def merge_policy(policy: Doc, body: Doc, fresh: Doc) -> None:
    for name, change in body.items():
        if name not in fresh or not isinstance(change, dict):
            continue
        if change.get("reset"):
            policy[name] = fresh[name]
            continue
        policy.setdefault(name, fresh[name])
        current: Doc = policy[name]
        merge_known(current, change)
        if "modified" in current:
            current["modified"] = True


def merge_known(current: Doc, change: Doc) -> None:
    """Copy ``change`` into ``current``, nested, for the keys ``current`` already has."""
    for key, value in change.items():
        if key not in current or key == "reset":
            continue
        if isinstance(value, dict) and isinstance(current[key], dict):
            merge_known(current[key], value)
        else:
            current[key] = value


def without_access(policy: Doc) -> Doc:
    return {key: value for key, value in policy.items() if key != ACCESS}


def check_type(ctx: Context) -> None:
    policy_type = ctx.path["policyType"]
    if policy_type != VOICE_MAIL:
        raise op_error(
            ctx,
            r"invalid value for parameter",
            policy_type,
            fallback=(400, 300, "Invalid value for parameter policyType."),
        )


def check_access_user(ctx: Context, user_id: str, user_type: str) -> None:
    found = (
        phone.get_common_area(ctx.tx, user_id) if user_type == "commonArea" else phone.get_phone_user(ctx.tx, user_id)
    )
    if found is None or found.get("account_id") != ctx.account_id:
        raise op_error(ctx, r"^validation failed\.$", fallback=INVALID)


# call queues -----------------------------------------------------------------------------
def get_queue_policy(ctx: Context) -> Doc:
    return without_access(target_queue(ctx).get("policy") or queue_policy_defaults())


def update_queue_policy(ctx: Context) -> None:
    queue = target_queue(ctx)
    merge_policy(queue.setdefault("policy", queue_policy_defaults()), ctx.body or {}, queue_policy_defaults())
    model.save_call_queue(ctx.tx, queue)


def add_queue_access(ctx: Context) -> Doc:
    queue = target_queue(ctx)
    check_type(ctx)
    access: list[Doc] = queue["policy"].setdefault(ACCESS, [])
    wanted = (ctx.body or {}).get(ACCESS) or []
    if len(access) + len(wanted) > MAX_ACCESS:
        raise op_error(ctx, r"must not exceed", fallback=INVALID)
    added = []
    for item in wanted:
        user_type = item.get("access_user_type", "user")
        check_access_user(ctx, item.get("access_user_id", ""), user_type)
        entry = {
            "access_user_id": item["access_user_id"],
            "access_user_type": user_type,
            "allow_download": bool(item.get("allow_download")),
            "allow_delete": bool(item.get("allow_delete")),
            "allow_sharing": bool(item.get("allow_sharing")),
            "shared_id": ctx.ids.uid(),
        }
        access.append(entry)
        added.append(entry)
    model.save_call_queue(ctx.tx, queue)
    return {ACCESS: added}


def update_queue_access(ctx: Context) -> None:
    queue = target_queue(ctx)
    check_type(ctx)
    access = {entry["shared_id"]: entry for entry in queue["policy"].get(ACCESS, [])}
    for item in (ctx.body or {}).get(ACCESS) or []:
        entry = access.get(item.get("shared_id", ""))
        if entry is None:
            raise op_error(ctx, r"^validation failed\.$", fallback=INVALID)
        entry.update({k: v for k, v in item.items() if k in entry and k != "shared_id"})
    model.save_call_queue(ctx.tx, queue)


def remove_queue_access(ctx: Context) -> None:
    queue = target_queue(ctx)
    check_type(ctx)
    drop_shared(ctx, queue["policy"])
    model.save_call_queue(ctx.tx, queue)


def drop_shared(ctx: Context, policy: Doc) -> None:
    shared = set(ctx.query.get("shared_ids") or [])
    access = policy.get(ACCESS, [])
    if not shared or not shared <= {entry["shared_id"] for entry in access}:
        raise op_error(ctx, r"^validation failed\.$", fallback=INVALID)
    policy[ACCESS] = [entry for entry in access if entry["shared_id"] not in shared]


# auto receptionists ----------------------------------------------------------------------
def policy_of(receptionist: Doc) -> Doc:
    """The receptionist's policy tree; a main receptionist nobody configured yet has the defaults."""
    if not receptionist.get("policy"):
        receptionist["policy"] = receptionist_policy_defaults()
    policy: Doc = receptionist["policy"]
    return policy


def get_receptionist_policy(ctx: Context) -> Doc:
    return policy_of(target_receptionist(ctx))


def update_receptionist_policy(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    merge_policy(policy_of(receptionist), ctx.body or {}, receptionist_policy_defaults())
    model.save_auto_receptionist(ctx.tx, receptionist)


def add_receptionist_access(ctx: Context) -> Doc:
    receptionist = target_receptionist(ctx)
    check_type(ctx)
    access: list[Doc] = policy_of(receptionist).setdefault(ACCESS, [])
    if len(access) >= MAX_ACCESS:
        raise _too_many(ctx)
    item = (ctx.body or {}).get("voicemail_access_member") or {}
    user_type = item.get("access_user_type", "user")
    check_access_user(ctx, item.get("access_user_id", ""), user_type)
    entry = {
        "shared_id": ctx.ids.uid(),
        "access_user_id": item["access_user_id"],
        "access_user_type": user_type,
        "delete": bool(item.get("delete")),
        "download": bool(item.get("download")),
    }
    access.append(entry)
    model.save_auto_receptionist(ctx.tx, receptionist)
    return {"voicemail_access_member": entry}


def _too_many(ctx: Context) -> ZoomError:
    for spec in ctx.op.errors if ctx.op is not None else ():
        if "{0}" in spec.message and "{1}" in spec.message:
            message = spec.message.replace("{0}", str(MAX_ACCESS)).replace("{1}", "members")
            return ZoomError(spec.code, message, spec.http_status)
    return ZoomError(429, f"You can only add up to {MAX_ACCESS} members to access your voicemail.", 400)


def update_receptionist_access(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    check_type(ctx)
    body = ctx.body or {}
    items = body.get(ACCESS) or ([body["voicemail_access_member"]] if body.get("voicemail_access_member") else [])
    access = {entry["shared_id"]: entry for entry in policy_of(receptionist).get(ACCESS, [])}
    for item in items:
        entry = access.get(item.get("shared_id", ""))
        if entry is None:
            raise op_error(ctx, r"^validation failed\.$", fallback=INVALID)
        for field in ("delete", "download"):
            if field in item:
                entry[field] = bool(item[field])
    model.save_auto_receptionist(ctx.tx, receptionist)


def remove_receptionist_access(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    check_type(ctx)
    drop_shared(ctx, policy_of(receptionist))
    model.save_auto_receptionist(ctx.tx, receptionist)
