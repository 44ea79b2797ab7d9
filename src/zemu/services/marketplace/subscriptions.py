"""Zoom's Marketplace event-subscription operations, over ``zemu.events.subscriptions``.

They act for the app whose token calls them. Saving a subscription validates its URL first, as
Zoom does (404/1701 when the check fails). The check waits on the receiver for up to 3 s, so it
is the operation's prepared step (``Prepared``): the caller awaits it between two transactions,
and the server answers other requests meanwhile.
"""

from __future__ import annotations

from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.events import subscriptions, validation
from zemu.paging import Window
from zemu.services.apps import app_scopes, get_app
from zemu.services.context import Context, Prepared, Step
from zemu.services.documented import documented
from zemu.services.users.model import find_user

DEMO_APP_KEY = "demo_app_id"
RESERVED_HEADER_PREFIXES = ("x-zm-", "authorization", "content-", "host", "user-agent", "clientid")


def token_app(ctx: Context) -> dict[str, Any]:
    """The app whose token is calling (the wire names it; outside a request, the demo app)."""
    app = get_app(ctx.tx, ctx.app_id or ctx.tx.meta(DEMO_APP_KEY) or "")
    if app is None:
        raise documented(1401, "APP ID does not exist", appId=ctx.app_id or "")
    return app


def _user(ctx: Context, ref: str) -> dict[str, Any]:
    user = find_user(ctx.tx, ctx.user_id or "" if ref == "me" else ref)
    if user is None or user.get("account_id") != ctx.account_id:
        if ctx.op is not None and any(e.code == 1001 for e in ctx.op.errors):
            raise ctx.fail(1001, userId=ref)
        raise ZoomError(1001, f"User does not exist or does not belong to this account: {ref}.", 404)
    return user


def _check_custom_header(header: dict[str, Any] | None) -> None:
    if not header:
        return
    kind = header.get("custom_header_type", 0)
    required = {
        1: ("username", "password"),
        2: ("client_id", "client_secret", "token_url"),
        3: ("custom_header_key", "custom_header_value"),
    }.get(kind, ())
    labels = {
        "username": "username",
        "password": "password",
        "client_id": "client id",
        "client_secret": "client secret",
        "token_url": "token url",
        "custom_header_key": "custom header key",
        "custom_header_value": "custom header value",
    }
    for name in required:
        value = header.get(name)
        if not value:
            raise documented(1500, f"The {labels[name]} is required.")
        if "\n" in str(value):
            raise documented(1500, "The input value can't contain line feed.")
    if kind == 3 and str(header["custom_header_key"]).lower().startswith(RESERVED_HEADER_PREFIXES):
        raise documented(1500, "The custom header key is reserved by Zoom.")


def _subscription(ctx: Context, app: dict[str, Any], sub_id: str) -> dict[str, Any]:
    sub = subscriptions.get(ctx.tx, sub_id)
    if sub is None or sub["app_id"] != app["id"]:
        raise documented(1601, "App event subscription is invalid", eventSubscriptionId=sub_id)
    return sub


def _checked_create(ctx: Context) -> tuple[dict[str, Any], str, list[str], list[str]]:
    """Every rule of saving a subscription but the URL check: the app, URL, events and users."""
    body = ctx.body or {}
    events = body.get("events") or []
    url = (body.get("event_webhook_url") or "").strip()
    if not events:
        raise ctx.fail(1500, "The events list is empty.")
    if not url:
        raise ctx.fail(1500, "The event webhook url is empty.")
    app = token_app(ctx)
    user_ids = [_user(ctx, ref)["id"] for ref in body.get("user_ids") or []]
    _check_custom_header(body.get("custom_header"))
    subscriptions.check_events(load_catalog(), frozenset(app_scopes(ctx.tx, app)), events)
    subscriptions.check_room(ctx.tx, app["id"])
    return app, url, events, user_ids


