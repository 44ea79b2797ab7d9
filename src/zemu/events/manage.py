"""Subscription changes made from the control plane (which, unlike API handlers, can await the
URL validation instead of blocking on it)."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.events import subscriptions
from zemu.events.worker import DEMO_APP_KEY, DeliveryWorker
from zemu.services.apps import get_app


async def subscribe(worker: DeliveryWorker, spec: dict[str, Any]) -> dict[str, Any]:
    """Create a subscription from ``{url, events?, app_id?, name?, validate?, custom_header?}``.
    ``events`` defaults to every event the app may receive; ``validate: false`` skips URL
    validation, now and every 72 hours (a zemu extension for receivers that lack it)."""
    rt = worker.rt
    url = spec.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise (
            ZoomError(1500, "The event webhook url is empty.", 400)
            if not url
            else ZoomError(1500, f"The event webhook url is invalid: {url}", 400)
        )
    validate = bool(spec.get("validate", True))
    with rt.store.transaction(write=False) as tx:
        app = get_app(tx, str(spec.get("app_id") or tx.meta(DEMO_APP_KEY) or ""))
        if app is None:
            raise ZoomError(1401, f"APP ID does not exist: {spec.get('app_id')}.", 404)
        scopes = rt.scope_set(tx, app["scope_set"])
        events = spec.get("events")
        if events is None:
            events = subscriptions.allowed_events(rt.catalog, scopes)
        if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
            raise ZoomError(300, "events must be a list of event names", 400)
        subscriptions.check_events(rt.catalog, scopes, events)
        subscriptions.check_room(tx, app["id"])
    if validate:
        check = await worker.check_url(url, app["webhook_secret_token"])
        if not check.ok:
            raise ZoomError(1701, f"The event webhook url validate failed: {url}. ({check.error})", 400)
    with rt.store.transaction() as tx:
        subscriptions.check_room(tx, app["id"])
        sub = subscriptions.new_subscription(
            subscriptions.new_id(rt.ids),
            rt.now(),
            app=app,
            url=url,
            events=events,
            name=str(spec.get("name") or url),
            custom_header=spec.get("custom_header"),
            source="zemu",
            validate=validate,
            validated=validate,
        )
        subscriptions.save(tx, sub)
    return subscriptions.public(sub)
