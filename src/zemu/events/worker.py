"""The delivery worker: outbox → deliveries → signed POSTs → attempt rows.

It runs inside ``zemu serve`` as one of the runtime's background coroutines and polls the store
every ``poll`` real seconds: it fans new outbox rows out into deliveries, claims deliveries that
are due on the emulated clock (leased, so several processes can share one PostgreSQL database),
and sends each in its own asyncio task. Concurrency is bounded overall and per endpoint URL, so
a receiver that hangs for 3 s only ever holds its own share of the slots and never delays a fast
one. Outcomes are written back in batches: the attempt row, and the delivery settled or its
retry scheduled (``schedule.retry_delay``). ``due(now)`` is the clock-advance hook: it runs
everything due by ``now`` (retries, revalidations) before it returns.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from zemu.events import subscriptions, validation
from zemu.events.fanout import fan_out
from zemu.events.schedule import LEASE, REVALIDATE_EVERY, retry_delay, retryable, succeeded
from zemu.events.sender import Client, Sent, client, load_aiohttp, post
from zemu.events.signing import delivery_headers
from zemu.services.apps import get_app
from zemu.sim.clock import wall_time
from zemu.store import Tx
from zemu.store import webhooks as store

log = logging.getLogger("zemu.webhooks")
DEMO_APP_KEY = "demo_app_id"


@dataclass(slots=True)
class Job:
    delivery: store.Delivery
    secret: str
    extra_headers: dict[str, str]
    catch_up: bool  # claimed by a clock advance: its retry counts from its due time, not from now


@dataclass(slots=True)
class Outcome:
    job: Job
    at: float
    headers: dict[str, str]
    sent: Sent


def receiver_auth(sub: dict[str, Any] | None) -> dict[str, str]:
    """Headers of the subscription's receiver-authentication option (zoom-conventions §8.7)."""
    header = (sub or {}).get("custom_header") or {}
    kind = header.get("custom_header_type", 0)
    if kind == 1:
        pair = f"{header.get('username', '')}:{header.get('password', '')}".encode()
        return {"authorization": "Basic " + base64.b64encode(pair).decode()}
    if kind == 3 and header.get("custom_header_key"):
        key = str(header["custom_header_key"]).lower()
        return {key if key.startswith("x-") else f"x-{key}": str(header.get("custom_header_value", ""))}
    return {}


