"""Event subscriptions of apps: stored documents, the rules for saving them, and matching.

A subscription belongs to an app (at most 20 per app) and has its own endpoint URL and event
list; the app's one secret token signs everything sent to it. ``validation`` holds the state of
the URL-validation check (zoom-conventions §8.4); ``validate: false`` is zemu's opt-out for
receivers that do not implement the check.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from zemu.catalog import Catalog
from zemu.errors import ZoomError
from zemu.events.schedule import MAX_SUBSCRIPTIONS_PER_APP, REVALIDATE_EVERY
from zemu.ids import Ids
from zemu.sim.clock import zulu
from zemu.store import Tx

KIND = "event_subscription"
ACTIVE = "active"
DISABLED = "disabled"
SOURCES = ("openapi", "zemu", "cli")
Subscription = dict[str, Any]


def allowed_events(catalog: Catalog, scopes: set[str] | frozenset[str]) -> list[str]:
    """The catalogue's events an app holding ``scopes`` may subscribe to."""
    return [e.name for e in catalog.events.values() if not e.scopes or not scopes.isdisjoint(e.scopes)]


def check_events(catalog: Catalog, scopes: set[str] | frozenset[str], events: list[str]) -> None:
    if not events:
        raise ZoomError(1500, "The events list is empty.", 400)
    for name in events:
        event = catalog.events.get(name)
        if event is None:
            raise ZoomError(1601, f"App event not exists: {name}", 404)
        if event.scopes and scopes.isdisjoint(event.scopes):
            raise ZoomError(1602, f"The event is not allowed for the app: {name}", 400)


def check_room(tx: Tx, app_id: str) -> None:
    if tx.count(KIND, parent=app_id) >= MAX_SUBSCRIPTIONS_PER_APP:
        raise ZoomError(1500, f"An app can have at most {MAX_SUBSCRIPTIONS_PER_APP} event subscriptions.", 400)


def new_subscription(
    sub_id: str,
    now: float,
    *,
    app: dict[str, Any],
    url: str,
    events: list[str],
    name: str,
    scope: str = "account",
    user_ids: list[str] | None = None,
    custom_header: dict[str, Any] | None = None,
    source: str = "openapi",
    validate: bool = True,
    validated: bool = False,
) -> Subscription:
    return {
        "id": sub_id,
        "app_id": app["id"],
        "account_id": app["account_id"],
        "name": name,
        "url": url,
        "events": list(dict.fromkeys(events)),
        "scope": scope,
        "user_ids": list(user_ids or []),
        "custom_header": custom_header or {"custom_header_type": 0},
        "source": source,
        "subscriber_id": app["owner_id"],
        "status": ACTIVE,
        "subscribed": True,
        "created_at": zulu(now),
        "validation": {
            "enabled": validate,
            "failures": 0,
            "last_at": now if validated else None,
            "last_ok": True if validated else None,
            "last_error": None,
            "next_at": now + REVALIDATE_EVERY if validate else None,
        },
    }


def save(tx: Tx, sub: Subscription) -> None:
    tx.put(KIND, sub["id"], sub, account_id=sub["account_id"], parent=sub["app_id"], sort=sub["created_at"] + sub["id"])


def get(tx: Tx, sub_id: str) -> Subscription | None:
    return tx.get(KIND, sub_id)


def delete(tx: Tx, sub_id: str) -> bool:
    return tx.delete(KIND, sub_id)


def of_app(tx: Tx, app_id: str) -> list[Subscription]:
    return [row.body for row in tx.list(KIND, parent=app_id, limit=MAX_SUBSCRIPTIONS_PER_APP * 2)]


def every(tx: Tx, limit: int = 10_000) -> list[Subscription]:
    return [row.body for row in tx.list(KIND, limit=limit)]


def receiving(tx: Tx, account_id: str) -> list[Subscription]:
    """The subscriptions events of ``account_id`` are delivered to now."""
    return [
        row.body
        for row in tx.list(KIND, account_id=account_id, limit=10_000)
        if row.body["status"] == ACTIVE and row.body.get("subscribed", True)
    ]


def cli_subscription_id(app_id: str, url: str) -> str:
    """``zemu serve --webhook URL`` subscriptions have a stable id, so a restart reuses them."""
    digest = hashlib.sha256(f"cli|{app_id}|{url}".encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def ensure_cli(
    tx: Tx, catalog: Catalog, scopes: frozenset[str], app: dict[str, Any], urls: tuple[str, ...], now: float
) -> None:
    """Subscribe the demo app to every event it may receive at each ``--webhook`` URL (idempotent).
    These skip URL validation: the receiver may not implement it, nor be up yet."""
    for url in urls:
        sub_id = cli_subscription_id(app["id"], url)
        if get(tx, sub_id) is None:
            save(
                tx,
                new_subscription(
                    sub_id,
                    now,
                    app=app,
                    url=url,
                    events=allowed_events(catalog, scopes),
                    name=f"zemu serve --webhook {url}",
                    source="cli",
                    validate=False,
                ),
            )


def public(sub: Subscription) -> dict[str, Any]:
    """A subscription as the control plane shows it."""
    validation = dict(sub["validation"])
    for key in ("last_at", "next_at"):
        validation[key] = zulu(validation[key]) if validation[key] is not None else None
    return {
        "id": sub["id"],
        "app_id": sub["app_id"],
        "account_id": sub["account_id"],
        "name": sub["name"],
        "url": sub["url"],
        "events": sub["events"],
        "status": sub["status"],
        "subscribed": sub.get("subscribed", True),
        "source": sub["source"],
        "scope": sub["scope"],
        "user_ids": sub["user_ids"],
        "custom_header": sub["custom_header"],
        "created_at": sub["created_at"],
        "validation": validation,
    }


def new_id(ids: Ids) -> str:
    return ids.uid()
