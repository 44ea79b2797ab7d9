"""Simulated text messages: one message between two parties, its events and its history records.

Rules (Zoom's, as far as they are documented; where they are not, the simpler choice):
  * One side at least is a party of the account; two outside numbers are refused (400).
  * A party of the account sends from its first direct number; it needs one, and the account's
    ``sms`` setting must be on, or the send fails (``phone.sms_sent_failed``, delivery
    ``failed_to_send``). Zoom Phone SMS reaches US and Canadian numbers only: an outside number
    not under +1 fails the same way.
  * The account's SMS etiquette policies (``sms_etiquette_tool`` of the phone account settings) are
    read on every outbound text: ``rule`` 1 is a comma-separated list of keywords matched as whole
    words, 2 a regular expression; ``action`` 1 blocks (``phone.sms_etiquette_block``, nothing is
    sent), 2 warns (``phone.sms_etiquette_warn``, the text is sent).
  * An inbound text from an outside number whose whole text is a campaign keyword (STOP … /
    START …) also emits ``phone.sms_campaign_number_opt_out`` / ``_opt_in`` and keeps the pair's
    status: later messages between the pair carry it, and a text to a consumer who opted out fails.
  * Two numbers share one session (its id kept under the pair); a text to or from an outside
    number is charged.
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import account_settings
from zemu.services.phone_history import records
from zemu.services.resource import Collection
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu
from zemu.sim.phone import parties
from zemu.sim.phone.shapes import document, event_object

Doc = dict[str, Any]
DELIVER = "phone.sms_deliver"
SESSION_KEY = "sim_sms_pair"
OPT_STATUSES = Collection("sim_sms_opt", sort=lambda d: d["id"])  # id "{consumer}|{our number}"
LONGEST_TEXT = 2000
MOST_ATTACHMENTS = 10
RATE = "0.0079"  # US dollars per outside message segment
OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
OPT_IN = frozenset({"START", "YES", "UNSTOP"})
BLOCK, WARN = 1, 2
KEYWORDS, PATTERN = 1, 2
EMITS = frozenset(
    {
        "phone.sms_sent",
        "phone.sms_received",
        "phone.sms_sent_failed",
        "phone.sms_etiquette_warn",
        "phone.sms_etiquette_block",
        "phone.sms_campaign_number_opt_in",
        "phone.sms_campaign_number_opt_out",
    }
)
refused = parties.refused


def check(ctx: Context, body: Any) -> Doc:
    """The message asked for, with its parties resolved and its ids made, or a 400 that changes nothing."""
    body = parties.asked(body, {"from", "to", "message", "at", "attachments"})
    text = body.get("message")
    if not isinstance(text, str) or not text.strip():
        raise refused("message is required: the text to send.")
    if len(text) > LONGEST_TEXT:
        raise refused(f"message must be at most {LONGEST_TEXT} characters.")
    count = body.get("attachments", 0)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MOST_ATTACHMENTS:
        raise refused(f"attachments must be a count from 0 to {MOST_ATTACHMENTS}.")
    sender, recipient = parties.correspondents(ctx.tx, ctx.account_id, body, "Text messages")
    at = parties.when(body, ctx.now)
    return {
        "sender": sender,
        "recipient": recipient,
        "message": text,
        "attachments": count,
        "at": at,
        "session_id": _session_id(ctx, sender, recipient),
        "message_id": ctx.ids.uuid(),
    }


def _number(party: Doc) -> str:
    return str(party.get("did_number") or party.get("phone_number") or "")


def _session_id(ctx: Context, sender: Doc, recipient: Doc) -> str:
    """The session two numbers share: kept under the pair the first time they text."""
    pair = "|".join(sorted((_number(sender), _number(recipient))))
    held = ctx.tx.holder(SESSION_KEY, pair, scope=ctx.account_id)
    if held:
        return held
    session_id = ctx.ids.hex32()
    ctx.tx.claim(SESSION_KEY, pair, session_id, scope=ctx.account_id)
    return session_id


def send(ctx: Context, body: Any) -> Doc:
    """``POST /zemu/phone/sms``: the message is sent now (or scheduled at ``at``); answers its ids."""
    asked = check(ctx, body)
    if asked["at"] > ctx.now:
        ctx.schedule(DELIVER, asked["at"], asked, chain=asked["session_id"])
    else:
        deliver(ctx, asked)
    return {"session_id": asked["session_id"], "message_id": asked["message_id"], "date_time": zulu(asked["at"])}


# delivery ---------------------------------------------------------------------------------------
def deliver(ctx: Context, asked: Doc) -> None:
    """The message's events and records at its time (also the scheduled job's work)."""
    sender, recipient = asked["sender"], asked["recipient"]
    if sender["internal"] and _etiquette(ctx, asked) == BLOCK:
        return
    opt = _opt_status(ctx, asked)
    failure = _failure(ctx, sender, recipient) or (
        "The recipient opted out of messages from this number (STOP)."
        if opt == "opt_out" and sender["internal"]
        else ""
    )
    model = _model(asked, failure)
    if opt:
        consumer, ours = _pair(asked)
        model["phone_number_campaign_opt_statuses"] = [
            {"consumer_phone_number": consumer, "zoom_phone_user_number": ours, "opt_status": opt}
        ]
    if sender["internal"]:
        event = "phone.sms_sent_failed" if failure else "phone.sms_sent"
        _emit(ctx, sender, event, {**model, "owner": _owner(sender)})
    if recipient["internal"] and not failure:
        _emit(ctx, recipient, "phone.sms_received", {**model, "owner": _owner(recipient)})
        if not sender["internal"]:
            _campaign(ctx, asked)
    _file(ctx, asked, model, failure)


def _failure(ctx: Context, sender: Doc, recipient: Doc) -> str:
    """Why the message cannot be sent, or ``""``."""
    if sender["internal"]:
        sms = account_settings.settings_tree(ctx.tx, sender["account_id"]).get("sms") or {}
        if sms.get("enable") is False:
            return "SMS is turned off for the account."
        if not sender.get("did_number"):
            return "The sender has no direct number that can send SMS."
    if not recipient["internal"] and not recipient["phone_number"].startswith("+1"):
        return "The recipient's number cannot receive SMS: Zoom Phone texts US and Canadian numbers only."
    return ""


def _member(party: Doc) -> Doc:
    member: Doc = {"phone_number": _number(party), "display_name": party.get("name", "")}
    if party["internal"]:
        member.update(id=party["id"], type=party["kind"], owner={"id": party["id"], "type": party["kind"]})
    return member


def _owner(party: Doc) -> Doc:
    return {"id": party["id"], "type": party["kind"]}


def _model(asked: Doc, failure: str) -> Doc:
    """The message once, with every field its events and reads name."""
    outbound = asked["sender"]["internal"]
    attachments = [
        {"id": f"{asked['message_id']}-{n}", "name": f"image{n + 1}.png", "size": 0, "type": "PNG", "download_url": ""}
        for n in range(asked["attachments"])
    ]
    model: Doc = {
        "session_id": asked["session_id"],
        "message_id": asked["message_id"],
        "message": asked["message"],
        "message_type": 2 if attachments else 1,
        "date_time": zulu(asked["at"]),
        "sender": _member(asked["sender"]),
        "to_members": [_member(asked["recipient"])],
        "attachments": attachments,
        "direction": "outbound" if outbound else "inbound",
        "delivery_status": ("failed_to_send" if failure else "delivered") if outbound else "received",
    }
    if failure:
        model["failure_reason"] = failure
    return model


def _emit(ctx: Context, party: Doc, event: str, model: Doc) -> None:
    ctx.emit(event, {"object": event_object(event, model)}, account_id=party["account_id"])


# etiquette and campaigns ---------------------------------------------------------------------------
def _matches(policy: Doc, text: str) -> bool:
    content = str(policy.get("content") or "")
    if not content:
        return False
    if policy.get("rule") == PATTERN:
        try:
            return re.search(content, text, re.IGNORECASE) is not None
        except re.error:
            return False
    words = [w.strip() for w in content.split(",") if w.strip()]
    return any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in words)


def _etiquette(ctx: Context, asked: Doc) -> int | None:
    """The action of the first active policy the text matches (its event emitted), or None."""
    sender = asked["sender"]
    tool = account_settings.settings_tree(ctx.tx, sender["account_id"]).get("sms_etiquette_tool") or {}
    if not tool.get("enable"):
        return None
    for policy in tool.get("sms_etiquette_policy") or []:
        if policy.get("active") is False or not _matches(policy, asked["message"]):
            continue
        action = BLOCK if policy.get("action") == BLOCK else WARN
        event = "phone.sms_etiquette_block" if action == BLOCK else "phone.sms_etiquette_warn"
        _emit(
            ctx,
            sender,
            event,
            {
                "email": sender.get("email", ""),
                "message": asked["message"],
                "policy_name": policy.get("name", ""),
                "date_time": zulu(asked["at"]),
            },
        )
        return action
    return None


def _pair(asked: Doc) -> tuple[str, str]:
    """(the consumer's number, ours) of a message between a party of the account and an outside number."""
    sender, recipient = asked["sender"], asked["recipient"]
    outside, ours = (recipient, sender) if sender["internal"] else (sender, recipient)
    return _number(outside), _number(ours)


def _opt_status(ctx: Context, asked: Doc) -> str:
    """``opt_out`` / ``opt_in`` once the consumer of the pair has sent a keyword, else ``""``."""
    if asked["sender"]["internal"] == asked["recipient"]["internal"]:
        return ""
    doc = OPT_STATUSES.get(ctx.tx, "|".join(_pair(asked))) or {}
    return str(doc.get("status") or "")


def _campaign(ctx: Context, asked: Doc) -> None:
    keyword = asked["message"].strip().upper()
    status = "opt_out" if keyword in OPT_OUT else "opt_in" if keyword in OPT_IN else ""
    if status:
        consumer, ours = _pair(asked)
        OPT_STATUSES.save(
            ctx.tx, {"id": f"{consumer}|{ours}", "account_id": asked["recipient"]["account_id"], "status": status}
        )
        _emit(
            ctx,
            asked["recipient"],
            f"phone.sms_campaign_number_{status}",
            {
                "phone_number_campaign_opt_statuses": [
                    {"consumer_phone_number": consumer, "zoom_phone_user_number": ours}
                ],
                "date_time": zulu(asked["at"]),
            },
        )


# history ----------------------------------------------------------------------------------------
def _participant(party: Doc, owner: bool) -> Doc:
    return {**_member(party), "is_session_owner": owner}


def _file(ctx: Context, asked: Doc, model: Doc, failure: str) -> None:
    """The session, the message and (for an outside number) the charge, as the history reads show them."""
    sender, recipient = asked["sender"], asked["recipient"]
    account_id = sender["account_id"] if sender["internal"] else recipient["account_id"]
    session = document(
        "accountSmsSession",
        {
            "session_id": asked["session_id"],
            "session_type": "user",
            "last_access_time": model["date_time"],
            "participants": [
                _participant(sender, sender["internal"]),
                _participant(recipient, recipient["internal"] and not sender["internal"]),
            ],
        },
        "sms_sessions",
    )
    message = document("smsByMessageId", model)
    owners = [p for p in (sender, recipient) if p["internal"] and (p is sender or not failure)]
    users = [p["id"] for p in owners if p["kind"] == parties.USER]
    readers = [recipient["id"]] if recipient["internal"] and recipient["kind"] == parties.USER and not failure else []
    records.record_sms(
        ctx.tx, account_id, session, message, user_ids=users, outbound=sender["internal"], unread_for=readers
    )
    if not (sender["internal"] and recipient["internal"]):
        records.record_sms_charge(ctx.tx, account_id, _charge(asked, model, failure))


def _charge(asked: Doc, model: Doc, failure: str) -> Doc:
    sender, recipient = asked["sender"], asked["recipient"]
    status = "Failed to send" if failure else "Delivered" if sender["internal"] else "Received"
    charge = {
        "session_id": asked["session_id"],
        "message_id": asked["message_id"],
        "message_type": "MMS" if asked["attachments"] else "SMS",
        "from_number": _number(sender),
        "from_display_name": sender.get("name", ""),
        "from_email": sender.get("email", ""),
        "to_number": _number(recipient),
        "to_display_name": recipient.get("name", ""),
        "to_email": recipient.get("email", ""),
        "sent_time": model["date_time"],
        "rate": RATE,
        "currency": "USD",
        "total_charge": "0" if failure else RATE,
        "delivery_status": status,
        "department": sender.get("department", "") or recipient.get("department", ""),
        "cost_center": sender.get("cost_center", "") or recipient.get("cost_center", ""),
    }
    for side, party in (("from", sender), ("to", recipient)):
        if party.get("extension_number"):
            charge[f"{side}_extension_number"] = str(party["extension_number"])
    return document("GetSMSChargesUsageReport", charge, "sms_charges")


# postSmsMessage -----------------------------------------------------------------------------------
ATTACHMENT_TYPES = ("PNG", "JPEG", "JPG", "GIF", "PDF")


def post_sms_message(ctx: Context) -> Doc:
    """``POST /phone/sms/messages``: the same send, from a number of the account to one member."""
    body: Doc = ctx.body if isinstance(ctx.body, dict) else {}
    sender: Doc = body["sender"] if isinstance(body.get("sender"), dict) else {}
    members: list[Any] = body["to_members"] if isinstance(body.get("to_members"), list) else []
    if not sender.get("phone_number") and not (sender.get("user_id") or sender.get("id")):
        raise ctx.fail(1024)
    if len(members) != 1 or not isinstance(members[0], dict):
        raise refused("to_members must name exactly one member: group messages are not simulated.")
    attachments = body.get("attachments") or []
    for item in attachments if isinstance(attachments, list) else []:
        kind = item.get("type") if isinstance(item, dict) else None
        if not kind:
            raise ctx.fail(138)
        if kind not in ATTACHMENT_TYPES:
            raise ctx.fail(121)
    number = str(members[0].get("phone_number") or "")
    if not number.startswith("+"):
        raise ctx.fail(316)
    asked = {
        "from": _sender_ref(ctx, sender),
        "to": number,
        "message": body.get("message") or "",
        "attachments": len(attachments),
    }
    if not asked["message"] and asked["attachments"]:
        asked["message"] = " "
    _sender_is_ours(ctx, str(asked["from"]))
    sent = send(ctx, asked)
    return {"date_time": sent["date_time"], "message_id": sent["message_id"], "session_id": sent["session_id"]}


def _sender_ref(ctx: Context, sender: Doc) -> str:
    """The sending number, or (the deprecated form) the sending user's email."""
    if sender.get("phone_number"):
        return str(sender["phone_number"])
    user_id = str(sender.get("user_id") or sender.get("id"))
    user = find_user(ctx.tx, user_id)
    if user is None or user.get("account_id") != ctx.account_id:
        raise ctx.fail(1001, id=user_id)
    return str(user["email"])


def _sender_is_ours(ctx: Context, ref: str) -> None:
    """The sender must be a party of the account: any other number is Zoom's 7001."""
    try:
        ours = parties.resolve(ctx.tx, ctx.account_id, ref, "sender")["internal"]
    except ZoomError:
        ours = False
    if not ours:
        raise ctx.fail(7001)


def perform(ctx: Context, body: dict[str, Any]) -> None:
    """The scheduled job: a message asked for a later ``at``."""
    deliver(ctx, body)
