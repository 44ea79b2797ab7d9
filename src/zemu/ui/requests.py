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
from zemu.ui.render import render

LIST_LIMIT = 200
STATUS_CHOICES = (*STATUS_CLASSES, "200", "201", "204", "400", "401", "403", "404", "429", "500", "501")


def wanted_of(request: Request) -> RequestFilter:
    try:
        return RequestFilter.of(dict(request.query_params))
    except ZoomError:  # a status the select never offers: show everything rather than an error page
        return RequestFilter.of({k: v for k, v in request.query_params.items() if k != "status"})


def routes(rt: Runtime) -> list[BaseRoute]:
    def app_names(app_ids: set[str]) -> dict[str, str]:
        """Each app's name, by client ID: a point read per app seen (a handful)."""
        with rt.store.transaction(write=False) as tx:
            return {i: (get_app(tx, i) or {}).get("name", "(deleted app)") for i in app_ids}

    def context(wanted: RequestFilter) -> dict[str, Any]:
        rows = select(rt.requests, wanted, LIST_LIMIT)
        apps = {app["client_id"]: app["name"] for app in rt.list_apps()}
        seen = {r["app_id"] for r in rows if r.get("app_id")} - set(apps)
        apps.update(app_names(seen))
        if wanted.app_id and wanted.app_id not in apps:
            apps.update(app_names({wanted.app_id}))
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
        return render(request, "requests.html", tab="requests", title="Requests", **context(wanted_of(request)))

    async def table(request: Request) -> Response:
        return render(request, "requests_table.html", **context(wanted_of(request)))

    return [Route("/ui/requests", page), Route("/ui/requests/table", table)]
