"""The ``/v2`` endpoint: route, authenticate, check scopes and limits, validate, dispatch.

Check order when several apply: token → scope → rate limit → product enabled (2031) → handler
exists (501) → path resources → request validation → business rules. The whole request runs
in one store transaction, so a refused request changes nothing.

Nothing here blocks the event loop. An operation whose handler must wait on the network is
``Prepared``: its step is awaited between two transactions (the first checks the request, the
second saves). On a store whose queries wait on the network (PostgreSQL), each transaction runs
in a worker thread with its own pooled connection, so concurrent requests overlap their round
trips; SQLite answers in microseconds and stays on the loop, where a thread would cost more.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import orjson
from starlette.types import Receive, Scope, Send

from zemu.catalog import Operation
from zemu.errors import MissingScope, NotImplementedOperation, ZoomError
from zemu.http.faults import DROPPED, apply_fault
from zemu.http.openapi import build_document
from zemu.http.redact import redact_query
from zemu.http.responses import INTERNAL_ERROR, UNKNOWN_ENDPOINT, send_error, send_file, send_json
from zemu.http.validation import StrictModeDrift
from zemu.http.wire import WireRequest, read_body
from zemu.products import handler_for, perform
from zemu.runtime import Runtime
from zemu.services.addressing import resolve_path
from zemu.services.context import Context, FileBody, Prepared
from zemu.sim.clock import real_seconds
from zemu.store import Tx

log = logging.getLogger("zemu.api")
T = TypeVar("T")

PHONE_DISABLED = ZoomError(2031, "Zoom Phone has not been enabled for this account.", 403)
PHONE_PRODUCTS = ("phone",)
OPENAPI_PATH = "/v2/openapi.json"


def check_scopes(op: Operation, held: frozenset[str]) -> None:
    needed = op.scopes_classic + op.scopes_granular
    if needed and held.isdisjoint(needed):
        raise MissingScope(list(op.scopes_granular or op.scopes_classic))


def success_status(op: Operation, result: Any) -> int:
    """The documented 2xx, always: an operation that documents 200 but has nothing to say
    answers 200 with an empty body (a client written against the document expects 200)."""
    if isinstance(result, FileBody):
        return 200
    return op.success_status


class Api:
    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime
        store = runtime.store
        self._threads = (
            ThreadPoolExecutor(getattr(store, "threads", 8), thread_name_prefix="zemu-tx") if store.blocking else None
        )
        self._limits = threading.Lock()  # rate-limit counters are read and bumped from several threads
        self._openapi: FileBody | None = None

    def openapi(self) -> FileBody:
        """zemu's OpenAPI document (2 MB), built on its first request: work most runs never need."""
        if self._openapi is None:
            rt = self.rt
            document = build_document(rt.catalog, rt.config.origin, lambda op: handler_for(rt.handlers, op) is not None)
            self._openapi = FileBody("application/json", document)
        return self._openapi

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A raw ASGI app: the /v2 hot path skips the framework's routing and request objects."""
        rt = self.rt
        started, started_real = rt.clock.now(), real_seconds()
        request = WireRequest.of(scope)
        if request.raw_path == OPENAPI_PATH and request.method == "GET":
            await send_file(send, 200, self.openapi(), {})  # no token needed: it is a public document
            return
        match = rt.router.match(request.method, request.raw_path[len("/v2") :])
        headers: dict[str, str] = {}
        op = match.operation if match is not None else None
        fault = None
        if op is not None and match is not None and rt.faults.rules():  # free while no fault rule exists
            fault = await apply_fault(rt, request, op, scope["path"][len("/v2") :], match.path_params, send)
        if fault is not None:
            status, body, headers = fault
        elif match is None or op is None:
            status, body = UNKNOWN_ENDPOINT.status, UNKNOWN_ENDPOINT
        else:
            status, body = await self._answer(request, op, match.path_params, receive, headers)
        if isinstance(body, ZoomError):
            await send_error(send, body, headers)
        elif isinstance(body, FileBody):
            await send_file(send, status, body, headers)
        elif status != DROPPED:  # a dropped connection has nothing left to send
            await send_json(send, status, body, headers)
        rt.requests.append(
            {
                "at": started,
                "method": request.method,
                "path": scope["path"],
                "query": redact_query(request.query_string),
                "status": status,
                "operation_id": op.operation_id if op else None,
                "latency_ms": round((real_seconds() - started_real) * 1000, 2),
                "app_id": request.app_id,
                "account_id": request.account_id,
            }
        )

    async def _answer(
        self, request: WireRequest, op: Operation, path: dict[str, str], receive: Receive, headers: dict[str, str]
    ) -> tuple[int, Any]:
        """The handler's result with its status, or the error to render."""
        try:
            # Zoom's GETs take no body
            body = b"" if op.method == "GET" else await read_body(receive, declared=request.content_length)
            handler = handler_for(self.rt.handlers, op)
            write = op.method != "GET"
            if isinstance(handler, Prepared):
                step = await self._off_loop(
                    self._dispatch, request, op, path, body, headers, handler.prepare, None, False, True, False
                )
                prepared = await step(self.rt.webhooks.http) if step is not None else None
                result = await self._off_loop(
                    self._dispatch, request, op, path, body, headers, handler.handler, prepared, write, False, True
                )
            else:
                result = await self._off_loop(
                    self._dispatch, request, op, path, body, headers, handler, None, write, True, True
                )
            return success_status(op, result), result
        except ZoomError as error:
            return error.status, error
        except StrictModeDrift as drift:
            log.error("strict mode: %s", drift)
            return 500, ZoomError(500, f"strict mode: {drift}", 500)
        except Exception:  # no input may crash the server; the transaction has rolled back
            log.error("unexpected error in %s:\n%s", op.operation_id, traceback.format_exc())
            return 500, INTERNAL_ERROR

    async def _off_loop(self, work: Callable[..., T], *args: Any) -> T:
        """Run a transaction where it cannot hold up the loop: in a worker thread when the store
        waits on the network, inline otherwise."""
        if self._threads is None:
            return work(*args)
        return await asyncio.get_running_loop().run_in_executor(self._threads, work, *args)

    def _dispatch(
        self,
        request: WireRequest,
        op: Operation,
        path: dict[str, str],
        body: bytes,
        headers: dict[str, str],
        handler: Callable[[Context], Any] | None,
        prepared: Any,
        write: bool,
        first: bool,
        answers: bool,
    ) -> Any:
        """One transaction: authenticate, check, then call ``handler``. A prepared operation has
        two: the ``first`` counts the request against its rate limit and answers the step to
        await (not an answer to check against the schema); the second saves and answers."""
        rt = self.rt
        token = request.bearer_token()
        with rt.store.transaction(write=write) as tx:
            now = rt.clock.now()
            held = rt.access_token(tx, token, now)
            request.app_id, request.account_id = held["app"], held["account_id"]
            scopes = rt.scope_set(tx, held["scope_set"])
            check_scopes(op, scopes)
            self._check_account(tx, op, held["account_id"], now, headers, count=first)
            if handler is None:
                raise NotImplementedOperation(op.operation_id, op.method, op.path)
            resolved = resolve_path(tx, path, held["account_id"], held.get("user_id"))
            ctx = Context(
                op=op,
                tx=tx,
                ids=rt.ids,
                pager=rt.pager,
                now=now,
                account_id=held["account_id"],
                user_id=held.get("user_id"),
                scopes=scopes,
                path=rt.validators.path_params(op, resolved),
                query=rt.validators.query(op, request.query_items),
                body=rt.validators.body(op, body, request.content_type),
                check_event=rt.check_event if rt.config.strict else None,
                origin=rt.config.origin,
                app_id=held["app"],
                grant=held.get("grant", ""),
                prepared=prepared,
            )
            result = perform(handler, ctx)
            if rt.config.strict and answers:
                self._check_response(op, result)
            return result

    def _check_account(
        self, tx: Tx, op: Operation, account_id: str, now: float, headers: dict[str, str], count: bool = True
    ) -> None:
        limiter = self.rt.rate_limiter
        if op.product not in PHONE_PRODUCTS and limiter.profile == "off":
            return
        account = tx.get("account", account_id) or {}
        verdict = None
        if count:
            with self._limits:
                verdict = limiter.check(
                    account_id, account.get("account_type", "Business"), op.product, op.rate_label, now
                )
        if verdict is not None:
            headers.update(verdict.headers)
            if verdict.error is not None:
                raise verdict.error
        if op.product in PHONE_PRODUCTS and not account.get("phone_enabled", False):
            raise PHONE_DISABLED

    def _check_response(self, op: Operation, result: Any) -> None:
        if (op.success_status == 204 and result is None) or isinstance(result, FileBody):
            return
        plain = orjson.loads(orjson.dumps(result))  # embedded list views are validated as JSON
        errors = self.rt.validators.response_errors(op, plain)
        if errors:
            raise StrictModeDrift(f"response of {op.operation_id} does not match its schema: {errors[:5]}")
