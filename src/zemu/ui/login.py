"""The dashboard's login: a browser cannot send the admin token as a header, so it is typed in
once (or given as ``?token=``) and kept as an HttpOnly, SameSite=Strict cookie that the guard
takes in its place (``zemu.control.guard.cookie_value``)."""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from zemu.control.guard import DASHBOARD_COOKIE, cookie_value
from zemu.runtime import Runtime
from zemu.ui.render import render


def routes(rt: Runtime) -> list[BaseRoute]:
    async def login(request: Request) -> Response:
        token = rt.config.admin_token
        target = local_path(request.query_params.get("next", "/"))
        if request.method == "POST":
            form = await request.form()
            offered = str(form.get("token", ""))
            target = local_path(str(form.get("next", target)))
        else:
            offered = request.query_params.get("token", "")
        if token is None:
            return RedirectResponse(target, status_code=303)  # nothing to log in to
        if offered and hmac.compare_digest(offered.encode(), token.encode()):
            answer = RedirectResponse(target, status_code=303)
            answer.set_cookie(DASHBOARD_COOKIE, cookie_value(token), httponly=True, samesite="strict", path="/")
            return answer
        failed = bool(offered)
        return render(request, "login.html", status_code=401 if failed else 200, failed=failed, next=target)

    async def logout(request: Request) -> Response:
        answer = RedirectResponse("/ui/login", status_code=303)
        answer.delete_cookie(DASHBOARD_COOKIE, path="/")
        return answer

    return [
        Route("/ui/login", login, methods=["GET", "POST"]),
        Route("/ui/logout", logout, methods=["POST"]),
    ]


def local_path(target: str) -> str:
    """Only a path of this server is a place to go back to after logging in."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"
