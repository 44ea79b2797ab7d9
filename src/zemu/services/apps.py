"""Marketplace apps of an account: server-to-server and user OAuth apps with their credentials.

An app's granted scopes are stored once as a content-addressed scope set, so an access token
only carries a reference and the per-request scope check stays a dictionary lookup.
"""

from __future__ import annotations

import hashlib
from typing import Any

from zemu.ids import Ids
from zemu.sim.clock import zulu
from zemu.store import Tx

KIND = "app"
SCOPE_SET = "scope_set"

APP_TYPES = ("s2s", "oauth")


def save_scope_set(tx: Tx, scopes: list[str]) -> str:
    ordered = sorted(set(scopes))
    set_id = hashlib.sha256(" ".join(ordered).encode()).hexdigest()[:32]
    if tx.get(SCOPE_SET, set_id) is None:
        tx.put(SCOPE_SET, set_id, {"scopes": ordered})
    return set_id


def create_app(tx: Tx, ids: Ids, now: float, *, account_id: str, owner_id: str, name: str, app_type: str,
               scopes: list[str], redirect_uris: list[str] | None = None) -> dict[str, Any]:
    client_id = ids.secret(16)
    app = {
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
        "created_at": zulu(now),
    }
    tx.put(KIND, client_id, app, account_id=account_id, parent=account_id, sort=app["created_at"])
    return app


def get_app(tx: Tx, client_id: str) -> dict[str, Any] | None:
    return tx.get(KIND, client_id)


def app_scopes(tx: Tx, app: dict[str, Any]) -> list[str]:
    found = tx.get(SCOPE_SET, app["scope_set"])
    return found["scopes"] if found else []


def public_app(app: dict[str, Any], scopes: list[str]) -> dict[str, Any]:
    """An app as the control plane shows it: credentials and scopes, no internals."""
    return {"id": app["id"], "name": app["name"], "type": app["type"], "account_id": app["account_id"],
            "client_id": app["client_id"], "client_secret": app["client_secret"],
            "webhook_secret_token": app["webhook_secret_token"], "scopes": scopes,
            "redirect_uris": app["redirect_uris"]}