class DeliveryWorker:
    def __init__(
        self,
        runtime: Any,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        concurrency: int = 256,
        per_endpoint: int = 64,
        poll: float = 0.02,
        batch: int = 500,
    ) -> None:
        self.rt = runtime
        self.transport = transport
        self.concurrency = concurrency
        self.per_endpoint = per_endpoint
        self.poll = poll
        self.batch = batch
        self._http: Client | None = None
        self._inflight: dict[str, asyncio.Task[None]] = {}
        self._per_url: Counter[str] = Counter()
        self._validating: dict[str, asyncio.Task[None]] = {}
        self._outcomes: list[Outcome] = []
        self._wake: asyncio.Event | None = None
        self._last_validation_scan = 0.0
        self.loop: asyncio.AbstractEventLoop | None = None

    # lifecycle -----------------------------------------------------------------------------
    @property
    def http(self) -> Client:
        if self._http is None:
            self._http = client(self.transport, self.concurrency)
        return self._http

    async def run(self) -> None:
        """The background loop, for the server's lifetime."""
        self._wake = asyncio.Event()
        self.loop = asyncio.get_running_loop()  # the server's loop (tests schedule work on it)
        if self.transport is None:
            await asyncio.to_thread(load_aiohttp)  # its import is slow: off the loop, before any send
        try:
            while True:
                try:
                    now = self.rt.now()
                    self.pump(now, catch_up=False)
                    if wall_time() - self._last_validation_scan >= 1.0:
                        self._last_validation_scan = wall_time()
                        self.start_validations(now)
                except Exception:  # a store hiccup must not end deliveries for the server's lifetime
                    log.exception("webhook worker step failed")
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), self.poll)
                except TimeoutError:
                    pass
        finally:
            await self.close()

    async def close(self) -> None:
        for task in [*self._inflight.values(), *self._validating.values()]:
            task.cancel()
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def due(self, now: float) -> None:
        """Everything due by emulated ``now`` is attempted and recorded before this returns."""
        while True:
            claimed = self.pump(now, catch_up=True)
            started = self.start_validations(now)
            waiting = [*self._inflight.values(), *self._validating.values()]
            if not claimed and not started and not waiting:
                self.flush()
                return
            await asyncio.gather(*waiting, return_exceptions=True)
            self.flush()

    # one step ------------------------------------------------------------------------------
    def pump(self, now: float, *, catch_up: bool) -> int:
        """Record finished attempts, fan the outbox out, and start every due delivery there is
        room for. Answers how many deliveries it started."""
        self.flush()
        # read transactions: they begin (and lock) only once there is something to claim
        with self.rt.store.transaction(write=False) as tx:
            self._ensure_cli(tx)
            taken = fan_out(
                tx, self.rt.ids, limit=self.batch, check_event=self.rt.check_event if self.rt.config.strict else None
            )
        while taken == self.batch:
            with self.rt.store.transaction() as tx:
                taken = fan_out(
                    tx,
                    self.rt.ids,
                    limit=self.batch,
                    check_event=self.rt.check_event if self.rt.config.strict else None,
                )
        started = 0
        while True:
            free = self.concurrency - len(self._inflight)
            limit = min(free, self.per_endpoint)
            if limit <= 0:
                break
            saturated = [url for url, n in self._per_url.items() if n >= self.per_endpoint]
            with self.rt.store.transaction(write=False) as tx:
                jobs = self._claim(tx, now, limit, saturated, catch_up)
            for job in jobs:
                self._start(job)
            started += len(jobs)
            if len(jobs) < limit:
                break
        return started

    def _claim(self, tx: Tx, now: float, limit: int, saturated: list[str], catch_up: bool) -> list[Job]:
        claimed = store.claim_due(tx, now, wall_time(), LEASE, limit, saturated)
        apps: dict[str, dict[str, Any] | None] = {}
        subs: dict[str, dict[str, Any] | None] = {}
        jobs = []
        for d in claimed:
            if d.app_id not in apps:
                apps[d.app_id] = get_app(tx, d.app_id)
            if d.subscription_id not in subs:
                subs[d.subscription_id] = subscriptions.get(tx, d.subscription_id)
            app, sub = apps[d.app_id], subs[d.subscription_id]
            gone = (
                "the app was deleted"
                if app is None
                else "the subscription was deleted"
                if sub is None
                else "the subscription is disabled"
                if sub["status"] != subscriptions.ACTIVE
                else None
            )
            if gone or app is None:
                store.finish_attempt(
                    tx,
                    d.id,
                    status=store.FAILED,
                    attempts=d.attempts,
                    next_at=None,
                    last_status=-1,
                    last_error=gone,
                    now=tx.now,
                )
                continue
            jobs.append(Job(d, app["webhook_secret_token"], receiver_auth(sub), catch_up))
        return jobs

    def _start(self, job: Job) -> None:
        d = job.delivery
        self._per_url[d.url] += 1
        self._inflight[d.id] = asyncio.get_running_loop().create_task(self._attempt(job))

    async def _attempt(self, job: Job) -> None:
        d = job.delivery
        try:
            at = self.rt.now()
            body = d.body.encode()
            headers = delivery_headers(
                job.secret, str(int(at)), body, request_id=d.id, tracking_id=d.tracking_id, extra=job.extra_headers
            )
            sent = await post(self.http, d.url, body, headers)
            self._outcomes.append(Outcome(job, at, headers, sent))
        finally:
            self._inflight.pop(d.id, None)
            self._per_url[d.url] -= 1
            if self._per_url[d.url] <= 0:
                del self._per_url[d.url]
            if self._wake is not None:
                self._wake.set()

    def flush(self) -> None:
        """Write finished attempts back: one transaction for all of them."""
        if not self._outcomes:
            return
        outcomes, self._outcomes = self._outcomes, []
        with self.rt.store.transaction() as tx:
            rows = [row for o in outcomes if (row := self._settle(tx, o)) is not None]
            store.insert_attempts(tx, rows)

    def _settle(self, tx: Tx, o: Outcome) -> dict[str, Any] | None:
        d, sent = o.job.delivery, o.sent
        number = d.attempts
        next_at: float | None = None
        if succeeded(sent.status, number):
            status = store.DELIVERED
        elif retryable(sent.status) and (delay := retry_delay(number)) is not None:
            status = store.PENDING
            next_at = (d.next_at if o.job.catch_up and d.next_at is not None else o.at) + delay
        else:
            status = store.FAILED
        error = sent.error or (None if status == store.DELIVERED else f"answered HTTP {sent.status}")
        if not store.finish_attempt(
            tx,
            d.id,
            status=status,
            attempts=number + 1,
            next_at=next_at,
            last_status=sent.status,
            last_error=error,
            now=tx.now,
        ):
            return None  # the store was reset while this attempt was in flight
        return attempt_row(
            self.rt.ids.uid(),
            d,
            o.at,
            d.next_at or o.at,
            "delivery",
            min(number, 3),
            o.headers,
            sent,
            ok=status == store.DELIVERED,
            error=error,
        )

    # URL validation --------------------------------------------------------------------------
    def start_validations(self, now: float) -> int:
        """Start the automatic revalidation of every subscription whose check fell due."""
        started = 0
        with self.rt.store.transaction() as tx:
            for sub in subscriptions.every(tx):
                state = sub["validation"]
                if (
                    not state["enabled"]
                    or sub["status"] != subscriptions.ACTIVE
                    or state["next_at"] is None
                    or state["next_at"] > now
                    or sub["id"] in self._validating
                ):
                    continue
                app = get_app(tx, sub["app_id"])
                if app is None:
                    continue
                scheduled = state["next_at"]
                state["next_at"] = scheduled + REVALIDATE_EVERY  # claimed; settled when the check is done
                subscriptions.save(tx, sub)
                check = validation.challenge(self.rt.ids, self.rt.now(), sub["url"], app["webhook_secret_token"])
                task = asyncio.get_running_loop().create_task(self._revalidate(sub["id"], check, scheduled))
                self._validating[sub["id"]] = task
                started += 1
        return started

    async def _revalidate(self, sub_id: str, check: validation.Check, scheduled: float) -> None:
        try:
            await validation.run(self.http, check)
            with self.rt.store.transaction() as tx:
                sub = subscriptions.get(tx, sub_id)
                if sub is None:
                    return
                subscriptions.save(tx, validation.apply(sub, check, scheduled=scheduled))
                store.insert_attempts(tx, [validation.attempt_row(self.rt.ids, sub, check)])
        except Exception:
            log.exception("revalidation of subscription %s failed", sub_id)
        finally:
            self._validating.pop(sub_id, None)

    async def validate_now(self, sub_id: str) -> tuple[dict[str, Any], validation.Check] | None:
        """Validate on demand; a passing check re-enables a disabled subscription."""
        with self.rt.store.transaction(write=False) as tx:
            sub = subscriptions.get(tx, sub_id)
            app = get_app(tx, sub["app_id"]) if sub else None
        if sub is None or app is None:
            return None
        check = await validation.run(
            self.http, validation.challenge(self.rt.ids, self.rt.now(), sub["url"], app["webhook_secret_token"])
        )
        with self.rt.store.transaction() as tx:
            sub = subscriptions.get(tx, sub_id)
            if sub is None:
                return None
            if check.ok:
                sub["status"] = subscriptions.ACTIVE
                sub["validation"]["enabled"] = True
            subscriptions.save(tx, validation.apply(sub, check, scheduled=None))
            store.insert_attempts(tx, [validation.attempt_row(self.rt.ids, sub, check)])
        return sub, check

    async def check_url(self, url: str, secret: str) -> validation.Check:
        return await validation.run(self.http, validation.challenge(self.rt.ids, self.rt.now(), url, secret))

    # replay ------------------------------------------------------------------------------------
    async def replay(self, delivery_id: str) -> dict[str, Any] | None:
        """A new attempt of any delivery, now; a success settles it as delivered."""
        with self.rt.store.transaction(write=False) as tx:
            d = store.get_delivery(tx, delivery_id)
            app = get_app(tx, d.app_id) if d else None
            sub = subscriptions.get(tx, d.subscription_id) if d else None
        if d is None or app is None:
            return None
        at = self.rt.now()
        body = d.body.encode()
        headers = delivery_headers(
            app["webhook_secret_token"],
            str(int(at)),
            body,
            request_id=d.id,
            tracking_id=d.tracking_id,
            extra=receiver_auth(sub),
        )
        sent = await post(self.http, d.url, body, headers)
        ok = succeeded(sent.status, 1)
        row = attempt_row(
            self.rt.ids.uid(),
            d,
            at,
            at,
            "replay",
            min(d.attempts, 3),
            headers,
            sent,
            ok=ok,
            error=sent.error or (None if ok else f"answered HTTP {sent.status}"),
        )
        with self.rt.store.transaction() as tx:
            if store.get_delivery(tx, delivery_id) is None:
                return None
            store.insert_attempts(tx, [row])
            if ok:
                store.mark_delivered(tx, delivery_id, last_status=sent.status, now=tx.now)
        return row

    # zemu serve --webhook ----------------------------------------------------------------------
    def _ensure_cli(self, tx: Tx) -> None:
        urls = tuple(self.rt.config.webhook_urls or ())
        if not urls:
            return
        app = get_app(tx, tx.meta(DEMO_APP_KEY) or "")
        if app is not None:
            subscriptions.ensure_cli(tx, self.rt.catalog, self.rt.scope_set(tx, app["scope_set"]), app, urls, tx.now)


def attempt_row(
    row_id: str,
    d: store.Delivery,
    at: float,
    scheduled: float,
    kind: str,
    retry_num: int,
    headers: dict[str, str],
    sent: Sent,
    *,
    ok: bool,
    error: str | None,
) -> dict[str, Any]:
    return {
        "id": row_id,
        "delivery_id": d.id,
        "kind": kind,
        "account_id": d.account_id,
        "app_id": d.app_id,
        "subscription_id": d.subscription_id,
        "event": d.event,
        "url": d.url,
        "retry_num": retry_num,
        "at": at,
        "scheduled_at": scheduled,
        "ok": 1 if ok else 0,
        "status": sent.status,
        "failed_reason_type": sent.failed_reason_type,
        "error": None if ok else error,
        "latency_ms": sent.latency_ms,
        "request_headers": orjson.dumps(headers).decode(),
        "request_body": d.body,
        "response_headers": orjson.dumps(sent.headers).decode(),
        "response_body": sent.body.decode("utf-8", "replace"),
    }
