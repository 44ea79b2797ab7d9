"""Simulated faxes: one fax between two parties, its events, its logs, its charge and its file.

A party of the account that sends sees an outbound log (``phone.fax_sent``, status ``sent``); one
that receives sees an inbound log (``phone.fax_received``, status ``received``). Both sides share the
fax id and the file; each has its own fax log id. The file is registered with a recipe and
rendered as a PDF of the stated page count when it is downloaded. A fax to an outside number is
charged per page.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone_history import records
from zemu.sim.artifacts import render
from zemu.sim.clock import zulu
from zemu.sim.phone import parties
from zemu.sim.phone.shapes import document, event_object

Doc = dict[str, Any]
DELIVER = "phone.fax_deliver"
MOST_PAGES = 100
RATE = "0.01"  # US dollars per page sent to an outside number
EMITS = frozenset({"phone.fax_sent", "phone.fax_received"})
LOG_EXT_TYPE = {
    parties.USER: "user",
    parties.COMMON_AREA: "common_area",
    parties.CALL_QUEUE: "call_queue",
    parties.AUTO_RECEPTIONIST: "auto_receptionist",
}
refused = parties.refused


def check(ctx: Context, body: Any) -> Doc:
    """The fax asked for, its parties resolved and its ids made, or a 400 that changes nothing."""
    body = parties.asked(body, {"from", "to", "pages", "at"})
    pages = body.get("pages", 1)
    if isinstance(pages, bool) or not isinstance(pages, int) or not 1 <= pages <= MOST_PAGES:
        raise refused(f"pages must be a whole number from 1 to {MOST_PAGES}.")
    sender, recipient = parties.correspondents(ctx.tx, ctx.account_id, body, "Faxes")
    logs = {side: ctx.ids.uuid() for side, party in (("sent", sender), ("received", recipient)) if party["internal"]}
    return {
        "sender": sender,
        "recipient": recipient,
        "pages": pages,
        "at": parties.when(body, ctx.now),
        "fax_id": ctx.ids.uuid(),
        "file_id": ctx.ids.hex32(),
        "fax_log_ids": logs,
    }


def send(ctx: Context, body: Any) -> Doc:
    """``POST /zemu/phone/faxes``: the fax is sent now (or scheduled at ``at``); answers its ids."""
    asked = check(ctx, body)
    if asked["at"] > ctx.now:
        ctx.schedule(DELIVER, asked["at"], asked, chain=asked["fax_id"])
    else:
        deliver(ctx, asked)
    logs = asked["fax_log_ids"]
    return {
        "fax_id": asked["fax_id"],
        "fax_log_id": logs.get("sent") or logs["received"],
        "fax_log_ids": list(logs.values()),
        "file_id": asked["file_id"],
        "pages": asked["pages"],
        "create_time": zulu(asked["at"]),
    }


def _number(party: Doc) -> str:
    return str(party.get("did_number") or party.get("phone_number") or "")


def _side(prefix: str, party: Doc, kind_of: dict[str, str]) -> Doc:
    side = {
        f"{prefix}_name": party.get("name", ""),
        f"{prefix}_number": _number(party),
        f"{prefix}_type": "client" if party["internal"] else "pstn",
    }
    # the events require the extension fields even for an outside number (its ``*_type`` pstn says
    # what it is): empty, with the one extension type every enum has
    kind = party["kind"] if party["internal"] else parties.USER
    side.update(
        {
            f"{prefix}_extension_id": party.get("extension_id", ""),
            f"{prefix}_extension_number": str(party.get("extension_number", "")),
            f"{prefix}_extension_type": kind_of.get(kind, kind),
        }
    )
    return side


def _log(asked: Doc, direction: str, kind_of: dict[str, str]) -> Doc:
    """One side's fax log, with every field the events and reads name; ``kind_of`` spells the
    receiver's extension type (the log reads spell it in snake case, everything else in camel case)."""
    sender, recipient = asked["sender"], asked["recipient"]
    owner = sender if direction == "outbound" else recipient
    return {
        "fax_log_id": asked["fax_log_ids"]["sent" if direction == "outbound" else "received"],
        "fax_id": asked["fax_id"],
        "file_id": asked["file_id"],
        "file_pages_count": asked["pages"],
        "create_time": zulu(asked["at"]),
        "direction": direction,
        "status": "sent" if direction == "outbound" else "received",
        "read_status": "read" if direction == "outbound" else "unread",
        "extension_id": owner.get("extension_id", ""),
        "extension_type": owner["kind"],
        "site_id": owner.get("site_id", ""),
        "site_name": owner.get("site_name", ""),
        **_side("sender", sender, {}),
        **_side("receiver", recipient, kind_of),
    }


