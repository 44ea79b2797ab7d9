"""Control-plane routes of the webhook engine (subscriptions, deliveries, replay)."""

from __future__ import annotations

from starlette.routing import Route

from zemu.runtime import Runtime


def webhook_routes(runtime: Runtime) -> list[Route]:
    return []
