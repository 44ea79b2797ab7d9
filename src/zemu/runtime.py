"""The running emulator: configuration, clock, store, catalogue, handlers and their state.

The wire, the control plane, the CLI and the testing helper share one ``Runtime``. Only the
request log and rate-limit counters live in process memory; everything correct lives in the
store, so several processes can share one PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import logging
import math
import secrets
import threading
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
from zemu.products import EMITTED_EVENTS, HANDLERS, TRIGGERS
from zemu.services import oauth
from zemu.services.apps import app_scopes, create_app, get_app, public_app, set_published
from zemu.services.context import Context, Handler
from zemu.services.resource import fill_buckets
from zemu.sim import attach as attach_scheduler
from zemu.sim.clock import Clock, ClockState, real_seconds, sane_offset, wall_time
from zemu.store import Store, Tx, open_store, snapshots
from zemu.store.snapshots import HIDDEN_SNAPSHOT_PREFIX

CLOCK_KEY = "clock"  # the shared ClockState
LEGACY_CLOCK_OFFSET_KEY = "clock_offset"  # what stores written before the shared clock hold
# Processes sharing a store read its clock row at most this often (real seconds), so a clock
# moved by one is followed by the others within this time at the cost of one point read.
CLOCK_REFRESH_SECONDS = 0.05
# An access token read from the store is kept this many real seconds: a revocation made by this
# process is seen at once, one made by another process sharing the store within this time
# (Zoom-like clients expect a revoked token refused at once; 100 ms is the promise).
TOKEN_CACHE_SECONDS = 0.05
PAGE_KEY = "page_token_key"
log = logging.getLogger("zemu.runtime")
# A write to this meta row queues processes that start on one store at the same time, so the
# demo and the page-token key are made once (the row lock is held until the transaction ends).
STARTUP_LOCK_KEY = "startup_lock"


class Runtime:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.clock = Clock(time_scale=config.time_scale)
        self.store: Store = open_store(config.db, self.now, schema=config.db_schema)
        self.catalog: Catalog = load_catalog()
        self.router = Router(self.catalog.operations)
        self.handlers: dict[str, Handler] = HANDLERS
        self.validators = Validators(self.catalog.operations)
        self.ids = Ids()
        self.rate_limiter = RateLimiter(config.rate_limits)
        self.requests: deque[dict[str, Any]] = deque(maxlen=2000)
        self.scope_sets: dict[str, frozenset[str]] = {}
        # seed → (hidden snapshot, what the build answered): demos kept for ``reset(reuse=True)``
        self._fresh_demos: dict[int, tuple[str, dict[str, Any]]] = {}
        self._tokens: dict[str, tuple[float, dict[str, Any]]] = {}
        # background tasks run by the server's event loop, and work run when the clock advances
        self.workers: list[Callable[[], Awaitable[None]]] = []
        self.due_hooks: list[Callable[[float], Awaitable[None]]] = []
        self.loop: asyncio.AbstractEventLoop | None = None  # the server's event loop, once it runs
        self.webhooks: Any = None  # the delivery worker (zemu.events)
        self.scheduler: Any = None  # the runner of scheduled work (zemu.sim)
        self.faults = FaultBook(self.store)
        self._clock_lock = threading.Lock()
        self._clock_read_at = -math.inf
        self._clock_seen: ClockState | None = None
        self._restore_clock()
        attach_events(self)
        attach_scheduler(self)
        self.pager = Pager(self._page_key(), self.now)
        with self.store.transaction() as tx:
            fill_buckets(tx)
        self.clock.on_advance(lambda _now: self.save_clock())
        if config.demo:
            self._build_demo_once(config.seed)

    def now(self) -> float:
        return self.clock.now()

    # state -------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        with self.store.transaction(write=False) as tx:
            return tx.count("account") == 0

    def reset(self, *, demo: bool, seed: int | None = None, reuse: bool = False) -> dict[str, Any]:
        """Empty the store, then build the demo account for ``seed``. ``reuse`` puts back the demo
        this process built for that seed on an earlier ``reuse`` reset (kept as a hidden snapshot),
        with the clock where it was then: a fraction of a rebuild's cost, for test suites that
        start every test from the demo; the first such reset builds and keeps it."""
        seed = self.config.seed if seed is None else seed
        if demo and reuse and seed in self._fresh_demos and self._put_back_demo(seed):
            return self._fresh_demos[seed][1]
        with self.store.transaction(write=False) as tx:
            page_key = tx.meta(PAGE_KEY)  # kept, so other processes on the store keep paging
        self.store.reset()
        self.requests.clear()
        self.save_clock()
        if page_key is not None:
            with self.store.transaction() as tx:
                tx.set_meta(PAGE_KEY, page_key)
        self.forget()
        if not demo:
            return {}
        with self.store.transaction() as tx:
            created = build_demo(
                tx,
                seed,
                self.clock.now(),
                self.catalog,
                random_secrets=not self.config.loopback,
                origin=self.config.origin,
            )
        if reuse:
            self._keep_demo(seed, created)
        return created

    def _keep_demo(self, seed: int, created: dict[str, Any]) -> None:
        # kept on a whole second of the emulated clock, so whatever starts from it is a whole
        # second from the next tick, as code reading the clock in whole seconds twice expects
        now = self.clock.now()
        self.clock.adopt(ClockState(math.ceil(now), wall_time(), self.clock.time_scale))
        self.save_clock()
        kept = f"{HIDDEN_SNAPSHOT_PREFIX}fresh-demo-{seed}-"
        name = kept + secrets.token_hex(4)
        with self.store.transaction() as tx:
            snapshots.delete_kept(tx, kept)  # one kept copy per seed in a store, whoever kept it
            snapshots.save(tx, name, self.clock.now(), self.clock.time_scale, self.store.backend)
        self._fresh_demos[seed] = (name, created)

    def _put_back_demo(self, seed: int) -> bool:
        with self.store.transaction() as tx:
            found = snapshots.restore(tx, self._fresh_demos[seed][0], self.store.backend)
        if found is None:  # deleted from the store by another process: built again
            del self._fresh_demos[seed]
            return False
        self.requests.clear()
        self.restored(found.saved_at, found.time_scale)
        return True

    def forget(self) -> None:
        """Drop what this process remembers of the store, after a reset or a restored snapshot."""
        self.scope_sets.clear()
        self._tokens.clear()
        self.faults.forget()
        self.pager = Pager(self._page_key(), self.now)

    def restored(self, now: float, time_scale: float) -> None:
        """A snapshot's tables are back: put the clock where the snapshot left it, and forget."""
        # adopted as a whole: the restored clock row is the one the snapshot saved, which a
        # change made step by step would first follow
        self.clock.adopt(ClockState(now, wall_time(), time_scale))
        self.save_clock()
        self.forget()

    def credentials(self) -> dict[str, Any] | None:
        with self.store.transaction(write=False) as tx:
            return demo_credentials(tx, self.config.origin)

    def create_app(
        self,
        name: str,
        app_type: str,
        scopes: list[str],
        redirect_uris: list[str],
        account_id: str | None = None,
        published: bool = False,
    ) -> dict[str, Any]:
        """A new app on an account (the demo account by default), owned by the account's owner;
        ``published`` lets users of other accounts install it."""
        with self.store.transaction() as tx:
            account = tx.get("account", account_id or tx.meta(DEMO_ACCOUNT_KEY) or "")
            if account is None:
                raise ValueError("there is no such account")
            app = create_app(
                tx,
                self.ids,
                self.clock.now(),
                account_id=account["id"],
                owner_id=account["owner_id"],
                name=name,
                app_type=app_type,
                scopes=scopes,
                redirect_uris=redirect_uris,
                published=published,
            )
        return public_app(app, scopes)

    def publish_app(self, client_id: str, published: bool) -> dict[str, Any] | None:
        """Publish an app (or take it back to development); None when there is no such app."""
        with self.store.transaction() as tx:
            app = get_app(tx, client_id)
            if app is None:
                return None
            return public_app(set_published(tx, app, published), app_scopes(tx, app))

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
        return Context(
            op=None,
            tx=tx,
            ids=self.ids,
            pager=self.pager,
            now=self.clock.now(),
            account_id=account["id"],
            user_id=user_id or account["owner_id"],
            scopes=frozenset(),
            check_event=self.check_event if self.config.strict else None,
            origin=self.config.origin,
        )

    def trigger(self, event: str, params: dict[str, str]) -> dict[str, Any]:
        """Perform the smallest real action that causes ``event``; answer what it touched."""
        trigger = TRIGGERS.get(event)
        if trigger is None:
            raise KeyError(event)
        with self.store.transaction() as tx:
            return trigger(self.operator_context(tx), params)

    def access_token(self, tx: Tx, token: str, now: float) -> dict[str, Any]:
        """The access token's record (Zoom's 401/124 when unknown, revoked or expired), read from
        the store at most every ``TOKEN_CACHE_SECONDS``: it is on every request's path."""
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

    def _build_demo_once(self, seed: int) -> None:
        """The demo, built by the first process to start on an empty store; one that starts at
        the same time waits for it and finds it built."""
        with self.store.transaction() as tx:
            tx.set_meta(STARTUP_LOCK_KEY, "demo")
            if tx.count("account") == 0:
                build_demo(tx, seed, self.clock.now(), self.catalog, origin=self.config.origin)

    # clock -------------------------------------------------------------------------------
    def _restore_clock(self) -> None:
        """Take the store's clock (another process may be running on it); a store without one,
        or with one that cannot be used, gets this process's. ``--time-scale`` other than 1 sets
        the shared scale."""
        with self.store.transaction(write=False) as tx:
            stored = tx.meta(CLOCK_KEY)
            legacy = tx.meta(LEGACY_CLOCK_OFFSET_KEY)
        state = ClockState.decode(stored)
        if state is None and stored is None and legacy is not None:
            offset = sane_offset(legacy)
            if offset is not None:
                state = ClockState(wall_time() + offset, wall_time(), self.config.time_scale)
        if state is None and (stored or legacy) is not None:
            # a store written before inputs were checked may hold NaN, inf or a date past 2999:
            # starting on the wall clock keeps the server usable, and the save below repairs it
            log.warning("ignoring the stored clock %r: it is not a usable time", stored or legacy)
        if state is not None:
            self.clock.adopt(state)
            self._clock_seen = state
        if state is None or (self.config.time_scale != 1.0 and state.scale != self.config.time_scale):
            if state is not None:
                self.clock.set_time_scale(self.config.time_scale)
            self.save_clock()
        if self._shares_store():
            self.clock.follow(self._refresh_clock)

    def save_clock(self) -> None:
        state = self.clock.state()
        with self.store.transaction() as tx:
            tx.set_meta(CLOCK_KEY, state.encode())
        self._clock_seen = state

    def _shares_store(self) -> bool:
        """An in-memory store is this process's alone; a file or a database may be shared."""
        return self.config.db != ":memory:"

    def _refresh_clock(self, force: bool) -> None:
        """Follow a clock moved by another process: read its row at most every
        ``CLOCK_REFRESH_SECONDS`` (always before this process moves it), on the thread that owns
        the store, never from inside this very read."""
        if not force and real_seconds() - self._clock_read_at < CLOCK_REFRESH_SECONDS:
            return
        if not self._on_store_thread() or not self._clock_lock.acquire(blocking=False):
            return
        try:
            self._clock_read_at = real_seconds()
            with self.store.transaction(write=False) as tx:
                state = ClockState.decode(tx.meta(CLOCK_KEY))
            if state is not None and state != self._clock_seen:
                self.clock.adopt(state)
                self._clock_seen = state
        except Exception:  # a store hiccup leaves this process on its own clock until the next read
            log.warning("could not read the shared clock", exc_info=True)
        finally:
            self._clock_lock.release()

    def _on_store_thread(self) -> bool:
        """Before the server runs, the thread that builds the runtime; then the event loop's."""
        if self.loop is None:
            return True
        try:
            return asyncio.get_running_loop() is self.loop
        except RuntimeError:
            return False

    def _page_key(self) -> bytes:
        with self.store.transaction() as tx:
            tx.set_meta(STARTUP_LOCK_KEY, "page key")  # one key for every process on the store
            key = tx.meta(PAGE_KEY)
            if key is None:
                key = secrets.token_hex(32)
                tx.set_meta(PAGE_KEY, key)
        return bytes.fromhex(key)

    def close(self) -> None:
        self.store.close()
