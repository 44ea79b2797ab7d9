"""The Controls tab (``/ui/controls``): the emulated clock, reset to the demo, snapshots, the
rate-limit profile, fault rules, and a form that triggers any webhook event that has a trigger.

Every button posts to the control plane (``/zemu/clock``, ``/zemu/clock/advance``,
``/zemu/reset``, ``/zemu/snapshots``, ``/zemu/rate-limits``, ``/zemu/faults``,
``/zemu/trigger/{event}``) from the
page's script; this module only renders the state those routes change.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zemu.control.routes import trigger_about
from zemu.control.snapshots import view as snapshot_view
from zemu.faults import EFFECTS, LIMIT_TYPES, METHODS, public
from zemu.products import TRIGGERS
from zemu.runtime import Runtime
from zemu.sim.clock import MAX_TIME_SCALE, zulu
from zemu.store import faults as fault_rows
from zemu.store import snapshots as snapshot_rows
from zemu.ui.render import reading, render

# what the clock's "advance by" offers, in seconds
UNITS = (("minutes", 60), ("hours", 3600), ("days", 86400), ("seconds", 1))
TIME_SCALES = (1.0, 10.0, 60.0, 600.0, 3600.0)


def routes(rt: Runtime) -> list[BaseRoute]:
    triggers = [{"event": event, "about": trigger_about(t)} for event, t in sorted(TRIGGERS.items())]
    products = sorted({op.product for op in rt.catalog.operations})

    def clock() -> dict[str, Any]:
        return {"now": zulu(rt.clock.now()), "time_scale": rt.clock.time_scale}

    async def faults() -> list[dict[str, Any]]:
        found = await reading(rt, fault_rows.every)
        now = rt.clock.now()
        return [public(row, now) for row in found]

    async def snapshots() -> list[dict[str, Any]]:
        found = await reading(rt, snapshot_rows.every)  # its first read makes the table: allowed here
        return [snapshot_view(s) for s in found]

    async def page(request: Request) -> Response:
        return render(
            request,
            "controls.html",
            tab="controls",
            title="Controls",
            clock_state=clock(),
            units=UNITS,
            time_scales=TIME_SCALES,
            max_scale=MAX_TIME_SCALE,
            profile=rt.rate_limiter.profile,
            faults=await faults(),
            snapshots=await snapshots(),
            effects=EFFECTS,
            limit_types=LIMIT_TYPES,
            methods=METHODS,
            products=products,
            triggers=triggers,
            seed=rt.config.seed,
        )

    async def clock_partial(request: Request) -> Response:
        return render(request, "controls_clock.html", clock_state=clock())

    async def limits_partial(request: Request) -> Response:
        return render(request, "controls_limits.html", profile=rt.rate_limiter.profile)

    async def faults_partial(request: Request) -> Response:
        return render(request, "controls_faults.html", faults=await faults())

    async def snapshots_partial(request: Request) -> Response:
        return render(request, "controls_snapshots.html", snapshots=await snapshots())

    return [
        Route("/ui/controls", page),
        Route("/ui/controls/snapshots", snapshots_partial),
        Route("/ui/controls/clock", clock_partial),
        Route("/ui/controls/limits", limits_partial),
        Route("/ui/controls/faults", faults_partial),
    ]
