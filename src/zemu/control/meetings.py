"""Control-plane routes of the meeting simulator, and where recording downloads are served.

POST /zemu/meetings/{meetingId}/simulate   run an instance of a meeting or webinar → 201
     {"participants": 5 | [{"name", "email", "join_minute", "leave_minute",
                            "device", "phone_number", "feedback", "feedback_reason"}],
      "duration_minutes": 30, "record": true, "polls": true, "files": 2, "at": "…Z"}
     answers {"uuid", "id", "starts_at", "ends_at", "participants"}
GET  /rec/download/{fileId}                a recording file; needs an access token, as Zoom's
                                           download URLs do (bearer header or ?access_token=),
                                           or the recording's webhook ``download_token``
GET  /file/download/{fileId}               a file shared in a simulated meeting's chat (a PDF);
                                           needs an access token of its account
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.faults import refused
from zemu.control.inputs import boolean, integer, json_object, number, text
from zemu.errors import InvalidToken, NotFound, ZoomError, bad_request
from zemu.runtime import Runtime
from zemu.services.meetings import model as m
from zemu.services.meetings.download import render
from zemu.services.meetings.recordings import download_token_opens, file_of
from zemu.services.meetings.simulate import MAX_FILES, plan, shared_file, shared_file_bytes
from zemu.sim.clock import parse_zulu

MAX_PEOPLE = 1000


def checked(body: dict[str, Any]) -> dict[str, Any]:
    """The simulation's body, every field checked before anything changes (Zoom-shaped 400s)."""
    out: dict[str, Any] = {"record": boolean(body, "record", False), "polls": boolean(body, "polls", False)}
    if body.get("duration_minutes") is not None:
        out["duration_minutes"] = integer(body, "duration_minutes", 30, 1, 24 * 60)
    at = text(body, "at")
    if at is not None:
        try:
            parse_zulu(at)
        except ValueError:
            raise bad_request("at must be a time as yyyy-MM-ddTHH:mm:ssZ.") from None
        out["at"] = at
    if body.get("files") is not None:
        out["files"] = integer(body, "files", 0, 0, MAX_FILES)
    people = body.get("participants", 3)
    if isinstance(people, list):
        if len(people) > MAX_PEOPLE:
            raise bad_request(f"participants may list at most {MAX_PEOPLE} people.")
        out["participants"] = [_person(item) for item in people]
    else:
        out["participants"] = integer(body, "participants", 3, 1, MAX_PEOPLE)
    return out


def _person(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise bad_request("each participant must be an object with a name.")
    person: dict[str, Any] = {"name": text(item, "name") or ""}
    if not person["name"]:
        raise bad_request("each participant needs a name.")
    if text(item, "email"):
        person["email"] = text(item, "email")
    for field in ("join_minute", "leave_minute"):
        if item.get(field) is not None:
            person[field] = number(item, field, 0)
    # how they take part (the simulator checks the values): computer, phone or h323, and their survey answer
    for field in ("device", "phone_number", "feedback", "feedback_reason"):
        if text(item, field):
            person[field] = text(item, field)
    return person


def download_token(request: Request) -> str:
    """A download URL's token: the ``Authorization: Bearer`` header, or ``access_token`` in the
    query (Zoom's download URLs take either)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.query_params.get("access_token", "")


def meeting_routes(rt: Runtime) -> list[Route]:
    async def simulate(request: Request) -> Response:
        ref = request.path_params["meetingId"]
        try:
            body = checked(await json_object(request))
            with rt.store.transaction() as tx:
                doc = m.MEETING.collection.get(tx, ref) or m.WEBINAR.collection.get(tx, ref)
                if doc is None or doc.get("deleted_at"):
                    raise NotFound(3001, f"Meeting does not exist: {ref}.")
                ctx = rt.operator_context(tx, account_id=doc["account_id"])
                answer = plan(ctx, doc, body)
        except ZoomError as error:
            return refused(error)
        await rt.run_due()
        return JSONResponse(answer, status_code=201)

    async def download(request: Request) -> Response:
        token = download_token(request)
        try:
            with rt.store.transaction(write=False) as tx:
                if not token:
                    raise InvalidToken("Invalid access token.")
                found = file_of(tx, request.path_params["fileId"])
                if found is None or not download_token_opens(tx, token, found[0], rt.clock.now()):
                    held = rt.access_token(tx, token, rt.clock.now())
                    if found is None or found[0]["account_id"] != held.get("account_id"):
                        raise NotFound(3301, "There is no recording for this meeting.")
        except ZoomError as error:
            return refused(error)
        body = render(*found)
        disposition = f'attachment; filename="{body.filename}"' if body.filename else "attachment"
        return Response(body.data, media_type=body.content_type, headers={"Content-Disposition": disposition})

    async def file_download(request: Request) -> Response:
        """An in-meeting file (``download_url`` of past meeting files): a token of its account opens it."""
        token = download_token(request)
        try:
            with rt.store.transaction(write=False) as tx:
                if not token:
                    raise InvalidToken("Invalid access token.")
                held = rt.access_token(tx, token, rt.clock.now())
                found = shared_file(tx, request.path_params["fileId"])
                if found is None or found[0]["account_id"] != held.get("account_id"):
                    raise NotFound(3001, "File does not exist.")
        except ZoomError as error:
            return refused(error)
        instance, entry = found
        disposition = f'attachment; filename="{entry["file_name"]}"'
        data = shared_file_bytes(instance, entry)
        return Response(data, media_type="application/pdf", headers={"Content-Disposition": disposition})

    return [
        Route("/zemu/meetings/{meetingId}/simulate", simulate, methods=["POST"]),
        Route("/rec/download/{fileId}", download),
        Route("/file/download/{fileId}", file_download),
    ]
