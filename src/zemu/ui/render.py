"""Rendering of the dashboard's pages and partials, and the tabs of its nav bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse

from zemu.control.guard import DASHBOARD_COOKIE
from zemu.runtime import Runtime
from zemu.sim.clock import zulu
from zemu.store import Tx

T = TypeVar("T")

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
ENV = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Tab:
    key: str
    title: str
    href: str


# the nav bar, in order; a page's template names its tab with ``tab=<key>`` when it renders
TABS = (
    Tab("account", "Account", "/"),
    Tab("phone", "Phone", "/ui/phone"),
    Tab("deliveries", "Deliveries", "/ui/deliveries"),
    Tab("requests", "Requests", "/ui/requests"),
    Tab("controls", "Controls", "/ui/controls"),
)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page (extending ``base.html``) or a partial (a bare fragment), as HTML."""
    rt = request.app.state.runtime
    logged_in = rt.config.admin_token is not None and DASHBOARD_COOKIE in request.cookies
    common = {"tabs": TABS, "clock": zulu(rt.now()), "logged_in": logged_in}
    page = ENV.get_template(template).render(request=request, **common, **context)
    return HTMLResponse(page, status_code=status_code, headers={"cache-control": "no-store"})


def is_partial(request: Request) -> bool:
    """Asked by the page's script for a fragment (``X-Zemu-Partial``), not navigated to."""
    return request.headers.get("x-zemu-partial") == "1"


def fragment(template: str, **context: Any) -> str:
    """A partial as text, for the live stream (no request at hand)."""
    return ENV.get_template(template).render(**context)


async def reading(rt: Runtime, work: Callable[[Tx], T]) -> T:
    """``work`` in a read-only transaction, where it cannot hold up the event loop: in a worker
    thread when the store waits on the network (PostgreSQL), inline on SQLite, whose connection
    belongs to the loop's thread (as the API does it)."""

    def run() -> T:
        with rt.store.transaction(write=False) as tx:
            return work(tx)

    if rt.store.blocking:
        return await run_in_threadpool(run)
    return run()