def prepare_create(ctx: Context) -> Step:
    """Check the request, then answer the URL check to await (the signed challenge)."""
    app, url, _, _ = _checked_create(ctx)
    check = validation.challenge(ctx.ids, ctx.now, url, app["webhook_secret_token"])
    return lambda http: validation.run(http, check)


def save_created(ctx: Context) -> dict[str, Any]:
    """POST /marketplace/app/event_subscription, once its URL check is done (``ctx.prepared``)."""
    app, url, events, user_ids = _checked_create(ctx)  # again: the state may have moved meanwhile
    check = ctx.prepared
    if not isinstance(check, validation.Check):
        raise RuntimeError("createEventSubscription runs after its prepared URL check")
    if not check.ok or check.url != url:
        raise ctx.fail(1701, eventWebhookUrl=url)
    body = ctx.body or {}
    sub = subscriptions.new_subscription(
        subscriptions.new_id(ctx.ids),
        ctx.now,
        app=app,
        url=url,
        events=events,
        name=body.get("event_subscription_name") or url,
        scope=body["subscription_scope"],
        user_ids=user_ids,
        custom_header=body.get("custom_header"),
        source="openapi",
        validate=True,
        validated=True,
    )
    subscriptions.save(ctx.tx, sub)
    return {"event_subscription_id": sub["id"]}


create = Prepared(prepare_create, save_created)


def list_subscriptions(ctx: Context) -> dict[str, Any]:
    """GET /marketplace/app/event_subscription"""
    app = token_app(ctx)
    _user(ctx, str(ctx.query["user_id"]))
    scope = ctx.query.get("subscription_scope")

    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        rows = sorted(
            ((s["created_at"] + s["id"], s["id"]), s)
            for s in subscriptions.of_app(ctx.tx, app["id"])
            if not filters.get("scope") or s["scope"] == filters["scope"]
        )
        if window.after is not None:
            rows = [r for r in rows if r[0] > tuple(window.after)]
        return [(cursor, _item(s)) for cursor, s in rows[window.offset : window.offset + window.limit]]

    page = ctx.paginate(fetch, filters={"scope": scope or ""})
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "event_subscriptions": page.items}


def _item(sub: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_subscription_id": sub["id"],
        "events": sub["events"],
        "event_subscription_name": sub["name"],
        "event_webhook_url": sub["url"],
        "subscription_scope": sub["scope"],
        "created_source": "openapi" if sub["source"] == "openapi" else "default",
        "subscriber_id": sub["subscriber_id"],
        "custom_header": sub["custom_header"],
    }


def subscribe(ctx: Context) -> None:
    """PATCH /marketplace/app/event_subscription/{eventSubscriptionId}"""
    sub = _subscription(ctx, token_app(ctx), ctx.path["eventSubscriptionId"])
    body = ctx.body or {}
    added = [_user(ctx, ref)["id"] for ref in body.get("user_ids") or []]
    sub["user_ids"] = list(dict.fromkeys([*sub["user_ids"], *added]))
    sub["subscribed"] = True
    subscriptions.save(ctx.tx, sub)


def unsubscribe(ctx: Context) -> None:
    """DELETE /marketplace/app/event_subscription?event_subscription_id=…: without user_ids the
    account stops receiving the subscription's events until it subscribes again."""
    sub = _subscription(ctx, token_app(ctx), str(ctx.query["event_subscription_id"]))
    refs = [r for r in str(ctx.query.get("user_ids") or "").split(",") if r.strip()]
    if refs:
        removed = {_user(ctx, ref.strip())["id"] for ref in refs}
        sub["user_ids"] = [u for u in sub["user_ids"] if u not in removed]
    else:
        sub["subscribed"] = False
    subscriptions.save(ctx.tx, sub)


def delete(ctx: Context) -> None:
    """DELETE /marketplace/app/event_subscription/{eventSubscriptionId}"""
    sub = _subscription(ctx, token_app(ctx), ctx.path["eventSubscriptionId"])
    subscriptions.delete(ctx.tx, sub["id"])
