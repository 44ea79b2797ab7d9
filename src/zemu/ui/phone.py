"""The Phone tab (``/ui/phone``): live calls as they happen (server-sent events from
``/ui/live``), a week of call history, recordings and voicemails playable in the page, SMS
threads and fax PDFs; and the forms that place a call, send a text or a fax through the control
plane (``POST /zemu/phone/calls``, ``/zemu/phone/sms``, ``/zemu/phone/faxes``).

Recordings, voicemails and faxes download from Zoom's URLs only with an access token; the
dashboard plays them through ``/ui/files/{fileId}``, which renders the same file behind the
dashboard's guard."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from zemu.runtime import Runtime
from zemu.services.phone_history import records as r
from zemu.services.phone_history.scan import newest_first
from zemu.services.resource import Collection
from zemu.sim.clock import zulu
from zemu.sim.phone.outcomes import OUTCOMES
from zemu.store import Tx
from zemu.store import terms as index
from zemu.ui.account import main_account
from zemu.ui.live import live_calls
from zemu.ui.render import fragment, reading, render

Doc = dict[str, Any]
WEEK = 7 * 24 * 3600.0
PAGE_SIZE = 10
SMS_MESSAGES_SHOWN = 6
# the live stream polls the store this often (real seconds) and ends after a while, so that a
# server stopping is not held by an open tab; the browser's EventSource reconnects at once
POLL_SECONDS = 0.25
STREAM_SECONDS = 15.0
RECENTLY_ENDED = 5
EXAMPLE_SCRIPT = (
    '[{"at_seconds": 4, "do": "answer"},\n {"at_seconds": 10, "do": "hold", "by": "callee"},\n'
    ' {"at_seconds": 20, "do": "unhold", "by": "callee"},\n {"at_seconds": 40, "do": "hang_up"}]'
)


def page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return 1


def recent(tx: Tx, collection: Collection, account_id: str, now: float, page: int) -> Doc:
    """A page of a history collection (newest first) of what happened in the last week: one
    range of the collection's index, as Zoom's own lists read it."""
    week = collection.query(account_id, lo=newest_first(now), hi=newest_first(now - WEEK))
    total = index.count(tx, week)
    last = max(1, -(-total // PAGE_SIZE))
    page = min(page, last)
    rows = index.page(tx, week, after=None, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, views=False)
    return {"docs": [doc for _cursor, doc in rows], "total": total, "page": page, "last": last}


def file_url(download_url: str) -> str:
    """The dashboard's own URL of a file Zoom serves at ``download_url``."""
    file_id = r.file_id_of(download_url)
    return f"/ui/files/{file_id}" if file_id else ""


def recording_of(tx: Tx, call_id: str) -> Doc | None:
    recording_id = tx.holder(r.RECORDING_REF_KEY, call_id)
    found = tx.get(r.RECORDING, recording_id) if recording_id else None
    return found.get("view") if found else None


def history_rows(tx: Tx, docs: list[Doc]) -> list[Doc]:
    rows = []
    for doc in docs:
        view = doc["view"]
        recording = recording_of(tx, view["call_id"]) if view.get("recording_status") == "recorded" else None
        rows.append({**view, "audio": file_url(recording["download_url"]) if recording else ""})
    return rows


def sms_threads(tx: Tx, docs: list[Doc]) -> list[Doc]:
    threads = []
    for doc in docs:
        messages = [m.body["view"] for m in tx.list(r.SMS_MESSAGE, parent=doc["id"], limit=SMS_MESSAGES_SHOWN)]
        messages.reverse()  # stored newest first, read oldest first
        threads.append({**doc["view"], "messages": messages, "count": tx.count(r.SMS_MESSAGE, parent=doc["id"])})
    return threads


def live_state(tx: Tx, account_id: str, now: float) -> tuple[str, frozenset[str]]:
    """The live panel: the calls in progress, then the account's last calls, which the call
    history holds from the moment a call ends; and the ids of the pending scheduled work."""
    calls, jobs = live_calls(tx, account_id)
    last = index.page(tx, r.CALLS.query(account_id), after=None, offset=0, limit=RECENTLY_ENDED, views=False)
    ended = [doc["view"] for _cursor, doc in last]
    in_progress = [c for c in calls if c["state"] != "ended"]
    return fragment("phone_live.html", calls=in_progress, ended=ended, now=now, zulu=zulu), jobs


