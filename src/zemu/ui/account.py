"""The Account tab (``/``): who and what the emulated account holds, and its credentials."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from zemu.runtime import Runtime
from zemu.ui.render import render

SECRET_FIELDS = ("client_secret", "webhook_secret_token")


def routes(rt: Runtime) -> list[BaseRoute]:
    async def page(request: Request) -> Response:
        creds = rt.credentials() or {}
        shown = {k: v for k, v in creds.items() if k not in SECRET_FIELDS}
        secrets = [k for k in SECRET_FIELDS if k in creds]
        return render(request, "account.html", tab="account", title="Account", creds=shown, secrets=secrets)

    async def secret(request: Request) -> Response:
        """One secret, asked for by its "show" button: the page itself never holds it."""
        name = request.path_params["name"]
        creds = rt.credentials() or {}
        if name not in SECRET_FIELDS or name not in creds:
            return PlainTextResponse("unknown secret", status_code=404)
        return PlainTextResponse(str(creds[name]), headers={"cache-control": "no-store"})

    return [
        Route("/", page),
        Route("/ui/account/secret/{name}", secret),
    ]
