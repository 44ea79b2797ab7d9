"""The dashboard served at ``/``: server-rendered pages (Jinja2) with a few dozen lines of our
own JavaScript (``static/zemu.js``) that post forms to the control plane as JSON, swap partials
and follow the live-call stream.

Each page is a module exposing ``routes(rt) -> list[BaseRoute]``; ``PAGES`` lists them, and
``nav.TABS`` names the tabs of the nav bar. Every route here sits behind the control plane's
guard (``zemu.control.guard``), which also takes the dashboard's login cookie.
"""

from __future__ import annotations

from types import ModuleType

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from zemu.runtime import Runtime
from zemu.ui import account, controls, deliveries, login, phone, requests
from zemu.ui.render import STATIC_DIR

# one module per page (or group of routes); a new page adds its module here and a tab in nav.TABS
PAGES: list[ModuleType] = [login, account, phone, deliveries, requests, controls]


def ui_routes(rt: Runtime) -> list[BaseRoute]:
    routes: list[BaseRoute] = [Mount("/ui/static", StaticFiles(directory=STATIC_DIR), name="static")]
    for page in PAGES:
        routes.extend(page.routes(rt))
    return routes
