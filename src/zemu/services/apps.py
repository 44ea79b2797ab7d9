"""Marketplace apps of an account: server-to-server and user OAuth apps with their credentials.

An app's granted scopes are stored once as a content-addressed scope set, so an access token
only carries a reference and the per-request scope check stays a dictionary lookup.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from zemu.ids import Ids
from zemu.sim.clock import zulu
from zemu.store import Tx

KIND = "app"
SCOPE_SET = "scope_set"

APP_TYPES = ("s2s", "oauth")

# Where the demo user OAuth app may send a browser back: a loopback callback next to zemu's own
# port, by address and by name (a local tool runs its callback server there).
DEMO_REDIRECT_URIS = ("http://127.0.0.1:9651/callback", "http://localhost:9651/callback")


def save_scope_set(tx: Tx, scopes: list[str]) -> str:
    # Zoom's documents carry at least one scope with a stray leading space; a token's ``scope``
    # is one space-separated string, so a padded or empty name would read as an empty scope.
    ordered = sorted({scope.strip() for scope in scopes if scope.strip()})
    set_id = hashlib.sha256(" ".join(ordered).encode()).hexdigest()[:32]
    if tx.get(SCOPE_SET, set_id) is None:
        tx.put(SCOPE_SET, set_id, {"scopes": ordered})
    return set_id


def create_app(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    owner_id: str,
    name: str,
    app_type: str,
    scopes: list[str],
    redirect_uris: list[str] | None = None,
    published: bool = False,
) -> dict[str, Any]:
    client_id = ids.secret(16)
    app: dict[str, Any] = {
        "id": client_id,
        "name": name,
        "type": app_type,
        "account_id": account_id,
        "owner_id": owner_id,
        "client_id": client_id,
        "client_secret": ids.secret(24),
        "webhook_secret_token": ids.secret(16),
        "scope_set": save_scope_set(tx, scopes),
        "redirect_uris": redirect_uris or [],
        "published": published,
        "created_at": zulu(now),
    }
    tx.put(KIND, client_id, app, account_id=account_id, parent=account_id, sort=app["created_at"])
    return app


def get_app(tx: Tx, client_id: str) -> dict[str, Any] | None:
    return tx.get(KIND, client_id)


def set_published(tx: Tx, app: dict[str, Any], published: bool) -> dict[str, Any]:
    """Publish an app on the Marketplace (any account may install it) or take it back to development."""
    app["published"] = published
    tx.put(KIND, app["id"], app, account_id=app["account_id"], parent=app["account_id"], sort=app["created_at"])
    return app


def redirect_allowed(app: dict[str, Any], redirect_uri: str) -> bool:
    """Zoom sends the browser back only to a URL the app registered (its allow list).

    A registered URL also allows the URLs below it on the same origin (Zoom's allow list without
    "strict mode"): ``http://127.0.0.1:9651/callback`` allows ``…/callback/zoom`` and
    ``…/callback?next=x``, but never another host, port or scheme."""
    target = urlsplit(redirect_uri)
    if not target.scheme or not target.netloc:
        return False
    for registered in app.get("redirect_uris") or []:
        allowed = urlsplit(registered)
        if (target.scheme, target.netloc.lower()) != (allowed.scheme, allowed.netloc.lower()):
            continue
        base = allowed.path.rstrip("/")
        if target.path == allowed.path or target.path.rstrip("/") == base or target.path.startswith(base + "/"):
            return True
    return False


def may_authorize(app: dict[str, Any], user: dict[str, Any]) -> bool:
    """An app in development is authorised only by users of its own account; a published one by anyone."""
    return bool(app.get("published")) or user["account_id"] == app["account_id"]


def app_scopes(tx: Tx, app: dict[str, Any]) -> list[str]:
    found = tx.get(SCOPE_SET, app["scope_set"])
    return found["scopes"] if found else []


def public_app(app: dict[str, Any], scopes: list[str]) -> dict[str, Any]:
    """An app as the control plane shows it: credentials and scopes, no internals."""
    return {
        "id": app["id"],
        "name": app["name"],
        "type": app["type"],
        "account_id": app["account_id"],
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
        "webhook_secret_token": app["webhook_secret_token"],
        "scopes": scopes,
        "redirect_uris": app["redirect_uris"],
        "published": bool(app.get("published")),
    }
