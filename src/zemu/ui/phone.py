"""The Phone tab (``/ui/phone``): live calls, call history, recordings, voicemails, SMS and faxes,
and the forms that place calls and send messages through the control plane."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zemu.runtime import Runtime
from zemu.ui.render import render


def routes(rt: Runtime) -> list[BaseRoute]:
    async def page(request: Request) -> Response:
        return render(request, "phone.html", tab="phone", title="Phone")

    return [Route("/ui/phone", page)]
