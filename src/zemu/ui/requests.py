"""The Requests tab (``/ui/requests``): the last /v2 requests this process served, newest first,
with their status, latency and the app that called, filtered by method, status, path and app.

It reads the same in-memory log and the same filter as ``GET /zemu/requests``
(``zemu.control.requestlog``). Query strings were redacted when recorded, and an app is shown
by its name and client ID only, never its secret.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zemu.control.requestlog import STATUS_CLASSES, RequestFilter, select
from zemu.errors import ZoomError
from zemu.faults import METHODS
from zemu.runtime import Runtime
from zemu.services.apps import get_app
from zemu.store import Tx
from zemu.ui.render import reading, render

LIST_LIMIT = 200
STATUS_CHOICES = (*STATUS_CLASSES, "200", "201", "204", "400", "401", "403", "404", "429", "500", "501")


def wanted_of(request: Request) -> RequestFilter:
    try:
        return RequestFilter.of(dict(request.query_params))
    except ZoomError:  # a status the select never offers: show everything rather than an error page
        return RequestFilter.of({k: v for k, v in request.query_params.items() if k != "status"})


def app_names(tx: Tx, app_ids: set[str]) -> dict[str, str]:
    """Each app's name by client ID, sorted by name: a point read per app (a handful)."""
    names = {i: (get_app(tx, i) or {}).get("name", "(deleted app)") for i in app_ids}
    return dict(sorted(names.items(), key=lambda item: (item[1], item[0])))


def routes(rt: Runtime) -> list[BaseRoute]:
    async def context(wanted: RequestFilter) -> dict[str, Any]:
        rows = select(rt.requests, wanted, LIST_LIMIT)
        # the apps that called, of the whole log: what the app filter offers
        callers = {r["app_id"] for r in list(rt.requests) if r.get("app_id")} | ({wanted.app_id} - {""})
        apps = await reading(rt, lambda tx: app_names(tx, callers))
        return {
            "rows": rows,
            "apps": apps,
            "wanted": wanted,
            "methods": METHODS,
            "statuses": STATUS_CHOICES,
            "limit": LIST_LIMIT,
            "kept": rt.requests.maxlen,
        }

    async def page(request: Request) -> Response:
        return render(request, "requests.html", tab="requests", title="Requests", **await context(wanted_of(request)))

    async def table(request: Request) -> Response:
        return render(request, "requests_table.html", **await context(wanted_of(request)))

    return [Route("/ui/requests", page), Route("/ui/requests/table", table)]