def deliver(ctx: Context, asked: Doc) -> None:
    """The fax's events, logs, charge and file at its time (also the scheduled job's work)."""
    sender, recipient = asked["sender"], asked["recipient"]
    for direction, party, event in (
        ("outbound", sender, "phone.fax_sent"),
        ("inbound", recipient, "phone.fax_received"),
    ):
        if not party["internal"]:
            continue
        ctx.emit(event, {"object": event_object(event, _log(asked, direction, {}))}, account_id=party["account_id"])
        item = document("GetAccount'sFaxLogs", _log(asked, direction, LOG_EXT_TYPE), "fax_logs")
        records.record_fax(ctx.tx, party["account_id"], item)
    account_id = sender["account_id"] if sender["internal"] else recipient["account_id"]
    recipe = render.fax_recipe(
        pages=asked["pages"], sender=_number(sender), recipient=_number(recipient), at=asked["at"]
    )
    records.register_file(ctx.tx, account_id, asked["file_id"], kind="fax", recipe=recipe, name="fax.pdf")
    if sender["internal"] and not recipient["internal"]:
        records.record_fax_charge(ctx.tx, account_id, _charge(asked))


def _charge(asked: Doc) -> Doc:
    total = f"{float(RATE) * asked['pages']:.2f}"
    return document(
        "Getfaxchargesusagereport",
        {
            "fax_id": asked["fax_id"],
            "sender_number": _number(asked["sender"]),
            "receiver_number": _number(asked["recipient"]),
            "billing_number": _number(asked["sender"]),
            "end_time": zulu(asked["at"]),
            "charge_mode": "per_page",
            "fax_type": "local" if _number(asked["recipient"]).startswith("+1") else "international",
            "unlimited": False,
            "total_pages": asked["pages"],
            "rate": RATE,
            "currency": "USD",
            "currency_sign": "$",
            "charge_status": "calculated",
            "charged_pages": asked["pages"],
            "total_charge": total,
        },
        "fax_charges",
    )


def perform(ctx: Context, body: dict[str, Any]) -> None:
    """The scheduled job: a fax asked for a later ``at``."""
    deliver(ctx, body)


# SendEFax -----------------------------------------------------------------------------------------
MOST_RECEIVERS = 50


def _pages_of(ctx: Context, file_id: str) -> int:
    """The page count of a fax file the account holds (a fax can be sent on), else one page."""
    doc = records.FILES.get(ctx.tx, file_id) or {}
    recipe = doc.get("recipe") or {}
    if doc.get("account_id") == ctx.account_id and recipe.get("render") == render.FAX:
        return int(recipe.get("pages") or 1)
    return 1


def _receivers(ctx: Context, body: Doc) -> list[Doc]:
    receivers = body.get("receivers")
    if not isinstance(receivers, list) or not 1 <= len(receivers) <= MOST_RECEIVERS:
        raise ctx.fail(300)
    if not all(isinstance(r, dict) and isinstance(r.get("receiver_number"), str) for r in receivers):
        raise ctx.fail(300)
    return receivers


def send_efax(ctx: Context) -> Doc:
    """``POST /phone/fax/documents``: the same send from a number of the account to each receiver;
    a receiver that cannot be faxed gets its status instead of a fax."""
    body: Doc = ctx.body if isinstance(ctx.body, dict) else {}
    file_id, sender = body.get("file_id"), body.get("sender_number")
    if not isinstance(file_id, str) or not file_id or not isinstance(sender, str) or not sender:
        raise ctx.fail(300)
    receivers = _receivers(ctx, body)
    pages = _pages_of(ctx, file_id)
    answered: list[Doc] = []
    fax_ids: list[str] = []
    for receiver in receivers:
        number = receiver["receiver_number"]
        status, log_id = _send_one(ctx, sender, number, pages, fax_ids)
        answered.append({"receiver_number": number, "status": status, **({"fax_log_id": log_id} if log_id else {})})
    return {**({"fax_id": fax_ids[0]} if fax_ids else {}), "receivers": answered}


def _send_one(ctx: Context, sender: str, number: str, pages: int, fax_ids: list[str]) -> tuple[str, str]:
    """One receiver's fax: its status and (when sent) its fax log id."""
    try:
        ours = parties.resolve(ctx.tx, ctx.account_id, sender, "sender_number")["internal"]
    except ZoomError:
        ours = False
    if not ours or not sender.startswith("+"):
        return "invalid_sender_number", ""
    try:
        asked = check(ctx, {"from": sender, "to": number, "pages": pages})
    except ZoomError:
        return "invalid_receiver_number", ""
    deliver(ctx, asked)
    fax_ids.append(asked["fax_id"])
    return "success", asked["fax_log_ids"]["sent"]
