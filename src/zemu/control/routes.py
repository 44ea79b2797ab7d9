"""HTTP routes of the control plane. Open on loopback; an admin token guards it elsewhere."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.coverage import coverage
from zemu.control.faults import fault_routes
from zemu.control.meetings import meeting_routes
from zemu.control.snapshots import snapshot_routes
from zemu.control.webhooks import webhook_routes
from zemu.errors import ZoomError, bad_request
from zemu.http.responses import error_response
from zemu.runtime import Runtime
from zemu.services import EMITTED_EVENTS
from zemu.services.apps import APP_TYPES
from zemu.services.users.pictures import read_picture
from zemu.sim.clock import zulu


async def _json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


def _bad(message: str) -> Response:
    return error_response(bad_request(message))


def _count(request: Request, name: str, default: int, most: int) -> int:
    """A whole-number query parameter, bounded; refused (ValueError) when it is not one."""
    return max(0, min(int(request.query_params.get(name, default)), most))


class Control:
    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime

    def routes(self) -> list[Route]:
        return [
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
            Route("/zemu/trigger/{event}", self.trigger, methods=["POST"]),
            Route("/zemu/users/{user_id}/picture", self.picture),
            *webhook_routes(self.rt),
            *fault_routes(self.rt),
            *snapshot_routes(self.rt),
            *meeting_routes(self.rt),
        ]

    def allowed(self, request: Request) -> bool:
        token = self.rt.config.admin_token
        if token is None:
            return True
        return request.headers.get("authorization", "") == f"Bearer {token}"

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "now": zulu(self.rt.clock.now()), "backend": self.rt.store.backend,
                             "operations": len(self.rt.catalog.operations)})

    async def reset(self, request: Request) -> Response:
        try:
            body = await _json(request)
            demo = bool(body.get("demo", True))
            seed = int(body.get("seed", self.rt.config.seed))
        except (ValueError, TypeError) as problem:
            return _bad(str(problem))
        created = self.rt.reset(demo=demo, seed=seed)
        return JSONResponse({"status": "ok", "demo": demo, "seed": seed, "created": created})

    async def clock(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                body = await _json(request)
                if "time_scale" in body:
                    self.rt.clock.set_time_scale(float(body["time_scale"]))
                    self.rt.save_clock()
            except (ValueError, TypeError) as problem:
                return _bad(str(problem))
        return JSONResponse(self._clock())

    async def advance(self, request: Request) -> Response:
        try:
            body = await _json(request)
            seconds = float(body.get("seconds", 0))
            self.rt.clock.advance(seconds)
        except (ValueError, TypeError) as problem:
            return _bad(str(problem))
        await self.rt.run_due()
        return JSONResponse(self._clock())

    def _clock(self) -> dict[str, Any]:
        return {"now": zulu(self.rt.clock.now()), "time_scale": self.rt.clock.time_scale}

    async def requests(self, request: Request) -> Response:
        try:
            limit = _count(request, "limit", 100, 2000)
        except ValueError:
            return _bad("limit must be a whole number")
        rows = list(self.rt.requests)[-limit:][::-1]
        return JSONResponse({"requests": [{**r, "at": zulu(r["at"])} for r in rows]})

    async def coverage(self, request: Request) -> Response:
        return JSONResponse(coverage(self.rt.catalog, self.rt.handlers, EMITTED_EVENTS))

    async def rate_limits(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                body = await _json(request)
                self.rt.rate_limiter.set_profile(str(body.get("profile", "")))
            except (ValueError, TypeError):
                return _bad('profile must be "zoom" or "off"')
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
        try:
            body = await _json(request)
            app_type = str(body.get("type", "s2s"))
            scopes = body.get("scopes")
            if app_type not in APP_TYPES or not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
                raise ValueError('type must be "s2s" or "oauth" and scopes a list of strings')
            redirects = [str(u) for u in body.get("redirect_uris", [])]
            account_id = str(body["account_id"]) if body.get("account_id") else None
            published = body.get("published", False)
            if not isinstance(published, bool):
                raise ValueError("published must be true or false")
            app = self.rt.create_app(str(body.get("name", "test app")), app_type, scopes, redirects, account_id,
                                     published)
        except (ValueError, TypeError) as problem:
            return _bad(str(problem))
        return JSONResponse(app, status_code=201)

    async def app(self, request: Request) -> Response:
        """PATCH ``{"published": true}`` publishes an app: users of any account may then install it."""
        try:
            body = await _json(request)
            published = body.get("published")
            if not isinstance(published, bool):
                raise ValueError("published must be true or false")
        except (ValueError, TypeError, AttributeError) as problem:
            return _bad(str(problem))
        app = self.rt.publish_app(request.path_params["client_id"], published)
        if app is None:
            return error_response(ZoomError(1401, "APP ID does not exist.", 404))
        return JSONResponse(app)

    async def trigger(self, request: Request) -> Response:
        """Perform the smallest real action that causes the event; answer the ids it touched."""
        event = request.path_params["event"]
        try:
            body = await _json(request)
            params = {str(k): str(v) for k, v in body.items()}
        except ValueError as problem:
            return _bad(str(problem))
        if event not in self.rt.catalog.events:
            return error_response(ZoomError(1601, f"Unknown event: {event}", 404))
        try:
            touched = self.rt.trigger(event, params)
        except KeyError:
            return error_response(ZoomError(501, f"zemu has no trigger for {event} yet.", 501))
        except ZoomError as error:
            return error_response(error)
        except ValueError as problem:
            return _bad(str(problem))
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
        try:
            after, limit = _count(request, "after", 0, 2**62), _count(request, "limit", 1000, 10_000)
        except ValueError:
            return _bad("after and limit must be whole numbers")
        with self.rt.store.transaction(write=False) as tx:
            rows = tx.outbox(after_seq=after, limit=limit)
        return JSONResponse({"events": [{"seq": seq, "account_id": acct, "event": ev, "event_ts": ts, "body": body}
                                        for seq, acct, ev, ts, body in rows]})
