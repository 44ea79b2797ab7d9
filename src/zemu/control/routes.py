"""HTTP routes of the control plane. Who may call them is ``zemu.control.guard``'s to decide."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.calls import call_routes
from zemu.control.coverage import coverage
from zemu.control.faults import fault_routes
from zemu.control.inputs import MAX_SEED, boolean, integer, json_object, number, query_count, text, texts
from zemu.control.meetings import meeting_routes
from zemu.control.requestlog import RequestFilter, select
from zemu.control.rooms import rooms_routes
from zemu.control.snapshots import snapshot_routes
from zemu.control.stats import stats_routes
from zemu.control.webhooks import webhook_routes
from zemu.errors import ZoomError, bad_request
from zemu.http.responses import error_response
from zemu.products import EMITTED_EVENTS, TRIGGERS
from zemu.runtime import Runtime
from zemu.services.apps import APP_TYPES
from zemu.services.context import Trigger
from zemu.services.users.pictures import read_picture
from zemu.sim.clock import zulu

Endpoint = Callable[[Request], Awaitable[Response]]


def answering_errors(endpoint: Endpoint) -> Endpoint:
    """A refused input (or any ZoomError) raised by a control route becomes Zoom's error body."""

    async def run(request: Request) -> Response:
        try:
            return await endpoint(request)
        except ZoomError as error:
            return error_response(error)

    return run


def trigger_params(body: dict[str, Any]) -> dict[str, str]:
    """A trigger's parameters are strings; a whole number is taken as its digits."""
    params: dict[str, str] = {}
    for key, value in body.items():
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        params[str(key)] = str(text({key: value}, str(key)))
    return params


def trigger_about(trigger: Trigger) -> str:
    """What a trigger does and which parameters it reads: its docstring, else its module's
    (where each product's trigger module says which ``params`` its triggers take)."""
    module = inspect.getmodule(trigger)
    doc = inspect.getdoc(trigger) or (inspect.getdoc(module) if module else None) or ""
    return " ".join(doc.replace("``", "").split())


