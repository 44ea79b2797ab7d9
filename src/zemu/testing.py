"""Run zemu inside a test suite: an in-process server on a free port with ephemeral state.

    from zemu.testing import zemu_server

    with zemu_server() as zoom:
        token = zoom.token()
        zoom.api.get("/users/me")

This module needs only zemu's own dependencies (no pytest). The pytest plugin installed with
the package (``zemu.pytest_plugin``) builds its fixtures on it: ``zemu_server_session``, one
server for the whole session, and ``zemu``, the same server reset to the demo account before
each test.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx
import uvicorn

from zemu.config import Config
from zemu.http.app import build_app
from zemu.runtime import Runtime
from zemu.store import Tx

T = TypeVar("T")

__all__ = ["ZemuServer", "zemu_server"]


class ZemuServer:
    """A running emulator, with its URLs, credentials and control-plane shortcuts."""

    def __init__(
        self,
        *,
        db: str = ":memory:",
        demo: bool = True,
        seed: int = 42,
        strict: bool = True,
        db_schema: str | None = None,
        rate_limits: str = "off",
        host: str = "127.0.0.1",
        admin_token: str | None = None,
    ) -> None:
        # proto=IPPROTO_TCP lets asyncio turn Nagle off on accepted connections (it checks the
        # protocol); without it a response written in two parts waits ~40 ms for a delayed ACK
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, 0))
        port = self._socket.getsockname()[1]
        self.config = Config(
            host=host,
            port=port,
            db=db,
            seed=seed,
            demo=demo,
            strict=strict,
            db_schema=db_schema,
            rate_limits=rate_limits,
            admin_token=admin_token,
        )
        self.runtime = Runtime(self.config)
        self._server = uvicorn.Server(
            uvicorn.Config(build_app(self.runtime), log_level="warning", lifespan="on", loop="asyncio", http="h11")
        )
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._api: httpx.Client | None = None
        # the control plane's client carries the admin token, when there is one
        admin = {"x-zemu-admin-token": admin_token} if admin_token else {}
        self.control = httpx.Client(base_url=self.url, timeout=30, headers=admin)

    # lifecycle ---------------------------------------------------------------------------
    def start(self) -> ZemuServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("zemu did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._api is not None:
            self._api.close()
        self.control.close()
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.runtime.close()

    # addresses and credentials -------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.config.origin

    @property
    def base_url(self) -> str:
        return f"{self.url}/v2"

    @property
    def oauth_url(self) -> str:
        return f"{self.url}/oauth/token"

    @property
    def credentials(self) -> dict[str, Any]:
        return self.control.get("/zemu/credentials").raise_for_status().json()

    def token(self, client_id: str | None = None, client_secret: str | None = None) -> str:
        """An access token from the server-to-server grant (the demo app by default)."""
        creds = self.credentials
        answer = self.control.post(
            "/oauth/token",
            params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
            auth=(client_id or creds["client_id"], client_secret or creds["client_secret"]),
        )
        return answer.raise_for_status().json()["access_token"]

    def client(self, token: str) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    @property
    def api(self) -> httpx.Client:
        """A client of the demo server-to-server app, which holds every scope."""
        if self._api is None:
            self._api = self.client(self.token())
        return self._api

    def client_with_scopes(self, scopes: list[str], account_id: str | None = None) -> httpx.Client:
        """A client whose token holds only ``scopes``, of an app of the demo account (or of ``account_id``)."""
        body: dict[str, Any] = {"type": "s2s", "scopes": scopes}
        if account_id:
            body["account_id"] = account_id
        app = self.control.post("/zemu/apps", json=body).raise_for_status().json()
        creds = {"grant_type": "account_credentials", "account_id": app["account_id"]}
        answer = self.control.post("/oauth/token", params=creds, auth=(app["client_id"], app["client_secret"]))
        return self.client(answer.raise_for_status().json()["access_token"])

    # control plane -----------------------------------------------------------------------
    def reset(self, demo: bool = True, seed: int = 42, reuse: bool = False) -> dict[str, Any]:
        """``reuse``: put back the demo this server built on an earlier reuse reset, with the
        clock where it was then (see ``Runtime.reset``), instead of building it again."""
        if self._api is not None:
            self._api.close()
            self._api = None
        body = {"demo": demo, "seed": seed, "reuse": reuse}
        return self.control.post("/zemu/reset", json=body).raise_for_status().json()

    def snapshot(self, name: str) -> dict[str, Any]:
        """Save the whole state under ``name`` (replacing a snapshot of that name)."""
        return self.control.post("/zemu/snapshots", json={"name": name}).raise_for_status().json()

    def restore(self, name: str) -> dict[str, Any]:
        """Put back the state saved under ``name``, clock included: faster than a reset."""
        if self._api is not None:  # its token may not exist in the restored state
            self._api.close()
            self._api = None
        return self.control.post(f"/zemu/snapshots/{name}/restore").raise_for_status().json()

    def advance(self, seconds: float) -> dict[str, Any]:
        return self.control.post("/zemu/clock/advance", json={"seconds": seconds}).raise_for_status().json()

    def now(self) -> str:
        return self.control.get("/zemu/clock").raise_for_status().json()["now"]

    def outbox(self) -> list[dict[str, Any]]:
        rows = self.control.get("/zemu/outbox").raise_for_status().json()["events"]
        return [row["body"] for row in rows]

    def requests(self) -> list[dict[str, Any]]:
        return self.control.get("/zemu/requests").raise_for_status().json()["requests"]

    def deliveries(self, **filters: str) -> list[dict[str, Any]]:
        """The webhook delivery log, newest first (filters: event, status, subscription)."""
        return self.control.get("/zemu/deliveries", params=filters).raise_for_status().json()["deliveries"]

    def subscribe(self, url: str, events: list[str] | None = None, validate: bool = False) -> dict[str, Any]:
        """Subscribe the demo app's webhooks at ``url`` (every event by default)."""
        body: dict[str, Any] = {"url": url, "validate": validate}
        if events is not None:
            body["events"] = events
        return self.control.post("/zemu/subscriptions", json=body).raise_for_status().json()

    def transaction(self, work: Callable[[Tx], T]) -> T:
        """Run ``work(tx)`` in one store transaction on the server's own thread: the store's
        connection belongs to that thread, and the webhook worker uses it between requests."""

        async def run() -> T:
            with self.runtime.store.transaction() as tx:
                return work(tx)

        if self.runtime.loop is None:
            raise RuntimeError("the server is not running")
        return asyncio.run_coroutine_threadsafe(run(), self.runtime.loop).result(30)


@contextmanager
def zemu_server(**options: Any) -> Iterator[ZemuServer]:
    server = ZemuServer(**options).start()
    try:
        yield server
    finally:
        server.stop()
