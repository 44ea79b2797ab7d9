"""Control-plane routes of the phone traffic simulator.

    POST /zemu/phone/calls  {from, to, outcome?, ring_seconds?, talk_seconds?, record?, at?,
                             transcribe?, ai_summary?, keys?, steps?, forwarded_outcome?}
                            → 201 {call_id, call_history_id, ends_at, recording_id?, voicemail_id?,
                                   call_history_ids? (a call between two accounts), ...}

    POST /zemu/phone/sms    {from, to, message, at?, attachments?}
                            → 201 {session_id, message_id, date_time}
    POST /zemu/phone/faxes  {from, to, pages?, at?}
                            → 201 {fax_id, fax_log_id, fax_log_ids, file_id, pages, create_time}

A refused body answers Zoom's 400 and changes nothing; the call's steps then happen at their
emulated times (what is due at once, such as the first ring, happens before the answer).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.faults import json_object, refused
from zemu.errors import ZoomError
from zemu.runtime import Runtime
from zemu.services.context import Context
from zemu.sim.phone import fax, sms
from zemu.sim.phone.product import place_call

Act = Callable[[Context, Any], dict[str, Any]]


def call_routes(rt: Runtime) -> list[Route]:
    def acting(act: Act) -> Callable[[Request], Awaitable[Response]]:
        """A route that runs ``act`` on the body in one transaction, then plays what became due."""

        async def endpoint(request: Request) -> Response:
            try:
                body = await json_object(request)
                with rt.store.transaction() as tx:
                    made = act(rt.operator_context(tx), body)
            except ZoomError as error:
                return refused(error)
            await rt.run_due()
            return JSONResponse(made, status_code=201)

        return endpoint

    return [
        Route("/zemu/phone/calls", acting(place_call), methods=["POST"]),
        Route("/zemu/phone/sms", acting(sms.send), methods=["POST"]),
        Route("/zemu/phone/faxes", acting(fax.send), methods=["POST"]),
    ]