def routes(rt: Runtime) -> list[BaseRoute]:
    def account_id(tx: Tx, request: Request) -> str:
        account = main_account(rt, tx, request.query_params.get("account"))
        return str(account["id"]) if account else ""

    def listing(template: str, collection: Collection, shape: Any = None) -> Any:
        async def endpoint(request: Request) -> Response:
            now = rt.now()

            def read(tx: Tx) -> Doc:
                owner = account_id(tx, request)
                found = recent(tx, collection, owner, now, page_number(request))
                items = shape(tx, found["docs"]) if shape else [d["view"] for d in found["docs"]]
                return {"items": items, "p": found, "account_id": owner}

            return render(request, template, file_url=file_url, **await reading(rt, read))

        return endpoint

    def overview(tx: Tx, request: Request, now: float) -> Doc:
        owner = account_id(tx, request)
        sections = {
            "history": recent(tx, r.CALLS, owner, now, 1),
            "recordings": recent(tx, r.RECORDINGS, owner, now, 1),
            "voicemails": recent(tx, r.VOICEMAILS, owner, now, 1),
            "sms": recent(tx, r.SMS_SESSIONS, owner, now, 1),
            "faxes": recent(tx, r.FAXES, owner, now, 1),
        }
        return {
            "account_id": owner,
            "live": live_state(tx, owner, now)[0],
            "parties": directory(tx, owner),
            "sections": sections,
            "items": {
                "history": history_rows(tx, sections["history"]["docs"]),
                "recordings": [d["view"] for d in sections["recordings"]["docs"]],
                "voicemails": [d["view"] for d in sections["voicemails"]["docs"]],
                "sms": sms_threads(tx, sections["sms"]["docs"]),
                "faxes": [d["view"] for d in sections["faxes"]["docs"]],
            },
        }

    async def page(request: Request) -> Response:
        now = rt.now()
        shown = await reading(rt, lambda tx: overview(tx, request, now))
        return render(
            request,
            "phone.html",
            tab="phone",
            title="Phone",
            outcomes=OUTCOMES,
            example_script=EXAMPLE_SCRIPT,
            file_url=file_url,
            **shown,
        )

    async def live(request: Request) -> Response:
        owner = await reading(rt, lambda tx: account_id(tx, request))
        return StreamingResponse(
            live_stream(rt, owner),
            media_type="text/event-stream",
            headers={"cache-control": "no-store", "x-accel-buffering": "no"},
        )

    async def live_now(request: Request) -> Response:
        now = rt.now()
        panel, _jobs = await reading(rt, lambda tx: live_state(tx, account_id(tx, request), now))
        return Response(panel, media_type="text/html", headers={"cache-control": "no-store"})

    async def download(request: Request) -> Response:
        """A recording, voicemail or fax as Zoom's download answers it (rendered off the event loop)."""
        doc = await reading(rt, lambda tx: r.FILES.get(tx, request.path_params["file_id"]))
        if doc is None:
            return PlainTextResponse("File does not exist.", status_code=404)
        body = await run_in_threadpool(r.file_body, doc)
        return ranged(request, body.data, body.content_type, body.filename)

    return [
        Route("/ui/phone", page),
        Route("/ui/live", live),
        Route("/ui/phone/live", live_now),
        Route("/ui/phone/history", listing("phone_history.html", r.CALLS, history_rows)),
        Route("/ui/phone/recordings", listing("phone_recordings.html", r.RECORDINGS)),
        Route("/ui/phone/voicemails", listing("phone_voicemails.html", r.VOICEMAILS)),
        Route("/ui/phone/sms", listing("phone_sms.html", r.SMS_SESSIONS, sms_threads)),
        Route("/ui/phone/faxes", listing("phone_faxes.html", r.FAXES)),
        Route("/ui/files/{file_id}", download),
    ]


async def live_stream(rt: Runtime, account_id: str) -> AsyncIterator[str]:
    """Server-sent events: ``calls`` (the live panel's HTML) whenever a call's state changes,
    ``records`` whenever scheduled work was done (something was filed: the lists reload), and
    ``clock`` (the emulated time) each second."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    last_panel = last_clock = ""
    last_jobs: frozenset[str] | None = None
    yield "retry: 500\n\n"
    while loop.time() - started < STREAM_SECONDS:
        now = rt.now()
        panel, jobs = await reading(rt, partial(live_state, account_id=account_id, now=now))
        if panel != last_panel:
            yield event("calls", panel)
            last_panel = panel
        if last_jobs is not None and jobs != last_jobs:
            yield event("records", "")
        last_jobs = jobs
        clock = zulu(now)
        if clock != last_clock:
            yield event("clock", clock)
            last_clock = clock
        await asyncio.sleep(POLL_SECONDS)


def event(name: str, data: str) -> str:
    lines = "".join(f"data: {line}\n" for line in (data.splitlines() or [""]))
    return f"event: {name}\n{lines}\n"


def ranged(request: Request, data: bytes, content_type: str, filename: str | None) -> Response:
    """The file, or the byte range a media element asks for (so it can seek)."""
    headers = {"accept-ranges": "bytes", "cache-control": "private, max-age=300"}
    if filename:
        headers["content-disposition"] = f'inline; filename="{filename}"'
    asked = request.headers.get("range", "")
    unit, _, spec = asked.partition("=")
    first, _, last = spec.partition("-")
    if unit.strip() != "bytes" or "," in spec or not (first.isdigit() or last.isdigit()):
        return Response(data, media_type=content_type, headers=headers)
    size = len(data)
    if first.isdigit():
        start, stop = int(first), min(int(last) if last.isdigit() else size - 1, size - 1)
    else:
        start, stop = max(0, size - int(last)), size - 1
    if start > stop or start >= size:
        return Response(status_code=416, headers={**headers, "content-range": f"bytes */{size}"})
    headers["content-range"] = f"bytes {start}-{stop}/{size}"
    return Response(data[start : stop + 1], status_code=206, media_type=content_type, headers=headers)


def directory(tx: Tx, account_id: str) -> list[Doc]:
    """Who can call or be called, for the forms' suggestions: users, common areas, queues and
    receptionists by extension."""
    found = []
    for kind, label in (
        ("phone_user", "user"),
        ("common_area", "common area"),
        ("call_queue", "call queue"),
        ("auto_receptionist", "auto receptionist"),
    ):
        for row in tx.list(kind, account_id=account_id, limit=200):
            doc = row.body
            if doc.get("extension_number"):
                found.append({"value": str(doc["extension_number"]), "label": f"{doc.get('name', '')} · {label}"})
    return found
