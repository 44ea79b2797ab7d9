"""Control-plane routes of snapshots (see ``store/snapshots.py`` for how the state is kept).

POST   /zemu/snapshots                  {name}  → 201 save the whole state (replaces one of that name)
GET    /zemu/snapshots                  every snapshot, by name
POST   /zemu/snapshots/{name}/restore   put the state back, clock included, in one transaction
DELETE /zemu/snapshots/{name}           204; 404 when unknown
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.faults import refused
from zemu.control.inputs import json_object
from zemu.errors import NotFound, ZoomError, bad_request
from zemu.runtime import Runtime
from zemu.sim.clock import real_seconds, zulu
from zemu.store import snapshots as store
from zemu.store.snapshots import Snapshot

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
NOT_FOUND = "Snapshot does not exist: {}."


def view(found: Snapshot) -> dict[str, object]:
    return {
        "name": found.name,
        "clock": zulu(found.saved_at),
        "time_scale": found.time_scale,
        "rows": found.row_count,
        "tables": sorted(found.layout),
    }


def snapshot_routes(rt: Runtime) -> list[Route]:
    async def collection(request: Request) -> Response:
        if request.method == "GET":
            with rt.store.transaction() as tx:
                found = store.every(tx)
            return JSONResponse({"snapshots": [view(s) for s in found]})
        try:
            name = (await json_object(request)).get("name")
            if not isinstance(name, str) or not NAME.match(name):
                raise bad_request(
                    "name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                )
        except ZoomError as error:
            return refused(error)
        rt.save_clock()
        with rt.store.transaction() as tx:
            saved = store.save(tx, name, rt.clock.now(), rt.clock.time_scale, rt.store.backend)
        return JSONResponse(view(saved), status_code=201)

    async def restore(request: Request) -> Response:
        name = request.path_params["name"]
        started = real_seconds()
        with rt.store.transaction() as tx:
            found = store.restore(tx, name, rt.store.backend)
        if found is None:
            return refused(NotFound(404, NOT_FOUND.format(name)))
        rt.restored(found.saved_at, found.time_scale)
        return JSONResponse({**view(found), "restored_in_ms": round((real_seconds() - started) * 1000, 1)})

    async def one(request: Request) -> Response:
        name = request.path_params["name"]
        with rt.store.transaction() as tx:
            deleted = store.delete(tx, name)
        if not deleted:
            return refused(NotFound(404, NOT_FOUND.format(name)))
        return Response(status_code=204)

    return [
        Route("/zemu/snapshots", collection, methods=["GET", "POST"]),
        Route("/zemu/snapshots/{name}/restore", restore, methods=["POST"]),
        Route("/zemu/snapshots/{name}", one, methods=["DELETE"]),
    ]
