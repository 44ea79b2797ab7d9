"""Control-plane routes of the meeting simulator, and where recording downloads are served.

    POST /zemu/meetings/{meetingId}/simulate   run an instance of a meeting or webinar → 201
         {"participants": 5 | [{"name", "email", "join_minute", "leave_minute"}],
          "duration_minutes": 30, "record": true, "polls": true, "at": "…Z"}
         answers {"uuid", "id", "starts_at", "ends_at", "participants"}
    GET  /rec/download/{fileId}                a recording file; needs an access token, as Zoom's
                                               download URLs do (bearer header or ?access_token=),
                                               or the recording's webhook ``download_token``
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.faults import refused
from zemu.control.inputs import json_object
from zemu.errors import InvalidToken, NotFound, ZoomError
from zemu.runtime import Runtime
from zemu.services.meetings import model as m
from zemu.services.meetings.download import render
from zemu.services.meetings.recordings import download_token_opens, file_of
from zemu.services.meetings.simulate import plan


def meeting_routes(rt: Runtime) -> list[Route]:
    async def simulate(request: Request) -> Response:
        ref = request.path_params["meetingId"]
        try:
            body = await json_object(request)
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
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else \
            request.query_params.get("access_token", "")
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

    return [Route("/zemu/meetings/{meetingId}/simulate", simulate, methods=["POST"]),
            Route("/rec/download/{fileId}", download)]