class Control:
    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime

    def routes(self) -> list[Route]:
        routes = [
            Route("/zemu/health", self.health),
            Route("/zemu/reset", self.reset, methods=["POST"]),
            Route("/zemu/clock", self.clock, methods=["GET", "POST"]),
            Route("/zemu/clock/advance", self.advance, methods=["POST"]),
            Route("/zemu/requests", self.requests),
            Route("/zemu/coverage", self.coverage),
            Route("/zemu/rate-limits", self.rate_limits, methods=["GET", "POST"]),
            Route("/zemu/credentials", self.credentials),
            Route("/zemu/outbox", self.outbox),
            Route("/zemu/apps", self.apps, methods=["GET", "POST"]),
            Route("/zemu/apps/{client_id}", self.app, methods=["PATCH"]),
            Route("/zemu/triggers", self.triggers),
            Route("/zemu/trigger/{event}", self.trigger, methods=["POST"]),
            Route("/zemu/users/{user_id}/picture", self.picture),
            *webhook_routes(self.rt),
            *fault_routes(self.rt),
            *snapshot_routes(self.rt),
            *meeting_routes(self.rt),
            *call_routes(self.rt),
            *rooms_routes(self.rt),
            *stats_routes(self.rt),
        ]
        return [Route(r.path, answering_errors(r.endpoint), methods=list(r.methods or [])) for r in routes]

    async def health(self, request: Request) -> Response:
        return JSONResponse(
            {
                "status": "ok",
                "now": zulu(self.rt.clock.now()),
                "backend": self.rt.store.backend,
                "operations": len(self.rt.catalog.operations),
            }
        )

    async def reset(self, request: Request) -> Response:
        body = await json_object(request)
        demo = boolean(body, "demo", True)
        seed = integer(body, "seed", self.rt.config.seed, 0, MAX_SEED)
        reuse = boolean(body, "reuse", False)
        created = self.rt.reset(demo=demo, seed=seed, reuse=reuse)
        return JSONResponse({"status": "ok", "demo": demo, "seed": seed, "created": created})

    async def clock(self, request: Request) -> Response:
        if request.method == "POST":
            body = await json_object(request)
            if "time_scale" in body:
                scale = number(body, "time_scale", 1.0)
                try:
                    self.rt.clock.set_time_scale(scale)
                except ValueError as problem:
                    raise bad_request(str(problem)) from None
                self.rt.save_clock()
        return JSONResponse(self._clock())

    async def advance(self, request: Request) -> Response:
        body = await json_object(request)
        seconds = number(body, "seconds", 0)
        try:
            self.rt.clock.advance(seconds)
        except ValueError as problem:
            raise bad_request(str(problem)) from None
        await self.rt.run_due()
        return JSONResponse(self._clock())

    def _clock(self) -> dict[str, Any]:
        return {"now": zulu(self.rt.clock.now()), "time_scale": self.rt.clock.time_scale}

    async def requests(self, request: Request) -> Response:
        """Newest first; ``method``, ``status`` (404 or 4xx), ``path`` (a substring) and ``app``
        (a client_id) narrow it."""
        limit = query_count(request, "limit", 100, 2000, least=1)
        wanted = RequestFilter.of(dict(request.query_params))
        return JSONResponse({"requests": select(self.rt.requests, wanted, limit)})

    async def coverage(self, request: Request) -> Response:
        return JSONResponse(coverage(self.rt.catalog, self.rt.handlers, EMITTED_EVENTS))

    async def rate_limits(self, request: Request) -> Response:
        if request.method == "POST":
            profile = text(await json_object(request), "profile", "")
            if profile not in ("zoom", "off"):
                raise bad_request('profile must be "zoom" or "off".')
            self.rt.rate_limiter.set_profile(profile)
        return JSONResponse(self.rt.rate_limiter.describe())

    async def credentials(self, request: Request) -> Response:
        found = self.rt.credentials()
        if found is None:
            return error_response(ZoomError(2001, "No demo account.", 404))
        return JSONResponse(found)

    async def apps(self, request: Request) -> Response:
        """The demo account's apps; POST adds one (``type`` s2s or oauth, ``scopes``, ``name``, and
        ``account_id`` for an app of another account, such as a sub-account)."""
        if request.method == "GET":
            return JSONResponse({"apps": self.rt.list_apps()})
        body = await json_object(request)
        app_type = text(body, "type", "s2s")
        scopes = texts(body, "scopes")
        if app_type not in APP_TYPES or scopes is None:
            raise bad_request('type must be "s2s" or "oauth" and scopes a list of strings.')
        try:
            app = self.rt.create_app(
                text(body, "name") or "test app",
                app_type,
                scopes,
                texts(body, "redirect_uris") or [],
                text(body, "account_id") or None,
                boolean(body, "published", False),
            )
        except ValueError as problem:
            raise bad_request(str(problem)) from None
        return JSONResponse(app, status_code=201)

    async def app(self, request: Request) -> Response:
        """PATCH ``{"published": true}`` publishes an app: users of any account may then install it."""
        body = await json_object(request)
        if not isinstance(body.get("published"), bool):
            raise bad_request("published must be true or false.")
        app = self.rt.publish_app(request.path_params["client_id"], body["published"])
        if app is None:
            raise ZoomError(1401, "APP ID does not exist.", 404)
        return JSONResponse(app)

    async def triggers(self, request: Request) -> Response:
        """Every event ``POST /zemu/trigger/{event}`` can cause, with what its trigger takes."""
        listed = [{"event": event, "about": trigger_about(t)} for event, t in sorted(TRIGGERS.items())]
        return JSONResponse({"triggers": listed})

    async def trigger(self, request: Request) -> Response:
        """Perform the smallest real action that causes the event; answer the ids it touched."""
        event = request.path_params["event"]
        params = trigger_params(await json_object(request))
        if event not in self.rt.catalog.events:
            raise ZoomError(1601, f"Unknown event: {event}", 404)
        try:
            touched = self.rt.trigger(event, params)
        except KeyError:
            raise ZoomError(501, f"zemu has no trigger for {event} yet.", 501) from None
        except ValueError as problem:
            raise bad_request(str(problem)) from None
        await self.rt.run_due()
        return JSONResponse({"event": event, "touched": touched})

    async def picture(self, request: Request) -> Response:
        """A user's uploaded profile picture: where the API's ``pic_url`` points."""
        with self.rt.store.transaction(write=False) as tx:
            found = read_picture(tx, request.path_params["user_id"])
        if found is None:
            return error_response(ZoomError(1001, "User does not have a picture.", 404))
        content_type, data = found
        return Response(data, media_type=content_type)

    async def outbox(self, request: Request) -> Response:
        after, limit = query_count(request, "after", 0, 2**62), query_count(request, "limit", 1000, 10_000)
        with self.rt.store.transaction(write=False) as tx:
            rows = tx.outbox(after_seq=after, limit=limit)
        return JSONResponse(
            {
                "events": [
                    {"seq": seq, "account_id": acct, "event": ev, "event_ts": ts, "body": body}
                    for seq, acct, ev, ts, body in rows
                ]
            }
        )
