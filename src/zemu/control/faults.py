"""Control-plane routes of fault rules (see ``zemu/faults.py`` for what a rule is).

POST   /zemu/faults         {effect, status?, code?, message?, latency_ms?, limit_type?, product?,
                             operation?, method?, path?, account_id?, probability?, seed?, times?,
                             duration_seconds?}  → 201 the rule, with its id
GET    /zemu/faults         every rule, the oldest first, with its matches and whether it is active
GET    /zemu/faults/{id}    one rule (404 when unknown)
DELETE /zemu/faults/{id}    one rule (204; 404 when unknown)
DELETE /zemu/faults         every rule (204)
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.inputs import json_object
from zemu.errors import NotFound, ZoomError
from zemu.faults import parse_rule, public
from zemu.http.responses import error_response
from zemu.runtime import Runtime
from zemu.store import faults as rows

RULE_NOT_FOUND = "Fault rule does not exist: {}."


def refused(error: ZoomError) -> Response:
    return error_response(error)


def fault_routes(rt: Runtime) -> list[Route]:
    def new_seed() -> int:
        return rt.ids.number(0, 2**31 - 1)

    async def collection(request: Request) -> Response:
        if request.method == "GET":
            with rt.store.transaction(write=False) as tx:
                found = rows.every(tx)
            now = rt.clock.now()
            return JSONResponse({"faults": [public(row, now) for row in found]})
        if request.method == "DELETE":
            with rt.store.transaction() as tx:
                rows.clear(tx)
            rt.faults.forget()
            return Response(status_code=204)
        try:
            rule = parse_rule(await json_object(request), rt.catalog, new_seed)
        except ZoomError as error:
            return refused(error)
        now = rt.clock.now()
        duration = rule.get("duration_seconds")
        with rt.store.transaction() as tx:
            row = rows.insert(tx, rt.ids.uid(), rule, now, None if duration is None else now + duration)
        rt.faults.forget()
        return JSONResponse(public(row, now), status_code=201)

    async def one(request: Request) -> Response:
        rule_id = request.path_params["id"]
        with rt.store.transaction(write=request.method == "DELETE") as tx:
            found = rows.get(tx, rule_id)
            if found is not None and request.method == "DELETE":
                rows.delete(tx, rule_id)
        if found is None:
            return refused(NotFound(404, RULE_NOT_FOUND.format(rule_id)))
        if request.method == "GET":
            return JSONResponse(public(found, rt.clock.now()))
        rt.faults.forget()
        return Response(status_code=204)

    return [
        Route("/zemu/faults", collection, methods=["GET", "POST", "DELETE"]),
        Route("/zemu/faults/{id}", one, methods=["GET", "DELETE"]),
    ]
