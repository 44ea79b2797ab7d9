"""The running emulator: configuration, clock, store, catalogue, handlers and their state.

The wire, the control plane, the CLI and the testing helper share one ``Runtime``. Only the
request log and rate-limit counters live in process memory; everything correct lives in the
store, so several processes can share one PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from zemu.catalog import Catalog, load_catalog
from zemu.config import Config
from zemu.demo import DEMO_ACCOUNT_KEY, build_demo, demo_credentials
from zemu.errors import InvalidToken
from zemu.events import attach as attach_events
from zemu.faults import FaultBook
from zemu.http.ratelimit import RateLimiter
from zemu.http.routing import Router
from zemu.http.validation import StrictModeDrift, Validators
from zemu.ids import Ids
from zemu.paging import Pager
from zemu.services import EMITTED_EVENTS, HANDLERS, TRIGGERS, oauth
from zemu.services.apps import app_scopes, create_app, public_app
from zemu.services.context import Context, Handler
from zemu.sim import attach as attach_scheduler
from zemu.sim.clock import Clock, real_seconds, wall_time
from zemu.store import Store, Tx, open_store

CLOCK_OFFSET_KEY = "clock_offset"
# An access token read from the store is kept this many real seconds: a revocation made by this
# process is seen at once, one made by another process sharing the store within this time.
TOKEN_CACHE_SECONDS = 1.0
PAGE_KEY = "page_token_key"


class Runtime:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.clock = Clock(time_scale=config.time_scale)
        self.store: Store = open_store(config.db, self.now, schema=config.db_schema)
        self.catalog: Catalog = load_catalog()
        self.router = Router(self.catalog.operations)
        self.handlers: dict[str, Handler] = HANDLERS
        self.validators = Validators()
        self.ids = Ids()
        self.rate_limiter = RateLimiter(config.rate_limits)
        self.requests: deque[dict[str, Any]] = deque(maxlen=2000)
        self.scope_sets: dict[str, frozenset[str]] = {}
        self._tokens: dict[str, tuple[float, dict[str, Any]]] = {}
        # background tasks run by the server's event loop, and work run when the clock advances
        self.workers: list[Callable[[], Awaitable[None]]] = []
        self.due_hooks: list[Callable[[float], Awaitable[None]]] = []
        self.loop: asyncio.AbstractEventLoop | None = None  # the server's event loop, once it runs
        self.webhooks: Any = None                           # the delivery worker (zemu.events)
        self.scheduler: Any = None                          # the runner of scheduled work (zemu.sim)
        self.faults = FaultBook(self.store)
        self._restore_clock()
        attach_events(self)
        attach_scheduler(self)
        self.pager = Pager(self._page_key(), self.now)
        self.clock.on_advance(lambda _now: self.save_clock())
        if config.demo and self.is_empty():
            self.reset(demo=True, seed=config.seed)

    def now(self) -> float:
        return self.clock.now()

    # state -------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        with self.store.transaction(write=False) as tx:
            return tx.count("account") == 0

    def reset(self, *, demo: bool, seed: int | None = None) -> dict[str, Any]:
        self.store.reset()
        self.requests.clear()
        self.save_clock()
        self.forget()
        if not demo:
            return {}
        with self.store.transaction() as tx:
            return build_demo(tx, self.config.seed if seed is None else seed, self.clock.now(), self.catalog)

    def forget(self) -> None:
        """Drop what this process remembers of the store, after a reset or a restored snapshot."""
        self.scope_sets.clear()
        self._tokens.clear()
        self.faults.forget()
        self.pager = Pager(self._page_key(), self.now)

    def restored(self, now: float, time_scale: float) -> None:
        """A snapshot's tables are back: put the clock where the snapshot left it, and forget."""
        self.clock.set_now(now)
        self.clock.set_time_scale(time_scale)
        self.save_clock()
        self.forget()

    def credentials(self) -> dict[str, Any] | None:
        with self.store.transaction(write=False) as tx:
            return demo_credentials(tx, self.config.origin)

    def create_app(self, name: str, app_type: str, scopes: list[str], redirect_uris: list[str],
                   account_id: str | None = None) -> dict[str, Any]:
        """A new app on an account (the demo account by default), owned by the account's owner."""
        with self.store.transaction() as tx:
            account = tx.get("account", account_id or tx.meta(DEMO_ACCOUNT_KEY) or "")
            if account is None:
                raise ValueError("there is no such account")
            app = create_app(tx, self.ids, self.clock.now(), account_id=account["id"], owner_id=account["owner_id"],
                             name=name, app_type=app_type, scopes=scopes, redirect_uris=redirect_uris)
        return public_app(app, scopes)

    def list_apps(self) -> list[dict[str, Any]]:
        with self.store.transaction(write=False) as tx:
            account_id = tx.meta(DEMO_ACCOUNT_KEY) or ""
            rows = tx.list("app", account_id=account_id, limit=1000)
            return [public_app(row.body, app_scopes(tx, row.body)) for row in rows]

    async def run_due(self) -> None:
        """Everything that fell due by now happens before this returns (``/zemu/clock/advance``)."""
        for hook in self.due_hooks:
            await hook(self.clock.now())

    def check_event(self, event: str, body: dict[str, Any]) -> None:
        """Strict mode: an event that does not match its catalogue schema is a loud failure."""
        known = self.catalog.events.get(event)
        if known is None:
            raise StrictModeDrift(f"event {event} is not in the catalogue")
        if event not in EMITTED_EVENTS:
            raise StrictModeDrift(f"event {event} is emitted but no product declares it")
        errors = self.validators.event_errors(known.schema, event, body)
        if errors:
            raise StrictModeDrift(f"event {event} does not match its schema: {errors[:5]}")

    def operator_context(self, tx: Tx, *, account_id: str | None = None, user_id: str | None = None) -> Context:
        """A context acting as a user of an account (the demo account's owner by default), for
        changes made outside any API operation: triggers and the simulator."""
        account = tx.get("account", account_id or tx.meta(DEMO_ACCOUNT_KEY) or "")
        if account is None:
            raise ValueError("there is no such account")
        return Context(op=None, tx=tx, ids=self.ids, pager=self.pager, now=self.clock.now(),
                       account_id=account["id"], user_id=user_id or account["owner_id"], scopes=frozenset(),
                       check_event=self.check_event if self.config.strict else None, origin=self.config.origin)

    def trigger(self, event: str, params: dict[str, str]) -> dict[str, Any]:
        """Perform the smallest real action that causes ``event``; answer what it touched."""
        trigger = TRIGGERS.get(event)
        if trigger is None:
            raise KeyError(event)
        with self.store.transaction() as tx:
            return trigger(self.operator_context(tx), params)

    def access_token(self, tx: Tx, token: str, now: float) -> dict[str, Any]:
        """The access token's record (Zoom's 401/124 when unknown, revoked or expired), read from
        the store at most once a second: it is on every request's path."""
        cached = self._tokens.get(token)
        if cached is not None and cached[0] > real_seconds():
            held = cached[1]
            if held["expires_at"] <= now:
                raise InvalidToken("Access token is expired.")
            return held
        held = oauth.authenticate(tx, token, now)
        if len(self._tokens) > 10_000:
            self._tokens.clear()
        self._tokens[token] = (real_seconds() + TOKEN_CACHE_SECONDS, held)
        return held

    def forget_token(self, token: str) -> None:
        self._tokens.pop(token, None)

    def scope_set(self, tx: Any, set_id: str) -> frozenset[str]:
        """Scope sets never change once written, so each is read from the store once."""
        scopes = self.scope_sets.get(set_id)
        if scopes is None:
            found = tx.get("scope_set", set_id)
            scopes = frozenset(found["scopes"]) if found else frozenset()
            self.scope_sets[set_id] = scopes
        return scopes

    # clock -------------------------------------------------------------------------------
    def _restore_clock(self) -> None:
        with self.store.transaction(write=False) as tx:
            offset = tx.meta(CLOCK_OFFSET_KEY)
        if offset is not None:
            self.clock = Clock(start=wall_time() + float(offset), time_scale=self.config.time_scale)

    def save_clock(self) -> None:
        with self.store.transaction() as tx:
            tx.set_meta(CLOCK_OFFSET_KEY, repr(self.clock.offset_from_wall()))

    def _page_key(self) -> bytes:
        with self.store.transaction() as tx:
            key = tx.meta(PAGE_KEY)
            if key is None:
                key = secrets.token_hex(32)
                tx.set_meta(PAGE_KEY, key)
        return bytes.fromhex(key)

    def close(self) -> None:
        self.save_clock()
        self.store.close()
