"""Control-plane routes of the phone traffic simulator.

    POST /zemu/phone/calls  {from, to, outcome?, ring_seconds?, talk_seconds?, record?, at?,
                             transcribe?, ai_summary?}
                            → 201 {call_id, call_history_id, ends_at, recording_id?, voicemail_id?, ...}

A refused body answers Zoom's 400 and changes nothing; the call's steps then happen at their
emulated times (what is due at once, such as the first ring, happens before the answer).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.faults import json_object, refused
from zemu.errors import ZoomError
from zemu.runtime import Runtime
from zemu.sim.phone.product import place_call


def call_routes(rt: Runtime) -> list[Route]:
    async def calls(request: Request) -> Response:
        try:
            body = await json_object(request)
            with rt.store.transaction() as tx:
                placed = place_call(rt.operator_context(tx), body)
        except ZoomError as error:
            return refused(error)
        await rt.run_due()
        return JSONResponse(placed, status_code=201)

    return [Route("/zemu/phone/calls", calls, methods=["POST"])]
