"""A meeting's invitation text and live stream; a webinar's panelists and tracking sources.

webinar_panelist   id = uid, scope = webinar number, sort = creation order, unique email
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.registrants import REGISTRANTS
from zemu.services.meetings.schedule import lookup
from zemu.services.meetings.shapes import emit, response_of
from zemu.services.resource import Collection, Doc, Unique
from zemu.services.users.model import find_user
from zemu.sim.clock import parse_zulu, zulu

PANELIST_LIMIT = 100
_PANELIST_TAKEN = ZoomError(3000, "Panelist already exists.", 400)
PANELISTS = Collection(
    "webinar_panelist",
    sort=lambda d: f"{d['created']:020.3f}{d['id']}",
    scope=lambda d: str(d["webinar_id"]),
    uniques=(Unique("email", lambda d: d["email"], _PANELIST_TAKEN, scope=lambda d: str(d["webinar_id"])),),
)


def spaced(number: Any) -> str:
    """A meeting number as Zoom prints it: 3 4 4 (or 3 3 4 for ten digits)."""
    text = str(number)
    return f"{text[:3]} {text[3:6]} {text[6:]}" if len(text) == 10 else f"{text[:3]} {text[3:7]} {text[7:]}"


def invitation(ctx: Context) -> Doc:
    doc = lookup(ctx, m.MEETING)
    host = find_user(ctx.tx, doc["host_id"]) or {}
    name = host.get("display_name") or doc["host_email"]
    lines = [f"{name} is inviting you to a scheduled Zoom meeting.", ""]
    lines += [f"Topic: {doc['topic']}"]
    if doc.get("start_time"):
        local = dt.datetime.fromtimestamp(parse_zulu(doc["start_time"]), m.zone(doc["timezone"]))
        lines += [f"Time: {local.strftime('%b %d, %Y %I:%M %p')} {doc['timezone']}"]
    lines += [
        "",
        "Join Zoom Meeting",
        doc["join_url"],
        "",
        f"Meeting ID: {spaced(doc['id'])}",
        f"Passcode: {doc['password']}",
        "",
        "---",
        "",
        "One tap mobile",
        f"+16699006833,,{doc['id']}#,,,,*{doc['pstn_password']}# US (San Jose)",
        "",
        "Join by SIP",
        f"* {doc['id']}@zoomcrc.com",
        "",
    ]
    return {"invitation": "\r\n".join(lines), "sip_links": [f"{doc['id']}@zoomcrc.com"]}


# live stream ------------------------------------------------------------------------------------
def update_live_stream(ctx: Context) -> None:
    doc = lookup(ctx, m.MEETING)
    body = ctx.body or {}
    doc["live_stream"] = {k: body[k] for k in ("stream_url", "stream_key", "page_url", "resolution") if k in body}
    m.MEETING.collection.save(ctx.tx, doc)


def update_live_stream_status(ctx: Context) -> None:
    doc = lookup(ctx, m.MEETING)
    body = ctx.body or {}
    action = body.get("action") or "start"
    if doc.get("status") != "started":
        raise ctx.fail(4927, "", meetingId=doc["id"])
    if doc["settings"].get("encryption_type") == "e2ee":
        raise ctx.fail(4400)
    settings = doc.get("live_stream") or {}
    if action == "mode":
        return
    streaming = action == "start"
    if bool(doc.get("live_streaming")) == streaming:
        return
    doc["live_streaming"] = streaming
    m.MEETING.collection.save(ctx.tx, doc)
    stream = {
        "service": "Custom_Live_Streaming_Service",
        "date_time": zulu(ctx.now),
        "custom_live_streaming_settings": {
            "stream_url": settings.get("stream_url", ""),
            "stream_key": settings.get("stream_key", ""),
            "page_url": settings.get("page_url", ""),
        },
    }
    event = "meeting.live_streaming_started" if streaming else "meeting.live_streaming_stopped"
    emit(ctx, event, {**doc, "live_streaming": stream}, doc["account_id"])


# panelists ----------------------------------------------------------------------------------------
def add_panelists(ctx: Context) -> Doc:
    doc = lookup(ctx, m.WEBINAR)
    wanted = (ctx.body or {}).get("panelists") or []
    if PANELISTS.count(ctx.tx, str(doc["id"])) + len(wanted) > PANELIST_LIMIT:
        raise ctx.fail(3000, "limit for the number of panelists")
    for item in wanted:
        email = str(item.get("email") or "")
        found = PANELISTS.find(ctx.tx, "email", email, scope=str(doc["id"]))
        row = found or {
            "id": ctx.ids.uid(),
            "webinar_id": doc["id"],
            "account_id": doc["account_id"],
            "created": ctx.now,
            "email": email,
            "join_url": f"{m.JOIN_HOST}/w/{doc['id']}?tk={ctx.ids.secret(18)}",
        }
        row.update({k: v for k, v in item.items() if k != "email"})
        PANELISTS.save(ctx.tx, row)
    return {"id": str(doc["id"]), "updated_at": zulu(ctx.now)}


def list_panelists(ctx: Context) -> Any:
    doc = lookup(ctx, m.WEBINAR)
    rows = list(PANELISTS.each(ctx.tx, str(doc["id"])))
    return response_of("webinarPanelists", {"total_records": len(rows), "panelists": rows})


def remove_panelist(ctx: Context) -> None:
    doc = lookup(ctx, m.WEBINAR)
    row = PANELISTS.get(ctx.tx, ctx.path["panelistId"])
    if row is None or str(row["webinar_id"]) != str(doc["id"]):
        raise ZoomError(3000, "Panelist does not exist.", 404)
    PANELISTS.delete(ctx.tx, row)


def remove_all_panelists(ctx: Context) -> None:
    doc = lookup(ctx, m.WEBINAR)
    for row in list(PANELISTS.each(ctx.tx, str(doc["id"]))):
        PANELISTS.delete(ctx.tx, row)


def panelists_of(tx: Any, webinar_id: Any) -> list[Doc]:
    return list(PANELISTS.each(tx, str(webinar_id)))


def tracking_sources(ctx: Context) -> Doc:
    """The webinar's registration links per source; visits and registrations counted by the
    registrants that came through each (zemu has one source per webinar: its own page)."""
    doc = lookup(ctx, m.WEBINAR)
    registered = REGISTRANTS.count(ctx.tx, str(doc["id"]))
    url = doc.get("registration_url") or f"{m.JOIN_HOST}/webinar/register/{doc['id']}"
    source = {
        "id": f"{doc['id']}-web",
        "source_name": "Webinar page",
        "tracking_url": url,
        "registration_count": registered,
        "visitor_count": registered,
    }
    return {"total_records": 1, "tracking_sources": [source]}
