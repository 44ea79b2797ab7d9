"""The two servers under test, each run in its own child process by ``run.py``.

    python bench/servers.py bare --port 8123
    python bench/servers.py zemu --port 8124 [--db PATH-OR-URL] [--schema NAME]

Both go through ``serve`` so they share one uvicorn configuration: the baseline differs from zemu
only by the ASGI app. A child stops by itself when its parent dies or its lifetime runs out, so a
crashed benchmark never leaves a server behind.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

BARE_BODY = {"id": "bench", "status": "ok", "page_size": 30}


def uvicorn_settings(loop: str, http: str) -> dict[str, Any]:
    """Identical for both servers. Access logs are off: they would measure the terminal."""
    return {
        "loop": loop,
        "http": http,
        "workers": 1,
        "log_level": "warning",
        "access_log": False,
        "lifespan": "on",
        "timeout_keep_alive": 30,
    }


def bare_app() -> Starlette:
    """The baseline: a Starlette route answering a small JSON object, with a health route like zemu's."""

    async def hello(request: Request) -> Response:
        return JSONResponse(BARE_BODY)

    return Starlette(routes=[Route("/", hello), Route("/zemu/health", hello)])


def zemu_app(port: int, db: str = ":memory:", schema: str | None = None) -> Starlette:
    from zemu import Config, create_app

    return create_app(Config(host="127.0.0.1", port=port, db=db, db_schema=schema, strict=False))


def _watch(server: uvicorn.Server, parent: int, lifetime: float) -> None:
    """Ask the server to exit once the benchmark process is gone or the lifetime is spent."""
    deadline = time.monotonic() + lifetime
    while not server.should_exit:
        if os.getppid() != parent or time.monotonic() > deadline:
            server.should_exit = True
        time.sleep(0.5)


def serve(
    kind: str, port: int, loop: str, http: str, lifetime: float, db: str = ":memory:", schema: str | None = None
) -> None:
    app = bare_app() if kind == "bare" else zemu_app(port, db, schema)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, **uvicorn_settings(loop, http))
    server = uvicorn.Server(config)
    threading.Thread(target=_watch, args=(server, os.getppid(), lifetime), daemon=True).start()
    server.run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["bare", "zemu"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--loop", default="auto")
    parser.add_argument("--http", default="auto")
    parser.add_argument("--lifetime", type=float, default=600.0, help="seconds before the server quits")
    parser.add_argument("--db", default=":memory:", help="zemu's store: a SQLite path or a PostgreSQL URL")
    parser.add_argument("--schema", default=None, help="PostgreSQL schema of zemu's tables")
    args = parser.parse_args()
    serve(args.kind, args.port, args.loop, args.http, args.lifetime, args.db, args.schema)


if __name__ == "__main__":
    main()
