"""The demo account: deterministic for a given seed, built through the same services as the API.

A master account (so master-account operations work out of the box) with its owner, a
server-to-server app granted every scope in the catalogue, and a user OAuth app; each product
then adds its own part of the demo.

The demo apps' credentials (client id, client secret, webhook secret token) follow the seed only
when the server is bound to loopback, where reproducible tests want them. Reachable from other
machines, the same seed would give every store the same full-scope secret, so they are drawn
from the operating system instead.
"""

from __future__ import annotations

from typing import Any

from zemu.catalog import Catalog
from zemu.ids import Ids
from zemu.products import PRODUCTS
from zemu.services.accounts.model import create_account
from zemu.services.apps import DEMO_REDIRECT_URIS, create_app
from zemu.sim.phone.week import ORIGIN_KEY
from zemu.store import Tx

DEMO_ACCOUNT_KEY = "demo_account_id"
DEMO_APP_KEY = "demo_app_id"
DEMO_OAUTH_APP_KEY = "demo_oauth_app_id"


def all_scopes(catalog: Catalog) -> list[str]:
    scopes: set[str] = set()
    for op in catalog.operations:
        scopes.update(op.scopes_classic)
        scopes.update(op.scopes_granular)
    return sorted(scopes)


def build_demo(
    tx: Tx, seed: int, now: float, catalog: Catalog, *, random_secrets: bool = False, origin: str = ""
) -> dict[str, Any]:
    """``origin`` is where the server answers: the download URLs of the demo's history name it."""
    ids = Ids(seed)
    if origin:
        tx.set_meta(ORIGIN_KEY, origin)
    app_ids = Ids() if random_secrets else ids
    master = create_account(
        tx,
        ids,
        now,
        account_name="Zemu Demo Co",
        owner_email="owner@zemu-demo.example",
        first_name="Avery",
        last_name="Owner",
        account_type="Business",
        phone_enabled=True,
    )
    scopes = all_scopes(catalog)
    s2s = create_app(
        tx,
        app_ids,
        now,
        account_id=master["id"],
        owner_id=master["owner_id"],
        name="zemu demo (server-to-server)",
        app_type="s2s",
        scopes=scopes,
    )
    oauth = create_app(
        tx,
        app_ids,
        now,
        account_id=master["id"],
        owner_id=master["owner_id"],
        name="zemu demo (user OAuth)",
        app_type="oauth",
        scopes=scopes,
        redirect_uris=list(DEMO_REDIRECT_URIS),
    )
    tx.set_meta(DEMO_ACCOUNT_KEY, master["id"])
    tx.set_meta(DEMO_APP_KEY, s2s["id"])
    tx.set_meta(DEMO_OAUTH_APP_KEY, oauth["id"])
    created = {"account_id": master["id"], "app_id": s2s["id"], "oauth_app_id": oauth["id"]}
    for product in PRODUCTS:
        if product.demo is not None:
            created[product.name] = product.demo(tx, ids, now, master)
    return created


def demo_credentials(tx: Tx, origin: str) -> dict[str, Any] | None:
    """What ``zemu serve`` and ``zemu credentials`` print."""
    app_id = tx.meta(DEMO_APP_KEY)
    app = tx.get("app", app_id) if app_id else None
    if app is None:
        return None
    return {
        "api_base_url": f"{origin}/v2",
        "oauth_url": f"{origin}/oauth/token",
        "account_id": app["account_id"],
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
        "webhook_secret_token": app["webhook_secret_token"],
        "dashboard_url": f"{origin}/",
        "mcp_url": f"{origin}/mcp",
    }
